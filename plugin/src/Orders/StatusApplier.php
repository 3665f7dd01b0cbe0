<?php
/**
 * Maps normalized payment statuses onto WooCommerce orders.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Orders;

defined( 'ABSPATH' ) || exit;

/**
 * Applies a payment status to an order, records it as the payment's status (OrderMeta::STATUS) and
 * adds an order note. The caller saves the order (payment_complete() saves on its own, as in every
 * WooCommerce gateway).
 */
final class StatusApplier {

	public function __construct( private readonly ProviderRefunds $refunds = new ProviderRefunds() ) {
	}

	public const ACTION_PAYMENT_COMPLETE = 'payment_complete';
	public const ACTION_ON_HOLD          = 'on-hold';
	public const ACTION_CANCELLED        = 'cancelled';
	public const ACTION_FAILED           = 'failed';
	public const ACTION_REFUNDED         = 'refunded';
	public const ACTION_NOTE             = 'note';

	/**
	 * Contract mapping: normalized status → action.
	 */
	public const MAP = array(
		PaymentStatus::CREATED            => self::ACTION_NOTE,
		PaymentStatus::PENDING            => self::ACTION_NOTE,
		PaymentStatus::AUTHORIZED         => self::ACTION_ON_HOLD,
		PaymentStatus::PAID               => self::ACTION_PAYMENT_COMPLETE,
		PaymentStatus::PARTIALLY_REFUNDED => self::ACTION_NOTE,
		PaymentStatus::REFUNDED           => self::ACTION_REFUNDED,
		PaymentStatus::CANCELLED          => self::ACTION_CANCELLED,
		PaymentStatus::FAILED             => self::ACTION_FAILED,
		PaymentStatus::EXPIRED            => self::ACTION_CANCELLED,
	);

	/**
	 * The action the contract maps a status to (ACTION_NOTE for unknown statuses).
	 */
	public static function action_for( string $status ): string {
		return self::MAP[ $status ] ?? self::ACTION_NOTE;
	}

	/**
	 * Applies the status and returns the action actually taken (ACTION_NOTE when the order was left
	 * as it is, e.g. `paid` on an order that is already paid, or `failed` on a paid order).
	 *
	 * @param \WC_Order $order               Order.
	 * @param string    $status              Normalized payment status.
	 * @param string    $provider            Provider id, e.g. "toy".
	 * @param string    $provider_payment_id Payment id at the provider (becomes the transaction id).
	 * @param int|null  $refunded_amount     The payment's refunded total in kopecks, when the event carries it:
	 *                                       for refund statuses, the part the order does not show yet is
	 *                                       recorded as a refund made at the provider.
	 */
	public function apply( \WC_Order &$order, string $status, string $provider = '', string $provider_payment_id = '', ?int $refunded_amount = null ): string {
		if ( null !== $refunded_amount && in_array( $status, array( PaymentStatus::PARTIALLY_REFUNDED, PaymentStatus::REFUNDED ), true ) ) {
			$this->refunds->reconcile( $order, $refunded_amount );
		}

		$action = self::action_for( $status );
		$note   = $this->note( $status, $provider, $provider_payment_id );
		if ( self::ACTION_PAYMENT_COMPLETE === $action && OrderMeta::is_captured( $order ) ) {
			// The plugin captured this payment (two-stage): the order was completed then, with the
			// status the shop manager chose; the provider's `paid` only confirms it.
			$action = self::ACTION_NOTE;
			$note  .= ' ' . __( 'The payment was captured from this order already, so its status was not changed.', 'ru-payments-for-woocommerce' );
		} elseif ( self::ACTION_NOTE !== $action && self::ACTION_REFUNDED !== $action && $order->is_paid() ) {
			$action = self::ACTION_NOTE;
			$note  .= ' ' . __( 'The order is already paid, so its status was not changed.', 'ru-payments-for-woocommerce' );
		} elseif ( self::ACTION_REFUNDED === $action && $order->has_status( 'refunded' ) ) {
			$action = self::ACTION_NOTE;
		}

		$order->add_order_note( $note );
		// Recorded before the order status changes, so that hooks on the order status (capture,
		// cancellation of an authorisation) see the payment status that caused the change.
		$order->update_meta_data( OrderMeta::STATUS, $status );

		switch ( $action ) {
			case self::ACTION_PAYMENT_COMPLETE:
				$order->payment_complete( $provider_payment_id );
				break;
			case self::ACTION_ON_HOLD:
				if ( '' !== $provider_payment_id && '' === (string) $order->get_transaction_id() ) {
					$order->set_transaction_id( $provider_payment_id );
				}
				$order->set_status( 'on-hold' );
				break;
			case self::ACTION_CANCELLED:
			case self::ACTION_FAILED:
			case self::ACTION_REFUNDED:
				$order->set_status( $action );
				break;
		}
		return $action;
	}

	private function note( string $status, string $provider, string $provider_payment_id ): string {
		return sprintf(
			/* translators: 1: payment status, 2: provider id, 3: payment id at the provider. */
			__( 'RU Payments: payment %1$s (provider %2$s, ID %3$s).', 'ru-payments-for-woocommerce' ),
			PaymentStatus::label( $status ),
			'' !== $provider ? $provider : '—',
			'' !== $provider_payment_id ? $provider_payment_id : '—'
		);
	}
}
