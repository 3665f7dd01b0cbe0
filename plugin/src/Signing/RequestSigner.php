<?php
/**
 * HMAC-SHA256 request signing, scheme "v1" of the plugin ↔ sidecar contract.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Signing;

defined( 'ABSPATH' ) || exit;

/**
 * Signs outgoing requests and verifies incoming ones.
 *
 * Canonical string: "v1\n<METHOD>\n<target>\n<timestamp>\n<nonce>\n<sha256 hex of body>".
 */
final class RequestSigner {

	public const VERSION            = 'v1';
	public const MAX_SKEW           = 300;
	public const MIN_SECRET_LENGTH  = 32;
	public const NONCE_PATTERN      = '/^[A-Za-z0-9_-]{16,64}$/';
	public const HEADER_TIMESTAMP   = 'X-RUP-Timestamp';
	public const HEADER_NONCE       = 'X-RUP-Nonce';
	public const HEADER_SIGNATURE   = 'X-RUP-Signature';
	private const TIMESTAMP_PATTERN = '/^[0-9]{1,12}$/';
	private const SIGNATURE_PATTERN = '/^v1=[0-9a-f]{64}$/';

	/**
	 * @var callable(): int
	 */
	private $clock;

	/**
	 * @param string             $secret Shared secret (at least 32 characters to verify anything).
	 * @param null|callable():int $clock Returns the current Unix time; defaults to time().
	 */
	public function __construct( private readonly string $secret, ?callable $clock = null ) {
		$this->clock = $clock ?? static fn (): int => time();
	}

	public function now(): int {
		return (int) ( $this->clock )();
	}

	public function canonical( string $method, string $target, string $timestamp, string $nonce, string $body ): string {
		return implode( "\n", array( self::VERSION, strtoupper( $method ), $target, $timestamp, $nonce, hash( 'sha256', $body ) ) );
	}

	/**
	 * The X-RUP-Signature value: "v1=" + lowercase hex HMAC.
	 */
	public function sign( string $method, string $target, string $timestamp, string $nonce, string $body ): string {
		return self::VERSION . '=' . hash_hmac( 'sha256', $this->canonical( $method, $target, $timestamp, $nonce, $body ), $this->secret );
	}

	/**
	 * Fresh signing headers for an outgoing request.
	 *
	 * @return array<string,string>
	 */
	public function headers( string $method, string $target, string $body ): array {
		$timestamp = (string) $this->now();
		$nonce     = self::generate_nonce();
		return array(
			self::HEADER_TIMESTAMP => $timestamp,
			self::HEADER_NONCE     => $nonce,
			self::HEADER_SIGNATURE => $this->sign( $method, $target, $timestamp, $nonce, $body ),
		);
	}

	/**
	 * Verifies an incoming request. Replay protection is the caller's job (see NonceStore).
	 *
	 * @throws SignatureException With the reason when the request must be rejected.
	 */
	public function verify( string $method, string $target, string $body, ?string $timestamp, ?string $nonce, ?string $signature ): void {
		if ( strlen( $this->secret ) < self::MIN_SECRET_LENGTH ) {
			throw new SignatureException( SignatureException::NOT_CONFIGURED );
		}
		if ( null === $timestamp || null === $nonce || null === $signature || '' === $timestamp || '' === $nonce || '' === $signature ) {
			throw new SignatureException( SignatureException::MISSING_HEADER );
		}
		if ( ! preg_match( self::TIMESTAMP_PATTERN, $timestamp ) || ! preg_match( self::NONCE_PATTERN, $nonce ) || ! preg_match( self::SIGNATURE_PATTERN, $signature ) ) {
			throw new SignatureException( SignatureException::MALFORMED_HEADER );
		}
		if ( abs( $this->now() - (int) $timestamp ) > self::MAX_SKEW ) {
			throw new SignatureException( SignatureException::STALE_TIMESTAMP );
		}
		if ( ! hash_equals( $this->sign( $method, $target, $timestamp, $nonce, $body ), $signature ) ) {
			throw new SignatureException( SignatureException::BAD_SIGNATURE );
		}
	}

	/**
	 * Boolean form of verify().
	 */
	public function is_valid( string $method, string $target, string $body, ?string $timestamp, ?string $nonce, ?string $signature ): bool {
		try {
			$this->verify( $method, $target, $body, $timestamp, $nonce, $signature );
			return true;
		} catch ( SignatureException $e ) {
			return false;
		}
	}

	/**
	 * A random 32-character hex nonce.
	 */
	public static function generate_nonce(): string {
		return bin2hex( random_bytes( 16 ) );
	}
}
