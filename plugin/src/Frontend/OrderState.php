<?php
/**
 * The payment state shown to the shopper after returning from the provider.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Frontend;

use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\PaymentStatus;

defined( 'ABSPATH' ) || exit;

/**
 * Three states: paid, pending (waiting for the provider's confirmation) and failed.
 */
final class OrderState {

	public const PAID    = 'paid';
	public const PENDING = 'pending';
	public const FAILED  = 'failed';

	private const PAID_STATUSES   = array( PaymentStatus::PAID, PaymentStatus::AUTHORIZED, PaymentStatus::PARTIALLY_REFUNDED, PaymentStatus::REFUNDED );
	private const FAILED_STATUSES = array( PaymentStatus::FAILED, PaymentStatus::CANCELLED, PaymentStatus::EXPIRED );

	/**
	 * The state as the order shows it (changed only by verified sidecar events).
	 */
	public static function of( \WC_Order $order ): string {
		if ( $order->is_paid() ) {
			return self::PAID;
		}
		if ( $order->has_status( array( 'failed', 'cancelled' ) ) || in_array( OrderMeta::status( $order ), self::FAILED_STATUSES, true ) ) {
			return self::FAILED;
		}
		// Never "paid" while the order itself still waits for its payment, whatever was reported.
		if ( ! $order->has_status( 'pending' ) && in_array( OrderMeta::status( $order ), self::PAID_STATUSES, true ) ) {
			return self::PAID;
		}
		return self::PENDING;
	}

	/**
	 * The state a sidecar payment status would show ('' for an unknown status).
	 */
	public static function from_payment_status( string $status ): string {
		if ( in_array( $status, self::PAID_STATUSES, true ) ) {
			return self::PAID;
		}
		if ( in_array( $status, self::FAILED_STATUSES, true ) ) {
			return self::FAILED;
		}
		return PaymentStatus::is_valid( $status ) ? self::PENDING : '';
	}

	/**
	 * The sentence shown for a state.
	 */
	public static function message( string $state ): string {
		return match ( $state ) {
			self::PAID   => __( 'Your payment has been received. Thank you!', 'ru-payments-for-woocommerce' ),
			self::FAILED => __( 'The payment did not go through. You can try again from your account or choose another payment method.', 'ru-payments-for-woocommerce' ),
			default      => __( 'We are waiting for the payment provider to confirm your payment. This page updates by itself.', 'ru-payments-for-woocommerce' ),
		};
	}
}
