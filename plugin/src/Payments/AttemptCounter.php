<?php
/**
 * Idempotency keys of payment attempts.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Payments;

use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\PaymentStatus;

defined( 'ABSPATH' ) || exit;

/**
 * Every create-payment call for an order carries `order-<id>-attempt-<n>`. The attempt number only
 * moves on when the previous attempt can no longer be paid, so a double click, a browser retry or a
 * second visit to the pay page while a payment is still open sends the same key, and the sidecar
 * answers with the payment it already created instead of charging twice.
 *
 * n moves on when:
 * - the payment bound to the order reached a final unpaid status (failed, cancelled, expired) —
 *   once per such payment (`_ru_payments_attempt_closed_by` remembers which one closed an attempt);
 * - the sidecar refused the attempt with a final client error (its stored answer would only be
 *   replayed), or the order changed since the key was first used (422 idempotency_key_reused).
 * Transport errors and 5xx answers keep n: the sidecar may have created the payment, and the same
 * key returns it.
 */
final class AttemptCounter {

	private const FINAL_UNPAID = array( PaymentStatus::FAILED, PaymentStatus::CANCELLED, PaymentStatus::EXPIRED );

	public static function current( \WC_Order $order ): int {
		return max( 1, (int) $order->get_meta( OrderMeta::ATTEMPT, true ) );
	}

	/**
	 * The attempt number for the next create-payment call (moved on when the bound payment is final
	 * and unpaid). The caller saves the order.
	 */
	public static function next( \WC_Order $order ): int {
		$attempt    = self::current( $order );
		$payment_id = OrderMeta::payment_id( $order );
		if (
			'' !== $payment_id
			&& in_array( OrderMeta::status( $order ), self::FINAL_UNPAID, true )
			&& (string) $order->get_meta( OrderMeta::ATTEMPT_CLOSED_BY, true ) !== $payment_id
		) {
			++$attempt;
			$order->update_meta_data( OrderMeta::ATTEMPT_CLOSED_BY, $payment_id );
		}
		$order->update_meta_data( OrderMeta::ATTEMPT, $attempt );
		return $attempt;
	}

	/**
	 * Moves on after the sidecar finally refused an attempt. The caller saves the order.
	 */
	public static function close( \WC_Order $order ): int {
		$attempt = self::current( $order ) + 1;
		$order->update_meta_data( OrderMeta::ATTEMPT, $attempt );
		return $attempt;
	}

	public static function key( \WC_Order $order, int $attempt ): string {
		return sprintf( 'order-%d-attempt-%d', $order->get_id(), $attempt );
	}
}
