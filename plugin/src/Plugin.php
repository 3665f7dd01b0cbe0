<?php
/**
 * Composition root: builds the services once and wires them to WordPress hooks.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments;

use RuPayments\Admin\AdminServices;
use RuPayments\Admin\PayerDetails;
use RuPayments\Background\Jobs;
use RuPayments\Blocks\BlocksRegistrar;
use RuPayments\Events\EarlierAttempts;
use RuPayments\Events\EventProcessor;
use RuPayments\Checkout\MixedCartNotice;
use RuPayments\Frontend\PayPageNotice;
use RuPayments\Frontend\ThankYouPage;
use RuPayments\Gateways\Availability;
use RuPayments\Gateways\Gateway;
use RuPayments\Gateways\Methods;
use RuPayments\Orders\AuthorizationHooks;
use RuPayments\Orders\FailedPaymentNotifier;
use RuPayments\Orders\PaidStatus;
use RuPayments\Orders\ProviderRefunds;
use RuPayments\Orders\StatusApplier;
use RuPayments\Payments\AuthorizationProcessor;
use RuPayments\Payments\PaymentProcessor;
use RuPayments\Payments\RefundProcessor;
use RuPayments\Profiles\ProfileResolver;
use RuPayments\Profiles\Profiles;
use RuPayments\Providers\ProviderConfigSaver;
use RuPayments\Providers\ProviderDirectory;
use RuPayments\Providers\ProviderSettings;
use RuPayments\Rest\CallbackRelayController;
use RuPayments\Rest\EventsController;
use RuPayments\Rest\OrderStatusController;
use RuPayments\Settings\CallbackMode;
use RuPayments\Settings\SecretsDestination;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Signing\NonceStore;
use RuPayments\Storage\DbMarkers;
use RuPayments\Storage\MysqlOrderLocks;
use RuPayments\Storage\Schema;
use RuPayments\Support\ErrorReporter;
use RuPayments\Support\Logger;
use RuPayments\Till\TillModule;

defined( 'ABSPATH' ) || exit;

/**
 * Plugin entry point: every service is created once, lazily, and shared.
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
	private ?Methods $methods = null;
	private ?Profiles $profiles = null;
	private ?ProfileResolver $profile_resolver = null;
	private ?ProviderSettings $provider_settings = null;
	private ?ProviderDirectory $provider_directory = null;
	private ?CallbackMode $callback_mode = null;
	private ?Availability $availability = null;
	private ?ErrorReporter $error_reporter = null;
	private ?PaymentProcessor $payment_processor = null;
	private ?RefundProcessor $refund_processor = null;
	private ?AuthorizationProcessor $authorization_processor = null;
	private ?EventProcessor $event_processor = null;
	private ?SecretsDestination $secrets_destination = null;
	private ?ProviderConfigSaver $provider_config_saver = null;

	/** @var array<string,Gateway>|null */
	private ?array $gateways = null;

	/**
	 * @param string $file    Absolute path of the main plugin file.
	 * @param string $version Plugin version.
	 */
	public function __construct( private readonly string $file, private readonly string $version ) {
	}

	/** The shared instance (created on first use). */
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

		// The markers table before anything may need it (REST requests included).
		add_action( 'init', array( Schema::class, 'maybe_upgrade' ), 0 );
		add_action( 'init', array( $this->settings(), 'register' ) );
		add_action( 'init', array( $this->callback_mode(), 'register' ) );

		add_filter( 'woocommerce_payment_gateways', array( $this, 'add_gateways' ) );
		( new BlocksRegistrar( fn (): array => $this->gateways(), $this->availability(), $this->file, $this->version ) )->register();
		( new PaidStatus() )->register();
		( new FailedPaymentNotifier( $this->error_reporter() ) )->register();
		( new AuthorizationHooks( $this->authorization_processor() ) )->register();
		( new ThankYouPage( $this->methods()->ids(), $this->file, $this->version ) )->register();
		( new PayPageNotice() )->register();
		( new MixedCartNotice( fn (): array => $this->gateways(), $this->profile_resolver() ) )->register();
		( new PayerDetails() )->register();

		$order_status = new OrderStatusController( $this->client() );
		add_action( 'rest_api_init', array( $order_status, 'register_routes' ) );

		$events = $this->events_controller();
		add_action( 'rest_api_init', array( $events, 'register_routes' ) );
		add_filter( 'rest_request_after_callbacks', array( $events, 'format_error' ), 10, 3 );

		$relay = $this->callback_relay_controller();
		add_action( 'rest_api_init', array( $relay, 'register_routes' ) );
		add_filter( 'rest_pre_serve_request', array( $relay, 'serve_raw' ), 10, 3 );

		Jobs::register( $this );
		( new TillModule( $this, fn (): array => $this->gateways() ) )->register();

		if ( is_admin() ) {
			AdminServices::register( $this );
		}

		/**
		 * Fires once the plugin's services are wired; extensions hook their own features here.
		 *
		 * @param Plugin $plugin The plugin instance.
		 */
		do_action( 'ru_payments_loaded', $this );
	}

	/**
	 * Hooked on `woocommerce_payment_gateways`: one gateway instance per method.
	 *
	 * @param mixed $gateways Gateway class names or instances.
	 * @return array<int|string,mixed>
	 */
	public function add_gateways( $gateways ): array {
		return array_merge( is_array( $gateways ) ? $gateways : array(), array_values( $this->gateways() ) );
	}

	/**
	 * The gateways, built on first use (WooCommerce must be loaded).
	 *
	 * @return array<string,Gateway>
	 */
	public function gateways(): array {
		if ( null === $this->gateways ) {
			$this->gateways = array();
			foreach ( $this->methods()->all() as $id => $definition ) {
				$this->gateways[ $id ] = new Gateway( $definition, $this );
			}
		}
		return $this->gateways;
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
		return $this->status_applier ??= new StatusApplier( new ProviderRefunds( $this->logger() ) );
	}

	public function methods(): Methods {
		return $this->methods ??= new Methods();
	}

	public function profiles(): Profiles {
		return $this->profiles ??= new Profiles();
	}

	public function profile_resolver(): ProfileResolver {
		return $this->profile_resolver ??= new ProfileResolver();
	}

	public function provider_settings(): ProviderSettings {
		return $this->provider_settings ??= new ProviderSettings();
	}

	public function provider_directory(): ProviderDirectory {
		return $this->provider_directory ??= new ProviderDirectory( $this->client() );
	}

	public function callback_mode(): CallbackMode {
		return $this->callback_mode ??= new CallbackMode( $this->provider_directory() );
	}

	public function availability(): Availability {
		return $this->availability ??= new Availability( $this->provider_settings(), fn (): array => $this->profiles()->all() );
	}

	public function error_reporter(): ErrorReporter {
		return $this->error_reporter ??= new ErrorReporter( $this->logger() );
	}

	public function payment_processor(): PaymentProcessor {
		return $this->payment_processor ??= new PaymentProcessor(
			$this->client(),
			$this->availability(),
			$this->profile_resolver(),
			$this->provider_settings(),
			$this->error_reporter(),
			$this->logger()
		);
	}

	public function refund_processor(): RefundProcessor {
		return $this->refund_processor ??= new RefundProcessor( $this->client(), $this->logger() );
	}

	public function authorization_processor(): AuthorizationProcessor {
		return $this->authorization_processor ??= new AuthorizationProcessor( $this->client(), $this->logger() );
	}

	public function event_processor(): EventProcessor {
		return $this->event_processor ??= new EventProcessor(
			$this->status_applier(),
			new DbMarkers(),
			new MysqlOrderLocks(),
			new EarlierAttempts( $this->logger() ),
			$this->logger()
		);
	}

	public function secrets_destination(): SecretsDestination {
		return $this->secrets_destination ??= new SecretsDestination( $this->settings() );
	}

	public function provider_config_saver(): ProviderConfigSaver {
		return $this->provider_config_saver ??= new ProviderConfigSaver( $this->provider_settings(), $this->client(), $this->logger(), $this->callback_mode(), $this->secrets_destination() );
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
