<?php
/**
 * The notice that leads a new shop owner to the settings, with real capabilities and URLs.
 *
 * @package RuPayments\Tests
 */

use RuPayments\Admin\SetupNotice;
use RuPayments\Settings\SidecarSettings;

final class SetupNoticeTest extends ShopTestCase {

	private string $url = '';

	protected function setUp(): void {
		$this->url = (string) get_option( SidecarSettings::OPTION_URL );
		wp_set_current_user( 1 );
	}

	protected function tearDown(): void {
		update_option( SidecarSettings::OPTION_URL, $this->url );
		wp_set_current_user( 0 );
	}

	private function rendered(): string {
		ob_start();
		( new SetupNotice( new SidecarSettings() ) )->render();
		return (string) ob_get_clean();
	}

	public function test_a_shop_without_a_sidecar_is_led_to_the_settings_until_it_is_connected(): void {
		update_option( SidecarSettings::OPTION_URL, '' );
		$html = $this->rendered();
		$this->assertStringContainsString( 'page=wc-settings&#038;tab=ru_payments', $html );
		$this->assertStringContainsString( 'Set up RU Payments', $html );

		update_option( SidecarSettings::OPTION_URL, $this->url );
		$this->assertSame( '', $this->rendered(), 'gone once connected' );
	}

	public function test_shoppers_and_customers_never_see_it(): void {
		update_option( SidecarSettings::OPTION_URL, '' );
		wp_set_current_user( 0 );
		$this->assertSame( '', $this->rendered() );
	}
}
