<?php
/**
 * Options, sanitisation and the WooCommerce settings screen.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Admin\SettingsPage;
use RuPayments\Settings\SidecarSettings;
use WC_Admin_Settings;

final class SidecarSettingsTest extends TestCase {

	private SidecarSettings $settings;

	private SettingsPage $page;

	protected function setUp(): void {
		parent::setUp();
		RU_Payments_Test_State::$caps = array( 'manage_woocommerce', 'manage_options' );
		$this->settings = new SidecarSettings();
		$this->settings->register();
		$this->page = new SettingsPage( $this->settings, RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION );
		$this->page->register();
	}

	public function test_option_names(): void {
		$this->assertSame( 'ru_payments_sidecar_url', SidecarSettings::OPTION_URL );
		$this->assertSame( 'ru_payments_sidecar_secret', SidecarSettings::OPTION_SECRET );
		$this->assertArrayHasKey( 'ru_payments_sidecar_url', RU_Payments_Test_State::$registered_settings );
		$this->assertArrayHasKey( 'ru_payments_sidecar_secret', RU_Payments_Test_State::$registered_settings );
	}

	public function test_url_is_sanitised(): void {
		update_option( SidecarSettings::OPTION_URL, '  https://sidecar:8080/  ' );
		$this->assertSame( 'https://sidecar:8080', get_option( SidecarSettings::OPTION_URL ) );

		update_option( SidecarSettings::OPTION_URL, 'javascript:alert(1)' );
		$this->assertSame( 'https://sidecar:8080', get_option( SidecarSettings::OPTION_URL ) );
		$this->assertCount( 1, WC_Admin_Settings::$errors );

		update_option( SidecarSettings::OPTION_URL, '' );
		$this->assertSame( '', get_option( SidecarSettings::OPTION_URL ) );
	}

	/**
	 * @dataProvider transports
	 */
	public function test_plain_http_is_refused_except_to_this_machine( string $url, bool $accepted ): void {
		update_option( SidecarSettings::OPTION_URL, 'https://kept.example' );

		update_option( SidecarSettings::OPTION_URL, $url );

		$this->assertSame( $accepted ? $url : 'https://kept.example', get_option( SidecarSettings::OPTION_URL ) );
		$this->assertCount( $accepted ? 0 : 1, WC_Admin_Settings::$errors );
	}

	public function transports(): array {
		return array(
			'https anywhere'      => array( 'https://sidecar.example.com', true ),
			'http to 127.0.0.1'   => array( 'http://127.0.0.1:8787', true ),
			'http to 127.1.2.3'   => array( 'http://127.1.2.3:8787', true ),
			'http to localhost'   => array( 'http://localhost:8787', true ),
			'http to [::1]'       => array( 'http://[::1]:8787', true ),
			'http to a host'      => array( 'http://sidecar.example.com', false ),
			'http to a LAN ip'    => array( 'http://10.0.0.5:8787', false ),
			'http to 127.x name'  => array( 'http://127.0.0.1.evil.example', false ),
		);
	}

	/**
	 * @runInSeparateProcess
	 * @preserveGlobalState disabled
	 */
	public function test_a_secret_defined_in_wp_config_wins_and_the_field_only_says_so(): void {
		update_option( SidecarSettings::OPTION_SECRET, self::SECRET );
		define( 'RU_PAYMENTS_SIDECAR_SECRET', str_repeat( 'c', 40 ) );

		$this->assertSame( str_repeat( 'c', 40 ), $this->settings->secret() );
		ob_start();
		( new \RuPayments\Admin\SecretField( $this->settings ) )->render( array( 'id' => SidecarSettings::OPTION_SECRET, 'title' => 'Shared secret' ) );
		$html = (string) ob_get_clean();
		$this->assertStringContainsString( "disabled='disabled'", $html );
		$this->assertStringContainsString( 'Set in wp-config.php', $html );
		$this->assertStringNotContainsString( str_repeat( 'c', 12 ), $html );
		$this->assertNull( ( new \RuPayments\Admin\SecretField( $this->settings ) )->keep_secret_when_empty( 'x', array(), str_repeat( 'n', 40 ) ) );
	}

	public function test_short_secret_is_rejected_with_an_error_and_the_old_one_kept(): void {
		update_option( SidecarSettings::OPTION_SECRET, self::SECRET );

		update_option( SidecarSettings::OPTION_SECRET, 'short-secret' );

		$this->assertSame( self::SECRET, get_option( SidecarSettings::OPTION_SECRET ) );
		$this->assertCount( 1, WC_Admin_Settings::$errors );
		$this->assertStringContainsString( '32', WC_Admin_Settings::$errors[0] );
		$this->assertStringNotContainsString( 'short-secret', WC_Admin_Settings::$errors[0] );
	}

	public function test_secret_of_32_characters_is_stored_and_empty_keeps_it(): void {
		$secret = str_repeat( 'k', 32 );
		update_option( SidecarSettings::OPTION_SECRET, $secret );
		$this->assertSame( $secret, get_option( SidecarSettings::OPTION_SECRET ) );

		update_option( SidecarSettings::OPTION_SECRET, '' );
		$this->assertSame( $secret, get_option( SidecarSettings::OPTION_SECRET ) );
		$this->assertSame( array(), WC_Admin_Settings::$errors );
		$this->assertFalse( $this->settings->is_configured(), 'no URL yet' );
	}

	public function test_settings_screen_save_keeps_the_secret_when_the_field_is_left_empty(): void {
		$this->configure_sidecar( 'http://old:1' );
		$_POST = array(
			SidecarSettings::OPTION_URL    => 'https://sidecar.example.com/',
			SidecarSettings::OPTION_SECRET => '',
		);

		do_action( 'woocommerce_update_options_' . SettingsPage::TAB );

		$this->assertSame( 'https://sidecar.example.com', get_option( SidecarSettings::OPTION_URL ) );
		$this->assertSame( self::SECRET, get_option( SidecarSettings::OPTION_SECRET ) );
	}

	public function test_settings_screen_save_stores_a_new_secret_verbatim_and_rejects_a_short_one(): void {
		$this->configure_sidecar();
		$new = 'n3w <secret> with spaces & symbols!!';

		$_POST = array( SidecarSettings::OPTION_SECRET => addslashes( $new ) );
		do_action( 'woocommerce_update_options_' . SettingsPage::TAB );
		$this->assertSame( $new, get_option( SidecarSettings::OPTION_SECRET ) );

		$_POST = array( SidecarSettings::OPTION_SECRET => 'tiny' );
		do_action( 'woocommerce_update_options_' . SettingsPage::TAB );
		$this->assertSame( $new, get_option( SidecarSettings::OPTION_SECRET ) );
		$this->assertCount( 1, WC_Admin_Settings::$errors );
	}

	public function test_the_secret_field_never_echoes_the_stored_secret(): void {
		$this->configure_sidecar();

		ob_start();
		do_action( 'woocommerce_settings_' . SettingsPage::TAB );
		$html = (string) ob_get_clean();

		$this->assertStringNotContainsString( self::SECRET, $html );
		$this->assertStringNotContainsString( substr( self::SECRET, 0, 12 ), $html );
		$this->assertMatchesRegularExpression( '/<input[^>]+name="ru_payments_sidecar_secret"[^>]+type="password"[^>]+value=""/s', $html );
		$this->assertStringContainsString( 'placeholder="•••••••• saved"', $html );
		$this->assertStringContainsString( 'id="ru-payments-test-connection"', $html );
	}

	public function test_the_secret_field_has_no_placeholder_when_nothing_is_saved(): void {
		ob_start();
		( new \RuPayments\Admin\SecretField( new SidecarSettings() ) )->render( array( 'id' => SidecarSettings::OPTION_SECRET, 'title' => 'Shared secret' ) );
		$html = (string) ob_get_clean();

		$this->assertStringContainsString( 'placeholder=""', $html );
		$this->assertStringNotContainsString( 'leave the field empty', $html );
	}

	public function test_tab_fields_and_script_are_registered(): void {
		$tabs = apply_filters( 'woocommerce_settings_tabs_array', array( 'general' => 'General' ) );
		$this->assertSame( 'RU Payments', $tabs['ru_payments'] );

		$types = array_column( $this->page->fields(), 'type', 'id' );
		$this->assertSame( 'url', $types['ru_payments_sidecar_url'] );
		$this->assertSame( 'ru_payments_secret', $types['ru_payments_sidecar_secret'] );

		$_GET['tab'] = 'ru_payments';
		do_action( 'admin_enqueue_scripts', 'woocommerce_page_wc-settings' );
		$script = RU_Payments_Test_State::$scripts[ SettingsPage::SCRIPT ];
		$this->assertStringEndsWith( '/assets/js/admin-settings.js', $script['src'] );
		$this->assertFileExists( RU_PAYMENTS_PLUGIN_DIR . '/assets/js/admin-settings.js' );
		$localized = $script['localized']['ruPaymentsSettings'];
		$this->assertSame( 'ru_payments_test_connection', $localized['action'] );
		$this->assertSame( 1, wp_verify_nonce( $localized['nonce'], 'ru_payments_test_connection' ) );
		$this->assertStringNotContainsString( self::SECRET, json_encode( $script ) );
	}

	public function test_script_is_not_loaded_on_other_screens(): void {
		$_GET['tab'] = 'checkout';
		do_action( 'admin_enqueue_scripts', 'woocommerce_page_wc-settings' );
		$_GET['tab'] = 'ru_payments';
		do_action( 'admin_enqueue_scripts', 'edit.php' );

		$this->assertSame( array(), RU_Payments_Test_State::$scripts );
	}
}
