<?php
/**
 * Provider settings against the real sidecar: a failed push retried on Action Scheduler, secrets
 * sealed in wp_options, and never sent to a changed sidecar URL without a confirmation.
 *
 * @package RuPayments\Tests
 */

use RuPayments\Background\ProviderPushRetry;
use RuPayments\Background\Scheduler;
use RuPayments\Plugin;
use RuPayments\Providers\ProviderConfigSaver;
use RuPayments\Providers\ProviderSettings;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Support\SecretBox;

final class ProviderSettingsPushTest extends ShopTestCase {

	private string $url;

	private string $profile;

	/** @var list<string> URLs the plugin asked in this test. */
	private array $requests = array();

	private bool $offline = false;

	protected function setUp(): void {
		parent::setUp();
		$this->url     = (string) get_option( SidecarSettings::OPTION_URL );
		$this->profile = 'itest' . strtolower( wp_generate_password( 5, false ) );
		add_filter( 'pre_http_request', array( $this, 'observe' ), 10, 3 );
	}

	protected function tearDown(): void {
		remove_filter( 'pre_http_request', array( $this, 'observe' ), 10 );
		update_option( SidecarSettings::OPTION_URL, $this->url );
		parent::tearDown();
	}

	/** Records sidecar requests; while "offline" they fail as a refused connection would. */
	public function observe( $short, $args, $url ) {
		$this->requests[] = (string) $url;
		return $this->offline ? new WP_Error( 'http_request_failed', 'cURL error 7: Failed to connect' ) : $short;
	}

	private function settings( string $secret ): array {
		return array(
			'apiVersion'        => 'v3',
			'shopId'            => 'a3bb189e-8bf9-3888-9912-ace4e6543002',
			'apiKey'            => $secret,
			'notificationToken' => $secret . '-token',
		);
	}

	public function test_a_failed_push_is_retried_in_the_background_and_the_secret_is_kept_sealed(): void {
		$saver         = Plugin::instance()->provider_config_saver();
		$secret        = 'api-key-' . wp_generate_password( 24, false );
		$this->offline = true;

		$outcome = $saver->save( 'invoicebox', $this->profile, $this->settings( $secret ) );

		$this->assertSame( ProviderConfigSaver::NOT_PUSHED, $outcome['result'] );
		$state = ProviderPushRetry::states()[ 'invoicebox|' . $this->profile ] ?? array();
		$this->assertSame( ProviderPushRetry::RETRYING, $state['state'] ?? null );
		$this->assertIsInt( as_next_scheduled_action( ProviderPushRetry::HOOK, array( 'invoicebox', $this->profile ), Scheduler::GROUP ) );
		$raw = wp_json_encode( get_option( ProviderSettings::option_name( 'invoicebox', $this->profile ) ) );
		$this->assertTrue( SecretBox::available(), 'the shop has wp-config keys' );
		$this->assertStringNotContainsString( $secret, (string) $raw, 'not readable in wp_options' );
		$this->assertSame( $secret, Plugin::instance()->provider_settings()->get( 'invoicebox', $this->profile )['apiKey'] );

		$this->offline = false;
		do_action( ProviderPushRetry::HOOK, 'invoicebox', $this->profile );

		$this->assertTrue( ProviderConfigSaver::is_synced( 'invoicebox', $this->profile ) );
		$this->assertArrayNotHasKey( 'invoicebox|' . $this->profile, ProviderPushRetry::states() );
		$this->assertFalse( as_next_scheduled_action( ProviderPushRetry::HOOK, array( 'invoicebox', $this->profile ), Scheduler::GROUP ) );
		$providers = Plugin::instance()->client()->providers();
		$invoicebox = array_values( array_filter( $providers['providers'], static fn ( array $p ): bool => 'invoicebox' === $p['id'] ) )[0];
		$this->assertContains( $this->profile, $invoicebox['profiles'] );
	}

	public function test_after_the_sidecar_url_changes_saved_secrets_are_not_sent_until_entered_again(): void {
		$saver  = Plugin::instance()->provider_config_saver();
		$secret = 'api-key-' . wp_generate_password( 24, false );
		$this->assertSame( ProviderConfigSaver::PUSHED, $saver->save( 'invoicebox', $this->profile, $this->settings( $secret ) )['result'] );
		// The same sidecar under another name: a new destination as far as the plugin can tell.
		update_option( SidecarSettings::OPTION_URL, str_replace( '127.0.0.1', 'localhost', $this->url ) );
		$this->requests = array();

		$changed = array( 'shopId' => 'b3bb189e-8bf9-3888-9912-ace4e6543002' ) + $this->settings( '' );
		$outcome = $saver->save( 'invoicebox', $this->profile, $changed );
		$retry   = $saver->push_saved( 'invoicebox', $this->profile );
		$resent  = $saver->resend_all( array( $this->profile ) );

		$this->assertSame( ProviderConfigSaver::BLOCKED, $outcome['result'] );
		$this->assertInstanceOf( WP_Error::class, $retry );
		$this->assertSame( ProviderConfigSaver::UNCONFIRMED, $retry->get_error_code() );
		$this->assertNotEmpty( $resent );
		$this->assertSame( array(), $this->requests, 'nothing was sent to the new address' );

		$outcome = $saver->save( 'invoicebox', $this->profile, array( 'shopId' => 'b3bb189e-8bf9-3888-9912-ace4e6543002' ) + $this->settings( $secret . '-new' ) );
		$this->assertSame( ProviderConfigSaver::PUSHED, $outcome['result'], 'entered again: sent' );
	}
}
