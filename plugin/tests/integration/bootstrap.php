<?php
/**
 * Boots the REAL WordPress + WooCommerce of the test shop (RUP_WP_DIR, set by
 * e2e/shop/run-stage.mjs) with our plugin as installed there from its ZIP. No doubles.
 *
 * @package RuPayments\Tests
 */

$rup_wp_dir = getenv( 'RUP_WP_DIR' );
if ( ! is_string( $rup_wp_dir ) || ! is_file( $rup_wp_dir . '/wp-load.php' ) ) {
	fwrite( STDERR, "RUP_WP_DIR must name the test shop's WordPress folder (run through e2e/shop/run-stage.mjs).\n" );
	exit( 1 );
}
$rup_url                = (string) getenv( 'WC_E2E_URL' );
$_SERVER['HTTP_HOST']   = (string) parse_url( $rup_url, PHP_URL_HOST ) . ':' . (string) parse_url( $rup_url, PHP_URL_PORT );
$_SERVER['REQUEST_URI'] = '/';
require $rup_wp_dir . '/wp-load.php';
require_once __DIR__ . '/ShopTestCase.php';
