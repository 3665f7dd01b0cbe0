<?php
/**
 * Plugin Name:          RU Payments for WooCommerce
 * Description:          Accept payments through Russian payment providers in WooCommerce. Provider integrations run in the RU Payments sidecar service.
 * Version:              0.2.0
 * Requires at least:    6.8
 * Requires PHP:         8.1
 * Requires Plugins:     woocommerce
 * Author:               RU Payments contributors
 * License:              GPL-2.0-or-later
 * License URI:          https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:          ru-payments-for-woocommerce
 * Domain Path:          /languages
 * WC requires at least: 8.0
 * WC tested up to:      11.0
 *
 * @package RuPayments
 */

defined( 'ABSPATH' ) || exit;

if ( defined( 'RU_PAYMENTS_VERSION' ) ) {
	return;
}

define( 'RU_PAYMENTS_VERSION', '0.2.0' );
define( 'RU_PAYMENTS_FILE', __FILE__ );

/*
 * PSR-4 autoloader: RuPayments\Foo\Bar → src/Foo/Bar.php.
 */
spl_autoload_register(
	static function ( string $class_name ): void {
		$prefix = 'RuPayments\\';
		if ( ! str_starts_with( $class_name, $prefix ) ) {
			return;
		}
		$file = __DIR__ . '/src/' . str_replace( '\\', '/', substr( $class_name, strlen( $prefix ) ) ) . '.php';
		if ( is_readable( $file ) ) {
			require $file;
		}
	}
);

add_action(
	'before_woocommerce_init',
	static function (): void {
		if ( class_exists( \Automattic\WooCommerce\Utilities\FeaturesUtil::class ) ) {
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', RU_PAYMENTS_FILE, true );
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'cart_checkout_blocks', RU_PAYMENTS_FILE, true );
		}
	}
);

// No load_plugin_textdomain(): since WordPress 6.8 translations in the Domain Path folder load just in time.

register_activation_hook( __FILE__, array( \RuPayments\Storage\Schema::class, 'install' ) );

add_action(
	'plugins_loaded',
	static function (): void {
		if ( ! class_exists( 'WooCommerce' ) ) {
			add_action( 'admin_notices', array( \RuPayments\Plugin::class, 'missing_woocommerce_notice' ) );
			return;
		}
		\RuPayments\Plugin::instance()->boot();
	},
	11
);
