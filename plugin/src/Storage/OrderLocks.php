<?php
/**
 * One request at a time per order.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Storage;

defined( 'ABSPATH' ) || exit;

/**
 * An exclusive lock per order, held while a payment event is applied.
 */
interface OrderLocks {

	/**
	 * Waits up to $wait seconds; false when another request still holds the lock.
	 */
	public function acquire( int $order_id, int $wait ): bool;

	public function release( int $order_id ): void;
}
