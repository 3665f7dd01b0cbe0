<?php
/**
 * Base test case: fresh double state and superglobals for every test.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Gateways\Gateway;
use RuPayments\Plugin;
use WC_Cart;
use WC_Product;

abstract class TestCase extends \PHPUnit\Framework\TestCase {

	public const SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

	protected function setUp(): void {
		parent::setUp();
		RU_Payments_Test_State::reset();
		$_GET     = array();
		$_POST    = array();
		$_REQUEST = array();
	}

	protected function configure_sidecar( string $url = 'http://sidecar:8080', string $secret = self::SECRET ): void {
		RU_Payments_Test_State::$options['ru_payments_sidecar_url']    = $url;
		RU_Payments_Test_State::$options['ru_payments_sidecar_secret'] = $secret;
	}

	protected function logs(): string {
		return wc_get_logger()->dump();
	}

	/**
	 * A fresh plugin instance (its own services) for gateway tests.
	 */
	protected function plugin(): Plugin {
		return new Plugin( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION );
	}

	/**
	 * A gateway with saved settings (enabled unless told otherwise).
	 *
	 * @param array<string,string> $settings Gateway settings.
	 */
	protected function gateway( string $id, array $settings = array(), ?Plugin $plugin = null ): Gateway {
		RU_Payments_Test_State::$options[ 'woocommerce_' . $id . '_settings' ] = $settings + array( 'enabled' => 'yes' );
		$gateway = ( $plugin ?? $this->plugin() )->gateways()[ $id ];
		// The plugin builds all gateways at once: reload the settings saved after that.
		$gateway->init_settings();
		$gateway->title       = (string) $gateway->get_option( 'title' );
		$gateway->description = (string) $gateway->get_option( 'description' );
		RU_Payments_Test_State::$gateways[ $id ] = $gateway;
		return $gateway;
	}

	/**
	 * Saved provider settings for a profile.
	 *
	 * @param array<string,string> $values Settings.
	 */
	protected function configure_provider( string $provider, array $values, string $profile = 'default' ): void {
		RU_Payments_Test_State::$options[ 'ru_payments_provider_' . $provider . '_' . $profile ] = $values;
	}

	/**
	 * A cart with the total WooCommerce computed (float) and the given products.
	 */
	protected function cart( float $total, WC_Product ...$products ): WC_Cart {
		$cart        = new WC_Cart();
		$cart->total = $total;
		foreach ( $products as $product ) {
			$cart->add( $product );
		}
		RU_Payments_Test_State::$wc->cart = $cart;
		return $cart;
	}
}
