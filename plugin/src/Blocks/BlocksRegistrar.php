<?php
/**
 * Registers the Checkout block integrations.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Blocks;

use Automattic\WooCommerce\Blocks\Assets\AssetDataRegistry;
use Automattic\WooCommerce\Blocks\Package;
use Automattic\WooCommerce\Blocks\Payments\Integrations\AbstractPaymentMethodType;
use RuPayments\Gateways\Availability;
use RuPayments\Gateways\Gateway;

defined( 'ABSPATH' ) || exit;

/**
 * On `woocommerce_blocks_payment_method_type_registration` registers one MethodIntegration per
 * gateway, and publishes `ru_payments_data` = `{"methods":[active ids]}` through the Blocks asset
 * data registry (read by the block script with getSetting( 'ru_payments_data' )).
 */
final class BlocksRegistrar {

	public const DATA_KEY = 'ru_payments_data';

	/**
	 * @var list<MethodIntegration>
	 */
	private array $integrations = array();

	/**
	 * @param \Closure():array<string,Gateway> $gateways     Gateways by id.
	 * @param Availability                     $availability Availability rules.
	 * @param string                           $plugin_file  Main plugin file.
	 * @param string                           $version      Plugin version.
	 */
	public function __construct(
		private readonly \Closure $gateways,
		private readonly Availability $availability,
		private readonly string $plugin_file,
		private readonly string $version
	) {
	}

	public function register(): void {
		add_action( 'woocommerce_blocks_payment_method_type_registration', array( $this, 'register_methods' ) );
	}

	/**
	 * @param object $registry Automattic\WooCommerce\Blocks\Payments\PaymentMethodRegistry.
	 */
	public function register_methods( $registry ): void {
		if ( ! class_exists( AbstractPaymentMethodType::class ) || ! is_object( $registry ) || ! method_exists( $registry, 'register' ) ) {
			return;
		}
		foreach ( ( $this->gateways )() as $gateway ) {
			$integration          = new MethodIntegration( $gateway, $this->availability, $this->plugin_file, $this->version );
			$this->integrations[] = $integration;
			$registry->register( $integration );
		}

		if ( class_exists( Package::class ) && class_exists( AssetDataRegistry::class ) ) {
			Package::container()->get( AssetDataRegistry::class )->add( self::DATA_KEY, array( $this, 'data' ) );
		}
	}

	/**
	 * The shared data, computed when wcSettings is printed.
	 *
	 * @return array{methods: list<string>}
	 */
	public function data(): array {
		$methods = array();
		foreach ( $this->integrations as $integration ) {
			if ( $integration->is_active() ) {
				$methods[] = $integration->get_name();
			}
		}
		return array( 'methods' => $methods );
	}
}
