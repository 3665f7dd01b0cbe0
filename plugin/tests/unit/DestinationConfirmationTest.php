<?php
/**
 * After the sidecar URL changes, saved provider secrets wait for an administrator's confirmation;
 * the Status screen shows background retries and how secrets are kept.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Admin\BackgroundStatusBlock;
use RuPayments\Admin\DestinationConfirmation;
use RuPayments\Background\ProviderPushRetry;
use RuPayments\Profiles\Profiles;
use RuPayments\Providers\ProviderConfigSaver;
use RuPayments\Providers\ProviderSettings;
use RuPayments\Settings\SecretsDestination;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Logger;
use WC_Admin_Settings;

final class DestinationConfirmationTest extends TestCase {

	private DestinationConfirmation $confirmation;

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar( 'https://new-sidecar.example:8443' );
		RU_Payments_Test_State::$options[ SecretsDestination::OPTION ]                  = 'https://old-sidecar.example:443';
		RU_Payments_Test_State::$options['ru_payments_provider_invoicebox_default']   = array( 'apiVersion' => 'v3', 'shopId' => 'a3bb189e-8bf9-3888-9912-ace4e6543002', 'apiKey' => 'saved-key', 'notificationToken' => 'saved-token' );
		$settings           = new SidecarSettings();
		$destination        = new SecretsDestination( $settings );
		$provider_settings  = new ProviderSettings();
		$saver              = new ProviderConfigSaver( $provider_settings, new SidecarClient( $settings, new Logger() ), new Logger(), null, $destination );
		$this->confirmation = new DestinationConfirmation( $destination, $provider_settings, $saver, new Profiles() );
	}

	protected function tearDown(): void {
		$_POST = array();
		parent::tearDown();
	}

	private function output(): string {
		ob_start();
		$this->confirmation->output();
		return (string) ob_get_clean();
	}

	public function test_a_shop_manager_sees_the_warning_but_cannot_confirm(): void {
		RU_Payments_Test_State::$caps = array( 'manage_woocommerce' );
		$_POST                        = array( DestinationConfirmation::INPUT => '1' );

		$html = $this->output();
		$this->confirmation->save();

		$this->assertStringContainsString( 'from old-sidecar.example to new-sidecar.example', $html );
		$this->assertStringNotContainsString( 'name="ru_payments_confirm_destination"', $html );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
		$this->assertSame( 'https://old-sidecar.example:443', get_option( SecretsDestination::OPTION ) );
	}

	public function test_an_administrator_confirms_and_the_saved_settings_go_to_the_new_sidecar(): void {
		RU_Payments_Test_State::$caps = array( 'manage_woocommerce', 'manage_options' );
		$this->assertStringContainsString( 'name="ru_payments_confirm_destination"', $this->output() );
		RU_Payments_Test_State::queue_http_response( 200, '{"provider":"invoicebox","profile":"default","configured":true}' );
		$_POST = array( DestinationConfirmation::INPUT => '1' );

		$this->confirmation->save();

		$this->assertSame( 'https://new-sidecar.example:8443/v1/providers/invoicebox/config', RU_Payments_Test_State::$http_requests[0]['url'] );
		$this->assertSame( 'saved-key', json_decode( RU_Payments_Test_State::$http_requests[0]['args']['body'], true )['settings']['apiKey'] );
		$this->assertSame( 'https://new-sidecar.example:8443', get_option( SecretsDestination::OPTION ) );
		$this->assertCount( 1, WC_Admin_Settings::$messages );
		$this->assertSame( '', $this->output(), 'nothing left to confirm' );
	}

	public function test_the_status_screen_shows_a_retry_in_progress(): void {
		RU_Payments_Test_State::$options[ ProviderPushRetry::OPTION ] = array(
			'invoicebox|default' => array( 'state' => ProviderPushRetry::RETRYING, 'attempts' => 1, 'next' => time() + 300, 'error' => 'cURL error 7' ),
		);

		ob_start();
		( new BackgroundStatusBlock() )->output();
		$html = (string) ob_get_clean();

		$this->assertStringContainsString( 'Invoicebox (default): settings not sent to the sidecar yet; next try', $html );
		$this->assertStringContainsString( 'tries so far: 2; last error: cURL error 7', $html );
		$this->assertStringContainsString( 'kept unencrypted', $html, 'no wp-config keys in the unit tests' );
	}
}
