<?php
/**
 * Provider settings: data-driven fields, write-only secrets, the push to the sidecar and the screen.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Admin\ProvidersSection;
use RuPayments\Admin\TestConnectionHandler;
use RuPayments\Profiles\Profiles;
use RuPayments\Providers\ProviderConfigSaver;
use RuPayments\Providers\ProviderDirectory;
use RuPayments\Providers\ProviderFields;
use RuPayments\Providers\ProviderSettings;
use RuPayments\Settings\CallbackMode;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Logger;
use WC_Admin_Settings;

final class ProviderSettingsTest extends TestCase {

	private const API_KEY = 'ib-api-key-VERY-SECRET';

	private ProvidersSection $section;

	private ProviderSettings $settings;

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar();
		RU_Payments_Test_State::$caps = array( 'manage_woocommerce' );
		$client         = new SidecarClient( new SidecarSettings(), new Logger() );
		$directory      = new ProviderDirectory( $client );
		$this->settings = new ProviderSettings();
		$this->section  = new ProvidersSection(
			new Profiles(),
			$this->settings,
			new ProviderConfigSaver( $this->settings, $client, new Logger(), new CallbackMode( $directory ) ),
			$directory,
			new CallbackMode( $directory ),
			new TestConnectionHandler( $client, new SidecarSettings() )
		);
	}

	private function post( array $providers, string $profile = 'default' ): void {
		$_POST = $_REQUEST = array(
			ProvidersSection::INPUT   => $providers,
			ProvidersSection::PROFILE => $profile,
		);
	}

	private function invoicebox( array $overrides = array() ): array {
		return array( 'invoicebox' => $overrides + array( 'apiVersion' => 'v3', 'shopId' => '42', 'apiKey' => self::API_KEY, 'notificationToken' => 'tok-SECRET', 'description' => 'Оплата заказа' ) );
	}

	private function render(): string {
		ob_start();
		$this->section->output();
		return (string) ob_get_clean();
	}

	public function test_every_provider_has_its_fields_as_data(): void {
		$this->assertSame( array( 'apiVersion', 'shopId', 'regionalCode', 'apiKey', 'testMode', 'description', 'notificationToken' ), array_keys( ProviderFields::fields( 'invoicebox' ) ) );
		$this->assertSame(
			array( 'login', 'password', 'certPath', 'keyPath', 'fiscalization.enabled', 'fiscalization.inn', 'fiscalization.site', 'fiscalization.supportEmail', 'fiscalization.cashRegisterService', 'fiscalization.cashRegisterAccount.login', 'fiscalization.groupCode', 'fiscalization.taxSystem', 'fiscalization.documentFormat' ),
			array_keys( ProviderFields::fields( 'dolyame' ) )
		);
		$this->assertSame( array( 'userName', 'password', 'callbackKey', 'twoStage', 'testMode' ), array_keys( ProviderFields::fields( 'sber' ) ) );
		$this->assertSame( array( 'eshopId', 'secretKey', 'signSecretKey', 'bearerToken', 'inn' ), array_keys( ProviderFields::fields( 'intellectmoney' ) ) );
		$this->assertSame( array(), ProviderFields::fields( 'koshelek' ) );
		$this->assertTrue( ProviderFields::is_sidecar_only( 'koshelek' ) );
	}

	public function test_save_pushes_the_applicable_settings_to_the_sidecar(): void {
		RU_Payments_Test_State::queue_http_response( 200, '{"provider":"invoicebox","profile":"default","configured":true}' );
		$this->post( $this->invoicebox( array( 'regionalCode' => 'ignored-for-v3', 'testMode' => 'yes' ) ) );

		$this->section->save();

		$this->assertCount( 1, RU_Payments_Test_State::$http_requests, 'only the changed provider is pushed' );
		$request = RU_Payments_Test_State::$http_requests[0];
		$this->assertSame( 'PUT', $request['args']['method'] );
		$this->assertSame( 'http://sidecar:8080/v1/providers/invoicebox/config', $request['url'] );
		$this->assertSame(
			array( 'profile' => 'default', 'settings' => array( 'apiVersion' => 'v3', 'shopId' => '42', 'apiKey' => self::API_KEY, 'description' => 'Оплата заказа', 'notificationToken' => 'tok-SECRET', 'notificationUrl' => 'https://shop.test/wp-json/ru-payments/v1/callback/invoicebox' ) ),
			json_decode( $request['args']['body'], true )
		);
		$this->assertTrue( $this->settings->is_configured( 'invoicebox', 'default' ) );
		$this->assertSame( array(), WC_Admin_Settings::$errors );
		$this->assertStringContainsString( 'sent to the sidecar', WC_Admin_Settings::$messages[0] );
		$this->assertStringNotContainsString( self::API_KEY, $this->logs() );
	}

	public function test_an_empty_secret_keeps_the_saved_one_and_nothing_changed_means_no_push(): void {
		$this->configure_provider( 'invoicebox', $this->invoicebox()['invoicebox'] );
		$this->post( $this->invoicebox( array( 'apiKey' => '', 'notificationToken' => '' ) ) );

		$this->section->save();

		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
		$this->assertSame( self::API_KEY, $this->settings->get( 'invoicebox', 'default' )['apiKey'] );

		RU_Payments_Test_State::queue_http_response( 200, '{"configured":true}' );
		$this->post( $this->invoicebox( array( 'apiKey' => '', 'notificationToken' => '', 'shopId' => '43' ) ) );
		$this->section->save();
		$this->assertSame( self::API_KEY, json_decode( RU_Payments_Test_State::$http_requests[0]['args']['body'], true )['settings']['apiKey'], 'the full configuration is pushed' );
	}

	public function test_a_setting_refused_by_the_sidecar_is_named_and_not_saved(): void {
		RU_Payments_Test_State::queue_http_response( 400, '{"error":{"code":"invalid_request","message":"must be a number","field":"settings.shopId"}}' );
		$this->post( $this->invoicebox( array( 'shopId' => 'abc' ) ) );

		$this->section->save();

		$this->assertFalse( $this->settings->has_any( 'invoicebox', 'default' ) );
		$this->assertCount( 1, WC_Admin_Settings::$errors );
		$this->assertStringContainsString( 'Invoicebox: the sidecar refused the setting "Shop ID" (must be a number)', WC_Admin_Settings::$errors[0] );
		$this->assertStringContainsString( 'must be a number', $this->render(), 'shown next to the field too' );
	}

	public function test_an_unreachable_sidecar_keeps_the_settings_here_and_marks_them_unsent(): void {
		RU_Payments_Test_State::queue_http_error( 'Connection refused' );
		$this->post( $this->invoicebox() );

		$this->section->save();

		$this->assertTrue( $this->settings->is_configured( 'invoicebox', 'default' ) );
		$this->assertFalse( ProviderConfigSaver::is_synced( 'invoicebox', 'default' ) );
		$this->assertStringContainsString( 'could not be sent to the sidecar', WC_Admin_Settings::$errors[0] );

		// The next save sends them even though nothing changed.
		RU_Payments_Test_State::queue_http_response( 200, '{"configured":true}' );
		$this->post( $this->invoicebox( array( 'apiKey' => '', 'notificationToken' => '' ) ) );
		$this->section->save();
		$this->assertCount( 2, RU_Payments_Test_State::$http_requests );
		$this->assertTrue( ProviderConfigSaver::is_synced( 'invoicebox', 'default' ) );
	}

	public function test_secrets_are_never_printed(): void {
		$this->configure_provider( 'invoicebox', $this->invoicebox()['invoicebox'] );
		$this->configure_provider( 'sber', array( 'userName' => 'shop-api', 'password' => 'sber-SECRET', 'callbackKey' => 'cb-SECRET', 'twoStage' => 'yes' ) );

		$html = $this->render();

		foreach ( array( self::API_KEY, 'tok-SECRET', 'sber-SECRET', 'cb-SECRET', self::SECRET ) as $secret ) {
			$this->assertStringNotContainsString( $secret, $html );
		}
		$this->assertMatchesRegularExpression( '/name="ru_payments_provider\[invoicebox\]\[apiKey\]" value="" autocomplete="new-password"[^>]*placeholder="•••• saved"/s', $html );
		$this->assertMatchesRegularExpression( '/name="ru_payments_provider\[dolyame\]\[password\]" value=""[^>]*placeholder=""/s', $html );
		$this->assertStringContainsString( 'value="shop-api"', $html, 'non-secret values are shown' );
		$this->assertStringContainsString( 'Configured in the sidecar only', $html, 'Koshelek' );
	}

	public function test_callback_url_for_the_chosen_mode(): void {
		$html = $this->render();
		$this->assertStringContainsString( 'value="https://shop.test/wp-json/ru-payments/v1/callback/invoicebox" readonly="readonly"', $html );

		RU_Payments_Test_State::$options[ CallbackMode::OPTION ] = CallbackMode::DIRECT;
		RU_Payments_Test_State::queue_http_response( 200, '{"providers":[{"id":"invoicebox","name":"Invoicebox","configured":true,"profiles":["default"],"callback_url":"https://pay.shop.test/callbacks/invoicebox"}]}' );
		$html = $this->render();
		$this->assertStringContainsString( 'value="https://pay.shop.test/callbacks/invoicebox" readonly="readonly"', $html );
		$this->assertCount( 1, RU_Payments_Test_State::$http_requests, 'asked once, then cached' );
		$this->assertSame( 'https://pay.shop.test/callbacks/invoicebox', ( new ProviderDirectory( new SidecarClient( new SidecarSettings(), new Logger() ) ) )->callback_url( 'invoicebox' ) );
	}

	public function test_profiles_are_added_and_edited_separately(): void {
		$_POST = $_REQUEST = array( ProvidersSection::NEW_PROFILE => 'seller2' );
		$this->section->save();
		$this->assertSame( array( 'default', 'seller2' ), ( new Profiles() )->all() );

		RU_Payments_Test_State::queue_http_response( 200, '{"configured":true}' );
		$this->post( $this->invoicebox(), 'seller2' );
		$this->section->save();
		$this->assertSame( 'seller2', json_decode( RU_Payments_Test_State::$http_requests[0]['args']['body'], true )['profile'] );
		$this->assertTrue( $this->settings->is_configured( 'invoicebox', 'seller2' ) );
		$this->assertFalse( $this->settings->is_configured( 'invoicebox', 'default' ) );

		$_POST = $_REQUEST = array( ProvidersSection::NEW_PROFILE => 'Bad Name' );
		$this->section->save();
		$this->assertCount( 1, WC_Admin_Settings::$errors );
	}

	public function test_save_requires_manage_woocommerce(): void {
		RU_Payments_Test_State::$caps = array();
		$this->post( $this->invoicebox() );

		$this->section->save();

		$this->assertFalse( $this->settings->has_any( 'invoicebox', 'default' ) );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_configured_needs_the_required_fields_of_the_chosen_api_version(): void {
		$this->configure_provider( 'invoicebox', array( 'apiVersion' => 'v2', 'shopId' => '1', 'apiKey' => 'k' ) );
		$this->assertFalse( $this->settings->is_configured( 'invoicebox', 'default' ), 'v2 needs the regional code' );

		$this->configure_provider( 'invoicebox', array( 'apiVersion' => 'v2', 'shopId' => '1', 'apiKey' => 'k', 'regionalCode' => '77' ) );
		$this->assertTrue( $this->settings->is_configured( 'invoicebox', 'default' ), 'v2 needs no notification token' );
		$this->assertSame( array( 'apiVersion' => 'v2', 'shopId' => '1', 'regionalCode' => '77', 'apiKey' => 'k', 'testMode' => false ), ProviderSettings::for_sidecar( 'invoicebox', $this->settings->get( 'invoicebox', 'default' ) ) );
	}

	/**
	 * The cash-register service's password and keys are not collected: Dolyame's manager configures
	 * the till and nothing in the sidecar uses them (an old value is not sent either).
	 */
	public function test_dotted_settings_are_sent_nested(): void {
		$values = ( new ProviderSettings() )->get( 'dolyame', 'default' );
		$values = array_merge( $values, array( 'login' => 'l', 'password' => 'p', 'certPath' => '/c', 'keyPath' => '/k', 'fiscalization.enabled' => 'yes', 'fiscalization.inn' => '7707083893', 'fiscalization.cashRegisterAccount.login' => 'atol', 'fiscalization.authKeys.key' => 'ak' ) );

		$this->assertSame(
			array(
				'login'         => 'l',
				'password'      => 'p',
				'certPath'      => '/c',
				'keyPath'       => '/k',
				'fiscalization' => array(
					'enabled'             => true,
					'inn'                 => '7707083893',
					'cashRegisterAccount' => array( 'login' => 'atol' ),
					'documentFormat'      => '1.05',
				),
			),
			ProviderSettings::for_sidecar( 'dolyame', $values )
		);
	}

	public function test_changing_the_callback_mode_resends_the_notification_addresses(): void {
		$this->section->register();
		$this->configure_provider( 'invoicebox', $this->invoicebox()['invoicebox'] );
		$this->configure_provider( 'intellectmoney', array( 'eshopId' => '450000', 'secretKey' => 's', 'signSecretKey' => 'k', 'bearerToken' => 't' ), 'default' );
		RU_Payments_Test_State::queue_http_response( 200, '{"configured":true}' );
		RU_Payments_Test_State::queue_http_response( 200, '{"configured":true}' );

		update_option( CallbackMode::OPTION, CallbackMode::DIRECT );

		$this->assertCount( 2, RU_Payments_Test_State::$http_requests );
		$sent = array_map( static fn ( array $r ): array => json_decode( $r['args']['body'], true )['settings'], RU_Payments_Test_State::$http_requests );
		$this->assertArrayNotHasKey( 'notificationUrl', $sent[0], 'direct: the sidecar uses its own URL' );
		$this->assertArrayNotHasKey( 'resultUrl', $sent[1] );

		RU_Payments_Test_State::queue_http_error( 'down' );
		RU_Payments_Test_State::queue_http_response( 200, '{"configured":true}' );
		update_option( CallbackMode::OPTION, CallbackMode::RELAY );
		$sent = json_decode( RU_Payments_Test_State::$http_requests[3]['args']['body'], true )['settings'];
		$this->assertSame( 'https://shop.test/wp-json/ru-payments/v1/callback/intellectmoney', $sent['resultUrl'] );
		$this->assertStringContainsString( 'Invoicebox (default)', WC_Admin_Settings::$errors[0] );
		$this->assertFalse( ProviderConfigSaver::is_synced( 'invoicebox', 'default' ) );
	}
}
