<?php
/**
 * Atomic markers: "this happened" flags that only one request can set.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Storage;

defined( 'ABSPATH' ) || exit;

/**
 * A marker is claimed by exactly one caller until it expires, even when many claim it at once.
 */
interface Markers {

	/**
	 * Sets the marker for $ttl seconds; false when it is already set (someone else claimed it).
	 */
	public function claim( string $name, int $ttl ): bool;

	public function has( string $name ): bool;

	public function release( string $name ): void;

	/**
	 * Deletes up to $limit expired markers; returns how many were deleted.
	 */
	public function purge_expired( int $limit = 1000 ): int;
}
