<?php
/**
 * Replay protection backed by transients.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Signing\NonceStore;

final class NonceStoreTest extends TestCase {

	public function test_a_nonce_is_accepted_once_and_remembered_for_ten_minutes(): void {
		$store = new NonceStore();

		$this->assertTrue( $store->remember( 'abcdefghijklmnop' ) );
		$this->assertFalse( $store->remember( 'abcdefghijklmnop' ) );
		$this->assertTrue( $store->remember( 'abcdefghijklmnoq' ) );

		$entry = RU_Payments_Test_State::$transients[ 'ru_payments_nonce_' . md5( 'abcdefghijklmnop' ) ];
		$this->assertSame( 1, $entry['value'] );
		$this->assertSame( 600, $entry['expiration'] );
	}

	public function test_an_expired_nonce_is_accepted_again(): void {
		$store = new NonceStore();
		$store->remember( 'abcdefghijklmnop' );
		RU_Payments_Test_State::$transients[ NonceStore::key( 'abcdefghijklmnop' ) ]['expires_at'] = time() - 1;

		$this->assertFalse( $store->seen( 'abcdefghijklmnop' ) );
		$this->assertTrue( $store->remember( 'abcdefghijklmnop' ) );
	}
}
