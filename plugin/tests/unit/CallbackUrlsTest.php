<?php
/**
 * The callback URLs the settings screens show.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RuPayments\Rest\CallbackRelayController;
use RuPayments\Settings\CallbackUrls;

final class CallbackUrlsTest extends TestCase {

	public function test_relay_url_is_the_rest_route_of_the_relay(): void {
		$url = CallbackUrls::relay_url( 'toy' );

		$this->assertSame( 'https://shop.test/wp-json/ru-payments/v1/callback/toy', $url );
		$this->assertTrue( CallbackRelayController::is_relay_route( '/' . substr( $url, strlen( 'https://shop.test/wp-json/' ) ) ) );
	}

	public function test_direct_url_points_at_the_sidecar_callbacks_route(): void {
		$this->assertSame( 'https://pay.shop.test/callbacks/yoo_kassa', CallbackUrls::direct_url( 'https://pay.shop.test', 'yoo_kassa' ) );
		$this->assertSame( 'https://pay.shop.test/rup/callbacks/toy', CallbackUrls::direct_url( 'https://pay.shop.test/rup/', 'toy' ) );
	}

	public function test_provider_ids(): void {
		$this->assertTrue( CallbackUrls::is_valid_provider( 'toy' ) );
		$this->assertTrue( CallbackUrls::is_valid_provider( 'a_b-9' ) );
		$this->assertTrue( CallbackUrls::is_valid_provider( str_repeat( 'a', 32 ) ) );
		$this->assertFalse( CallbackUrls::is_valid_provider( str_repeat( 'a', 33 ) ) );
		$this->assertFalse( CallbackUrls::is_valid_provider( '' ) );
		$this->assertFalse( CallbackUrls::is_valid_provider( 'Toy' ) );
		$this->assertFalse( CallbackUrls::is_valid_provider( "toy\n" ) );
		$this->assertFalse( CallbackUrls::is_valid_provider( '../v1' ) );
	}

	public function test_other_profiles_have_their_own_urls(): void {
		$this->assertSame( 'https://shop.test/wp-json/ru-payments/v1/callback/sber/profile/seller2', CallbackUrls::relay_url( 'sber', 'seller2' ) );
		$this->assertSame( 'https://shop.test/wp-json/ru-payments/v1/callback/sber', CallbackUrls::relay_url( 'sber', 'default' ) );
		$this->assertSame( 'https://pay.shop.test/callbacks/sber/seller2', CallbackUrls::direct_url( 'https://pay.shop.test', 'sber', 'seller2' ) );
		$this->assertSame( 'https://pay.shop.test/callbacks/sber/seller2', CallbackUrls::for_profile( 'https://pay.shop.test/callbacks/sber', 'seller2' ) );
		$this->assertSame( '', CallbackUrls::for_profile( '', 'seller2' ) );
	}
}
