<?php
/**
 * Runs when the plugin is deleted. Like WooCommerce, it removes data only when wp-config.php has
 * define( 'WC_REMOVE_ALL_DATA', true ); then everything listed in src/Support/StoredData.php goes
 * (options, transients, the markers table, the plugin's order/product/term meta, its scheduled
 * actions). Otherwise everything stays, so deleting and reinstalling the plugin loses nothing.
 *
 * @package RuPayments
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

spl_autoload_register(
	static function ( string $class_name ): void {
		$prefix = 'RuPayments\\';
		if ( str_starts_with( $class_name, $prefix ) ) {
			$file = __DIR__ . '/src/' . str_replace( '\\', '/', substr( $class_name, strlen( $prefix ) ) ) . '.php';
			if ( is_readable( $file ) ) {
				require_once $file;
			}
		}
	}
);

if ( \RuPayments\Support\Uninstaller::wanted() ) {
	\RuPayments\Support\Uninstaller::run();
}
