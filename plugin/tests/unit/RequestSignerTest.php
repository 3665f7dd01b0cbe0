<?php
/**
 * Verification rules: skew, malformed/missing headers, forged signatures, unconfigured secret.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RuPayments\Signing\RequestSigner;
use RuPayments\Signing\SignatureException;

final class RequestSignerTest extends TestCase {

	private const NOW  = 1764072000;
	private const BODY = '{"event_id":"evt_1"}';

	private function signer( int $now = self::NOW, string $secret = self::SECRET ): RequestSigner {
		return new RequestSigner( $secret, static fn (): int => $now );
	}

	private function reason( RequestSigner $signer, ?string $timestamp, ?string $nonce, ?string $signature, string $body = self::BODY ): ?string {
		try {
			$signer->verify( 'POST', '/ru-payments/v1/events', $body, $timestamp, $nonce, $signature );
			return null;
		} catch ( SignatureException $e ) {
			return $e->reason();
		}
	}

	public function test_headers_produce_a_verifiable_signature_with_a_fresh_nonce(): void {
		$signer = $this->signer();
		$a      = $signer->headers( 'POST', '/ru-payments/v1/events', self::BODY );
		$b      = $signer->headers( 'POST', '/ru-payments/v1/events', self::BODY );

		$this->assertSame( (string) self::NOW, $a['X-RUP-Timestamp'] );
		$this->assertMatchesRegularExpression( RequestSigner::NONCE_PATTERN, $a['X-RUP-Nonce'] );
		$this->assertNotSame( $a['X-RUP-Nonce'], $b['X-RUP-Nonce'] );
		$this->assertMatchesRegularExpression( '/^v1=[0-9a-f]{64}$/', $a['X-RUP-Signature'] );
		$this->assertNull( $this->reason( $signer, $a['X-RUP-Timestamp'], $a['X-RUP-Nonce'], $a['X-RUP-Signature'] ) );
	}

	public function skew_cases(): array {
		return array(
			'300 s behind is accepted' => array( -300, null ),
			'300 s ahead is accepted'  => array( 300, null ),
			'301 s behind is rejected' => array( -301, SignatureException::STALE_TIMESTAMP ),
			'301 s ahead is rejected'  => array( 301, SignatureException::STALE_TIMESTAMP ),
		);
	}

	/**
	 * @dataProvider skew_cases
	 */
	public function test_timestamp_skew( int $offset, ?string $expected ): void {
		$headers = $this->signer( self::NOW + $offset )->headers( 'POST', '/ru-payments/v1/events', self::BODY );

		$this->assertSame( $expected, $this->reason( $this->signer(), $headers['X-RUP-Timestamp'], $headers['X-RUP-Nonce'], $headers['X-RUP-Signature'] ) );
	}

	public function test_forged_signature_and_tampered_request_are_rejected(): void {
		$signer  = $this->signer();
		$headers = $signer->headers( 'POST', '/ru-payments/v1/events', self::BODY );
		$forged  = $this->signer( self::NOW, str_repeat( 'x', 40 ) )->sign( 'POST', '/ru-payments/v1/events', $headers['X-RUP-Timestamp'], $headers['X-RUP-Nonce'], self::BODY );

		$this->assertSame( SignatureException::BAD_SIGNATURE, $this->reason( $signer, $headers['X-RUP-Timestamp'], $headers['X-RUP-Nonce'], $forged ) );
		$this->assertSame( SignatureException::BAD_SIGNATURE, $this->reason( $signer, $headers['X-RUP-Timestamp'], $headers['X-RUP-Nonce'], $headers['X-RUP-Signature'], '{"event_id":"evt_2"}' ) );
		$this->assertSame( SignatureException::BAD_SIGNATURE, $this->reason( $signer, (string) ( self::NOW - 1 ), $headers['X-RUP-Nonce'], $headers['X-RUP-Signature'] ) );
		$this->assertSame( SignatureException::BAD_SIGNATURE, $this->reason( $signer, $headers['X-RUP-Timestamp'], 'another-nonce-value-123', $headers['X-RUP-Signature'] ) );
		$this->assertFalse( $signer->is_valid( 'POST', '/ru-payments/v1/other', self::BODY, $headers['X-RUP-Timestamp'], $headers['X-RUP-Nonce'], $headers['X-RUP-Signature'] ) );
		$this->assertFalse( $signer->is_valid( 'PUT', '/ru-payments/v1/events', self::BODY, $headers['X-RUP-Timestamp'], $headers['X-RUP-Nonce'], $headers['X-RUP-Signature'] ) );
	}

	public function malformed_headers(): array {
		$sig = 'v1=' . str_repeat( 'a', 64 );
		return array(
			'missing timestamp'      => array( null, 'abcdefghijklmnop', $sig, SignatureException::MISSING_HEADER ),
			'missing nonce'          => array( '1764072000', null, $sig, SignatureException::MISSING_HEADER ),
			'missing signature'      => array( '1764072000', 'abcdefghijklmnop', null, SignatureException::MISSING_HEADER ),
			'empty signature'        => array( '1764072000', 'abcdefghijklmnop', '', SignatureException::MISSING_HEADER ),
			'non-numeric timestamp'  => array( '1764072000.5', 'abcdefghijklmnop', $sig, SignatureException::MALFORMED_HEADER ),
			'nonce too short'        => array( '1764072000', 'abcdefghijklmno', $sig, SignatureException::MALFORMED_HEADER ),
			'nonce too long'         => array( '1764072000', str_repeat( 'a', 65 ), $sig, SignatureException::MALFORMED_HEADER ),
			'nonce bad characters'   => array( '1764072000', 'abcdefgh.jklmnop', $sig, SignatureException::MALFORMED_HEADER ),
			'signature without v1='  => array( '1764072000', 'abcdefghijklmnop', str_repeat( 'a', 64 ), SignatureException::MALFORMED_HEADER ),
			'signature upper-case'   => array( '1764072000', 'abcdefghijklmnop', 'v1=' . str_repeat( 'A', 64 ), SignatureException::MALFORMED_HEADER ),
			'signature wrong length' => array( '1764072000', 'abcdefghijklmnop', 'v1=' . str_repeat( 'a', 63 ), SignatureException::MALFORMED_HEADER ),
		);
	}

	/**
	 * @dataProvider malformed_headers
	 */
	public function test_missing_or_malformed_headers_are_rejected( ?string $timestamp, ?string $nonce, ?string $signature, string $expected ): void {
		$this->assertSame( $expected, $this->reason( $this->signer(), $timestamp, $nonce, $signature ) );
	}

	public function test_nonce_length_bounds_are_accepted(): void {
		$signer = $this->signer();
		foreach ( array( str_repeat( 'a', 16 ), str_repeat( 'Z', 64 ), 'a_b-c_d-e_f-g_h-' ) as $nonce ) {
			$sig = $signer->sign( 'POST', '/ru-payments/v1/events', (string) self::NOW, $nonce, self::BODY );
			$this->assertNull( $this->reason( $signer, (string) self::NOW, $nonce, $sig ), $nonce );
		}
	}

	public function test_nothing_verifies_without_a_long_enough_secret(): void {
		foreach ( array( '', str_repeat( 's', 31 ) ) as $secret ) {
			$signer = $this->signer( self::NOW, $secret );
			$h      = $signer->headers( 'POST', '/ru-payments/v1/events', self::BODY );
			$this->assertSame( SignatureException::NOT_CONFIGURED, $this->reason( $signer, $h['X-RUP-Timestamp'], $h['X-RUP-Nonce'], $h['X-RUP-Signature'] ) );
		}
	}
}
