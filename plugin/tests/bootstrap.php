<?php
/**
 * PHPUnit bootstrap: loads the WordPress/WooCommerce test doubles, then the real main plugin file
 * (its autoloader and hooks), exactly as WordPress would include it.
 *
 * @package RuPayments\Tests
 */

define( 'ABSPATH', __DIR__ . '/' );
define( 'RU_PAYMENTS_TESTS_DIR', __DIR__ );
define( 'RU_PAYMENTS_PLUGIN_DIR', dirname( __DIR__ ) );

foreach ( glob( __DIR__ . '/doubles/*.php' ) as $double ) {
	require_once $double;
}

RU_Payments_Test_State::reset();
require_once RU_PAYMENTS_PLUGIN_DIR . '/ru-payments-for-woocommerce.php';
RU_Payments_Test_State::$boot_hooks = RU_Payments_Test_State::$hooks;
// Doubles of the plugin's own interfaces need its autoloader.
require_once __DIR__ . '/doubles/storage/class-storage-doubles.php';

require_once __DIR__ . '/unit/TestCase.php';
