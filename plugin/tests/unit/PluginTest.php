<?php
/**
 * Main plugin file: header, version, autoloader, compatibility declarations and hook wiring.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use Automattic\WooCommerce\Utilities\FeaturesUtil;
use RU_Payments_Test_State;
use RuPayments\Admin\TestConnectionHandler;
use RuPayments\Plugin;

final class PluginTest extends TestCase {

	private static function header(): array {
		$source = (string) file_get_contents( RU_PAYMENTS_PLUGIN_DIR . '/ru-payments-for-woocommerce.php' );
		preg_match_all( '/^\s*\*\s*([A-Za-z ]+):\s*(.+)$/m', substr( $source, 0, 2048 ), $m );
		return array_combine( array_map( 'trim', $m[1] ), array_map( 'trim', $m[2] ) );
	}

	public function test_header_version_equals_version_txt(): void {
		$version = trim( (string) file_get_contents( dirname( RU_PAYMENTS_PLUGIN_DIR ) . '/version.txt' ) );

		$this->assertSame( $version, self::header()['Version'] );
		$this->assertSame( $version, RU_PAYMENTS_VERSION );
	}

	public function test_readme_stable_tag_equals_version_txt(): void {
		$version = trim( (string) file_get_contents( dirname( RU_PAYMENTS_PLUGIN_DIR ) . '/version.txt' ) );
		$readme  = (string) file_get_contents( RU_PAYMENTS_PLUGIN_DIR . '/readme.txt' );

		$this->assertMatchesRegularExpression( '/^Stable tag: ' . preg_quote( $version, '/' ) . '$/m', $readme );
		$this->assertStringStartsWith( '=== RU Payments for WooCommerce ===', $readme );
	}

	public function test_header_fields(): void {
		$header = self::header();

		$this->assertSame( 'RU Payments for WooCommerce', $header['Plugin Name'] );
		$this->assertSame( 'ru-payments-for-woocommerce', $header['Text Domain'] );
		$this->assertSame( '/languages', $header['Domain Path'] );
		$this->assertSame( '6.8', $header['Requires at least'], 'WordPress 6.8+ loads the Domain Path translations just in time' );
		$this->assertSame( '8.1', $header['Requires PHP'] );
		$this->assertSame( 'woocommerce', $header['Requires Plugins'] );
		$this->assertSame( '8.0', $header['WC requires at least'] );
		$this->assertSame( '11.0', $header['WC tested up to'] );
		$this->assertSame( 'GPL-2.0-or-later', $header['License'] );
	}

	public function test_declares_hpos_and_blocks_compatibility_before_woocommerce_init(): void {
		do_action( 'before_woocommerce_init' );

		$this->assertSame(
			array(
				array( 'custom_order_tables', RU_PAYMENTS_FILE, true ),
				array( 'cart_checkout_blocks', RU_PAYMENTS_FILE, true ),
			),
			FeaturesUtil::$declared
		);
	}

	public function test_autoloader_maps_the_namespace_to_src(): void {
		$this->assertTrue( class_exists( \RuPayments\Orders\OrderMeta::class ) );
		$this->assertFalse( class_exists( 'RuPayments\\DoesNotExist' ) );
		foreach ( new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( RU_PAYMENTS_PLUGIN_DIR . '/src', \FilesystemIterator::SKIP_DOTS ) ) as $file ) {
			$class = 'RuPayments\\' . str_replace( '/', '\\', substr( $file->getPathname(), strlen( RU_PAYMENTS_PLUGIN_DIR . '/src/' ), -4 ) );
			$this->assertTrue( class_exists( $class ) || interface_exists( $class ), $class );
		}
	}

	public function test_boots_on_plugins_loaded_when_woocommerce_is_active(): void {
		RU_Payments_Test_State::$is_admin = true;
		do_action( 'plugins_loaded' );

		$this->assertSame( 1, did_action( 'ru_payments_loaded' ) );
		$this->assertNotEmpty( ru_payments_test_callbacks( 'rest_api_init' ) );
		$this->assertNotEmpty( ru_payments_test_callbacks( 'wp_ajax_' . TestConnectionHandler::ACTION ) );
		$this->assertNotEmpty( ru_payments_test_callbacks( 'woocommerce_settings_tabs_array' ) );
		$this->assertSame( array(), ru_payments_test_callbacks( 'wp_ajax_nopriv_' . TestConnectionHandler::ACTION ) );
		$this->assertSame( Plugin::instance(), Plugin::instance() );
	}

	public function test_admin_hooks_are_not_registered_on_the_front_end(): void {
		( new Plugin( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION ) )->boot();

		$this->assertSame( array(), ru_payments_test_callbacks( 'wp_ajax_' . TestConnectionHandler::ACTION ) );
		$this->assertNotEmpty( ru_payments_test_callbacks( 'rest_api_init' ) );
	}

	public function test_translations_load_just_in_time_from_the_domain_path(): void {
		$header = (string) file_get_contents( RU_PAYMENTS_FILE, false, null, 0, 8192 );
		$this->assertMatchesRegularExpression( '/^ \* Text Domain:\s+ru-payments-for-woocommerce$/m', $header );
		$this->assertMatchesRegularExpression( '~^ \* Domain Path:\s+/languages$~m', $header );
		( new Plugin( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION ) )->boot();
		$this->assertSame( array(), RU_Payments_Test_State::$textdomains );
	}

	public function test_missing_woocommerce_notice_is_escaped_and_capability_gated(): void {
		ob_start();
		Plugin::missing_woocommerce_notice();
		$this->assertSame( '', ob_get_clean() );

		RU_Payments_Test_State::$caps = array( 'activate_plugins' );
		ob_start();
		Plugin::missing_woocommerce_notice();
		$this->assertStringContainsString( 'needs WooCommerce', (string) ob_get_clean() );
	}

	public function test_plugins_screen_settings_link(): void {
		RU_Payments_Test_State::$is_admin = true;
		( new Plugin( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION ) )->boot();

		$links = apply_filters( 'plugin_action_links_plugin/ru-payments-for-woocommerce.php', array( 'deactivate' => '<a>Deactivate</a>' ) );

		$this->assertSame( '<a href="https://shop.test/wp-admin/admin.php?page=wc-settings&amp;tab=ru_payments">Settings</a>', $links[0] );
	}

	public function test_uninstall_keeps_everything_without_wc_remove_all_data(): void {
		// Removal itself is proven on the real shop (tests/integration/UninstallTest.php).
		$this->configure_sidecar();
		RU_Payments_Test_State::$options['ru_payments_profiles']                    = array( 'seller2' );
		RU_Payments_Test_State::$options['ru_payments_provider_invoicebox_default'] = array( 'apiKey' => 'x' );
		RU_Payments_Test_State::$options['woocommerce_ru_payments_dolyame_settings'] = array( 'enabled' => 'yes' );
		$before = RU_Payments_Test_State::$options;

		if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
			define( 'WP_UNINSTALL_PLUGIN', 'ru-payments-for-woocommerce/ru-payments-for-woocommerce.php' );
		}
		$this->assertFalse( defined( 'WC_REMOVE_ALL_DATA' ) );
		include RU_PAYMENTS_PLUGIN_DIR . '/uninstall.php';

		$this->assertSame( $before, RU_Payments_Test_State::$options );
		$this->assertSame( array(), preg_grep( '/DROP|DELETE/i', $GLOBALS['wpdb']->queries ) );
	}

	public function test_gateways_are_offered_to_woocommerce_once(): void {
		$plugin = new Plugin( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION );
		$plugin->boot();

		$gateways = apply_filters( 'woocommerce_payment_gateways', array( 'WC_Gateway_BACS' ) );

		$this->assertSame( 'WC_Gateway_BACS', $gateways[0] );
		$this->assertSame(
			array( 'ru_payments_individuals', 'ru_payments_legal', 'ru_payments_dolyame', 'ru_payments_sber_bnpl', 'ru_payments_paylate' ),
			array_map( static fn ( $gateway ): string => $gateway->id, array_slice( $gateways, 1 ) )
		);
		$this->assertSame( $plugin->gateways(), $plugin->gateways() );
		$this->assertNotEmpty( ru_payments_test_callbacks( 'woocommerce_blocks_payment_method_type_registration' ) );
		$this->assertNotEmpty( ru_payments_test_callbacks( 'woocommerce_payment_complete_order_status' ) );
		$this->assertNotEmpty( ru_payments_test_callbacks( 'woocommerce_thankyou_ru_payments_dolyame' ) );
		$this->assertNotEmpty( ru_payments_test_callbacks( 'woocommerce_update_options_payment_gateways_ru_payments_legal' ) );
	}

	public function test_admin_boot_wires_the_new_screens_and_handlers(): void {
		RU_Payments_Test_State::$is_admin = true;
		( new Plugin( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION ) )->boot();

		foreach ( array( 'wp_ajax_ru_payments_test_callback', 'wp_ajax_ru_payments_sidecar_status', 'woocommerce_sections_ru_payments', 'woocommerce_product_options_general_product_data', 'woocommerce_admin_process_product_object', 'edited_product_cat' ) as $hook ) {
			$this->assertNotEmpty( ru_payments_test_callbacks( $hook ), $hook );
		}
		$this->assertSame( array(), ru_payments_test_callbacks( 'wp_ajax_nopriv_ru_payments_test_callback' ) );
	}

	public function test_two_stage_hooks_run_outside_the_admin_too(): void {
		( new Plugin( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION ) )->boot();

		// Status changes also come from the REST API, bulk edits and cron.
		foreach ( array( 'woocommerce_order_status_processing', 'woocommerce_order_status_completed', 'woocommerce_order_status_cancelled', 'woocommerce_order_actions', 'woocommerce_order_action_ru_payments_capture' ) as $hook ) {
			$this->assertNotEmpty( ru_payments_test_callbacks( $hook ), $hook );
		}
		$this->assertSame( array(), ru_payments_test_callbacks( 'add_meta_boxes' ) );
	}

	public function test_admin_boot_wires_the_authorisation_box_and_notices(): void {
		RU_Payments_Test_State::$is_admin = true;
		( new Plugin( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION ) )->boot();

		$classes = array_map( static fn ( $callback ): string => is_array( $callback ) && is_object( $callback[0] ) ? get_class( $callback[0] ) : '', ru_payments_test_callbacks( 'admin_notices' ) );
		$this->assertContains( \RuPayments\Admin\AdminNotices::class, $classes );
		$this->assertContains( \RuPayments\Admin\AuthorizationLapseNotice::class, $classes );
		$boxes = array_map( static fn ( $callback ): string => is_array( $callback ) && is_object( $callback[0] ) ? get_class( $callback[0] ) : '', ru_payments_test_callbacks( 'add_meta_boxes' ) );
		$this->assertContains( \RuPayments\Admin\AuthorizationMetaBox::class, $boxes );
	}
}
