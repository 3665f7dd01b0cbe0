<?php
/**
 * The RU Payments settings tab: sections, the callback mode option.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Admin\SettingsPage;
use RuPayments\Plugin;
use RuPayments\Settings\CallbackMode;
use RuPayments\Settings\SidecarSettings;

final class SettingsSectionsTest extends TestCase {

	protected function setUp(): void {
		parent::setUp();
		RU_Payments_Test_State::$is_admin = true;
		RU_Payments_Test_State::$caps     = array( 'manage_woocommerce' );
		$this->configure_sidecar();
		( new Plugin( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION ) )->boot();
		do_action( 'init' );
	}

	private function render( string $hook ): string {
		ob_start();
		do_action( $hook );
		return (string) ob_get_clean();
	}

	public function test_section_links(): void {
		$_REQUEST['section'] = 'providers';

		$html = $this->render( 'woocommerce_sections_ru_payments' );

		$this->assertStringContainsString( 'href="https://shop.test/wp-admin/admin.php?page=wc-settings&amp;tab=ru_payments&amp;section=providers" class="current">Providers</a>', $html );
		$this->assertStringContainsString( '>Sidecar connection</a>', $html );
		$this->assertStringContainsString( '&amp;section=status" class="">Status</a>', $html );
	}

	public function test_each_section_renders_its_own_screen(): void {
		$_REQUEST['section'] = 'providers';
		$this->assertStringContainsString( 'name="ru_payments_provider[sber][userName]"', $this->render( 'woocommerce_settings_ru_payments' ) );

		$_REQUEST['section'] = 'status';
		$this->assertStringContainsString( 'id="ru-payments-sidecar-status"', $this->render( 'woocommerce_settings_ru_payments' ) );
		unset( $GLOBALS['hide_save_button'] );

		$_REQUEST['section']          = '';
		RU_Payments_Test_State::$caps = array( 'manage_woocommerce', 'manage_options' );
		$this->assertStringContainsString( 'id="ru-payments-test-connection"', $this->render( 'woocommerce_settings_ru_payments' ) );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_a_shop_manager_neither_sees_nor_saves_the_connection(): void {
		$_REQUEST['section'] = '';
		$_POST               = array( SidecarSettings::OPTION_URL => 'https://elsewhere.test' );

		$html = $this->render( 'woocommerce_settings_ru_payments' );
		do_action( 'woocommerce_update_options_' . SettingsPage::TAB );

		$this->assertStringNotContainsString( 'name="ru_payments_sidecar_url"', $html );
		$this->assertStringContainsString( 'Only an administrator', $html );
		$this->assertSame( 'http://sidecar:8080', get_option( SidecarSettings::OPTION_URL ) );

		RU_Payments_Test_State::$caps = array( 'manage_woocommerce', 'manage_options' );
		do_action( 'woocommerce_update_options_' . SettingsPage::TAB );
		$this->assertSame( 'https://elsewhere.test', get_option( SidecarSettings::OPTION_URL ) );
	}

	public function test_saving_the_providers_section_leaves_the_connection_alone(): void {
		$_REQUEST['section'] = 'providers';
		$_POST               = array( SidecarSettings::OPTION_URL => 'https://evil.test' );

		do_action( 'woocommerce_update_options_' . SettingsPage::TAB );

		$this->assertSame( 'http://sidecar:8080', get_option( SidecarSettings::OPTION_URL ) );
	}

	public function test_callback_mode_is_sanitised(): void {
		update_option( CallbackMode::OPTION, 'direct' );
		$this->assertSame( 'direct', get_option( CallbackMode::OPTION ) );
		update_option( CallbackMode::OPTION, 'anything' );
		$this->assertSame( 'relay', get_option( CallbackMode::OPTION ) );
	}

	public function test_admin_script_gets_the_nonces_of_every_action(): void {
		$_GET['tab'] = 'ru_payments';
		do_action( 'admin_enqueue_scripts', 'woocommerce_page_wc-settings' );

		$localized = RU_Payments_Test_State::$scripts['ru-payments-admin-settings']['localized']['ruPaymentsSettings'];
		$this->assertSame( 1, wp_verify_nonce( $localized['callback']['nonce'], 'ru_payments_test_callback' ) );
		$this->assertSame( 1, wp_verify_nonce( $localized['status']['nonce'], 'ru_payments_sidecar_status' ) );
	}
}
