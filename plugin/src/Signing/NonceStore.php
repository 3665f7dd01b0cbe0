<?php
/**
 * Replay protection for incoming request nonces.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Signing;

use RuPayments\Storage\DbMarkers;
use RuPayments\Storage\Markers;

defined( 'ABSPATH' ) || exit;

/**
 * Remembers nonces for 10 minutes (twice the allowed clock skew) as atomic markers: of two requests
 * carrying the same nonce at the same moment, exactly one is accepted (a transient's
 * read-then-write would let both through).
 */
final class NonceStore {

	public const TTL    = 600;
	public const PREFIX = 'nonce:';

	private readonly Markers $markers;

	public function __construct( ?Markers $markers = null ) {
		$this->markers = $markers ?? new DbMarkers();
	}

	/**
	 * Records the nonce; false when it was already seen within the TTL (a replay).
	 */
	public function remember( string $nonce ): bool {
		return $this->markers->claim( self::PREFIX . $nonce, self::TTL );
	}

	public function seen( string $nonce ): bool {
		return $this->markers->has( self::PREFIX . $nonce );
	}
}
