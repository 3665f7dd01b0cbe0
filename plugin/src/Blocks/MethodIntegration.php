<?php
/**
 * Checkout block integration of one RU Payments gateway.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Blocks;

use Automattic\WooCommerce\Blocks\Payments\Integrations\AbstractPaymentMethodType;
use RuPayments\Gateways\Availability;
use RuPayments\Gateways\Gateway;
use RuPayments\Gateways\GatewayOptions;

defined( 'ABSPATH' ) || exit;

/**
 * Registers the shared script (blocks/build → build/index.js) and hands the block the gateway's
 * public data as `<id>_data` in wcSettings. Nothing secret is ever part of that data.
 */
final class MethodIntegration extends AbstractPaymentMethodType {

	public const SCRIPT = 'ru-payments-blocks';
	public const DOMAIN = 'ru-payments-for-woocommerce';

	public function __construct(
		private readonly Gateway $gateway,
		private readonly Availability $availability,
		private readonly string $plugin_file,
		private readonly string $version
	) {
		$this->name = $gateway->id;
	}

	public function initialize() {
		$settings       = get_option( GatewayOptions::option_key( $this->name ), array() );
		$this->settings = is_array( $settings ) ? $settings : array();
	}

	/**
	 * Enabled and, for methods that need it, with a configured provider. Deliberately independent of
	 * the cart: the block itself hides the method outside its limits (canMakePayment), and the
	 * server re-checks everything when the order is placed.
	 */
	public function is_active() {
		return $this->gateway->is_enabled() && $this->availability->provider_ready( $this->gateway, null );
	}

	/**
	 * @return list<string>
	 */
	public function get_payment_method_script_handles() {
		self::register_script( $this->plugin_file, $this->version );
		return array( self::SCRIPT );
	}

	/**
	 * Public data only: texts, limits in kopecks, features and flags.
	 *
	 * @return array<string,mixed>
	 */
	public function get_payment_method_data() {
		$limits     = $this->gateway->limits();
		$definition = $this->gateway->definition();
		return array(
			'title'        => $this->gateway->get_title(),
			'description'  => $this->gateway->get_description(),
			'min_total'    => $limits->min,
			'max_total'    => $limits->max,
			'supports'     => $this->get_supported_features(),
			'icons'        => array(),
			'split'        => null !== $definition->split_parts ? array( 'parts' => $definition->split_parts ) : null,
			'legal_entity' => $definition->legal_entity,
			'test_mode'    => $this->gateway->is_test_mode(),
		);
	}

	/**
	 * @return list<string>
	 */
	public function get_supported_features() {
		return array_values( array_filter( $this->gateway->supports, array( $this->gateway, 'supports' ) ) );
	}

	/**
	 * Registers `ru-payments-blocks` once, with the dependencies webpack wrote next to the bundle, and
	 * its translations from the plugin's languages/ folder.
	 */
	public static function register_script( string $plugin_file, string $version ): void {
		if ( wp_script_is( self::SCRIPT, 'registered' ) ) {
			return;
		}
		$dir   = plugin_dir_path( $plugin_file );
		$asset = is_readable( $dir . 'build/index.asset.php' ) ? require $dir . 'build/index.asset.php' : array();
		wp_register_script(
			self::SCRIPT,
			plugins_url( 'build/index.js', $plugin_file ),
			is_array( $asset['dependencies'] ?? null ) ? $asset['dependencies'] : array(),
			is_string( $asset['version'] ?? null ) ? $asset['version'] : $version,
			true
		);
		wp_set_script_translations( self::SCRIPT, self::DOMAIN, $dir . 'languages' );
	}
}
