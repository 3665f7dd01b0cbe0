<?php
/**
 * Composition root: builds the services once and wires them to WordPress hooks.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments;

use RuPayments\Admin\SettingsPage;
use RuPayments\Admin\TestConnectionHandler;
use RuPayments\Orders\StatusApplier;
use RuPayments\Rest\CallbackRelayController;
use RuPayments\Rest\EventsController;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Signing\NonceStore;
use RuPayments\Support\Logger;

defined( 'ABSPATH' ) || exit;

/**
 * Plugin entry point. Later features (gateways, blocks, refunds) get their services from here.
 */
final class Plugin {

	private static ?Plugin $instance = null;

	private bool $booted = false;

	private ?SidecarSettings $settings = null;

	private ?Logger $logger = null;

	private ?SidecarClient $client = null;

	private ?StatusApplier $status_applier = null;

	private ?EventsController $events_controller = null;

	private ?CallbackRelayController $callback_relay_controller = null;

	/**
	 * @param string $file    Absolute path of the main plugin file.
	 * @param string $version Plugin version.
	 */
	public function __construct( private readonly string $file, private readonly string $version ) {
	}

	/**
	 * The shared instance (created on first use).
	 */
	public static function instance(): self {
		return self::$instance ??= new self( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION );
	}

	/**
	 * Registers every hook. Safe to call more than once.
	 */
	public function boot(): void {
		if ( $this->booted ) {
			return;
		}
		$this->booted = true;

		add_action( 'init', array( $this->settings(), 'register' ) );

		$events = $this->events_controller();
		add_action( 'rest_api_init', array( $events, 'register_routes' ) );
		add_filter( 'rest_request_after_callbacks', array( $events, 'format_error' ), 10, 3 );

		$relay = $this->callback_relay_controller();
		add_action( 'rest_api_init', array( $relay, 'register_routes' ) );
		add_filter( 'rest_pre_serve_request', array( $relay, 'serve_raw' ), 10, 3 );

		if ( is_admin() ) {
			( new SettingsPage( $this->settings(), $this->file, $this->version ) )->register();
			( new TestConnectionHandler( $this->client(), $this->settings() ) )->register();
		}

		/**
		 * Fires once the plugin's services are wired; extensions hook their own features here.
		 *
		 * @param Plugin $plugin The plugin instance.
		 */
		do_action( 'ru_payments_loaded', $this );
	}

	public function file(): string {
		return $this->file;
	}

	public function version(): string {
		return $this->version;
	}

	public function settings(): SidecarSettings {
		return $this->settings ??= new SidecarSettings();
	}

	public function logger(): Logger {
		return $this->logger ??= new Logger();
	}

	public function client(): SidecarClient {
		return $this->client ??= new SidecarClient( $this->settings(), $this->logger(), $this->version );
	}

	public function status_applier(): StatusApplier {
		return $this->status_applier ??= new StatusApplier();
	}

	public function events_controller(): EventsController {
		return $this->events_controller ??= new EventsController(
			$this->settings(),
			new NonceStore(),
			$this->status_applier(),
			$this->logger()
		);
	}

	public function callback_relay_controller(): CallbackRelayController {
		return $this->callback_relay_controller ??= new CallbackRelayController( $this->client(), $this->logger() );
	}

	/**
	 * Loads translations from `languages/` next to the main file (the packaged layout), falling back to
	 * the repository's top-level `languages/` folder in a development checkout.
	 */
	public static function load_textdomain(): void {
		$relative = dirname( plugin_basename( RU_PAYMENTS_FILE ) ) . '/languages';
		if ( load_plugin_textdomain( 'ru-payments-for-woocommerce', false, $relative ) ) {
			return;
		}
		$mo = dirname( RU_PAYMENTS_FILE, 2 ) . '/languages/ru-payments-for-woocommerce-' . determine_locale() . '.mo';
		if ( is_readable( $mo ) ) {
			load_textdomain( 'ru-payments-for-woocommerce', $mo );
		}
	}

	/**
	 * Admin notice shown when WooCommerce is not active.
	 */
	public static function missing_woocommerce_notice(): void {
		if ( ! current_user_can( 'activate_plugins' ) ) {
			return;
		}
		printf(
			'<div class="notice notice-error"><p>%s</p></div>',
			esc_html__( 'RU Payments for WooCommerce needs WooCommerce to be installed and active.', 'ru-payments-for-woocommerce' )
		);
	}
}
