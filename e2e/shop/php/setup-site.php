<?php
/**
 * Sets up a fresh test shop from the command line (there is no wp-cli): WordPress installed,
 * WooCommerce active with HPOS, RUB and Russia, our plugin installed FROM THE BUILT ZIP the way
 * wp-admin's upload form installs it (Plugin_Upgrader), connected to the sidecar, every method on in
 * test mode, and a few products.
 *
 * Usage: php setup-site.php <wordpress dir> <site url> <plugin zip> <sidecar url> <shared secret> <stage>
 *   stage "install": WordPress itself; stage "shop": everything else (needs WooCommerce loaded).
 * Prints one JSON line with what the tests need.
 */

[ , $rup_dir, $rup_url, $rup_zip, $rup_sidecar, $rup_secret, $rup_stage ] = $argv;
$rup_host             = (string) parse_url( $rup_url, PHP_URL_HOST ) . ':' . (string) parse_url( $rup_url, PHP_URL_PORT );
$_SERVER['HTTP_HOST'] = $rup_host;
$_SERVER['REQUEST_URI'] = '/';

if ( 'install' === $rup_stage ) {
	define( 'WP_INSTALLING', true );
	require $rup_dir . '/wp-load.php';
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	$result = wp_install( 'RU Payments test shop', 'admin', 'admin@example.test', false, '', 'admin-password-for-tests', 'en_US' );
	update_option( 'permalink_structure', '/%postname%/' );
	update_option( 'siteurl', $rup_url );
	update_option( 'home', $rup_url );
	require_once ABSPATH . 'wp-admin/includes/plugin.php';
	$activated = activate_plugin( 'woocommerce/woocommerce.php' );
	if ( is_wp_error( $activated ) ) {
		fwrite( STDERR, 'WooCommerce: ' . $activated->get_error_message() . "\n" );
		exit( 1 );
	}
	echo wp_json_encode( array( 'installed' => true, 'user' => $result['user_id'] ) ) . "\n";
	exit( 0 );
}

require $rup_dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/class-wp-upgrader.php';
wp_set_current_user( 1 );

WC_Install::install();
require __DIR__ . '/setup-shop.php';
