<?php
/**
 * Replay protection for incoming request nonces.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Signing;

defined( 'ABSPATH' ) || exit;

/**
 * Remembers nonces for 10 minutes in transients (twice the allowed clock skew).
 */
final class NonceStore {

	public const TTL    = 600;
	public const PREFIX = 'ru_payments_nonce_';

	/**
	 * Records the nonce; false when it was already seen within the TTL (a replay).
	 */
	public function remember( string $nonce ): bool {
		if ( $this->seen( $nonce ) ) {
			return false;
		}
		set_transient( self::key( $nonce ), 1, self::TTL );
		return true;
	}

	public function seen( string $nonce ): bool {
		return false !== get_transient( self::key( $nonce ) );
	}

	public static function key( string $nonce ): string {
		return self::PREFIX . md5( $nonce );
	}
}
