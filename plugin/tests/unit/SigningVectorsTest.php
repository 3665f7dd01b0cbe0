<?php
/**
 * The shared test vectors of the contract (same file as the sidecar's tests).
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RuPayments\Signing\RequestSigner;

final class SigningVectorsTest extends TestCase {

	public static function vectors(): array {
		$fixture = json_decode( (string) file_get_contents( dirname( __DIR__ ) . '/fixtures/signing-vectors.json' ), true, 512, JSON_THROW_ON_ERROR );
		$cases   = array();
		foreach ( $fixture['cases'] as $case ) {
			$cases[ $case['method'] . ' ' . $case['target'] ] = array( $fixture['secret'], $case );
		}
		return $cases;
	}

	/**
	 * @dataProvider vectors
	 */
	public function test_canonical_and_signature_match_the_vector( string $secret, array $case ): void {
		$signer = new RequestSigner( $secret );

		$this->assertSame( $case['canonical'], $signer->canonical( $case['method'], $case['target'], $case['timestamp'], $case['nonce'], $case['body'] ) );
		$this->assertSame( $case['signature'], $signer->sign( $case['method'], $case['target'], $case['timestamp'], $case['nonce'], $case['body'] ) );
	}

	/**
	 * @dataProvider vectors
	 */
	public function test_vector_verifies_at_its_timestamp( string $secret, array $case ): void {
		$signer = new RequestSigner( $secret, static fn (): int => (int) $case['timestamp'] );

		$this->assertTrue( $signer->is_valid( $case['method'], $case['target'], $case['body'], $case['timestamp'], $case['nonce'], $case['signature'] ) );
		$this->assertFalse( $signer->is_valid( $case['method'], $case['target'], $case['body'] . ' ', $case['timestamp'], $case['nonce'], $case['signature'] ) );
	}

	public function test_lowercase_method_is_canonicalised(): void {
		[ $secret, $case ] = self::vectors()['POST /v1/payments'];
		$signer            = new RequestSigner( $secret );

		$this->assertSame( $case['signature'], $signer->sign( 'post', $case['target'], $case['timestamp'], $case['nonce'], $case['body'] ) );
	}
}
