<?php
/**
 * Events for a payment of an earlier attempt of the same order.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Events;

use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\PaymentStatus;
use RuPayments\Rest\PaymentEvent;
use RuPayments\Support\Logger;
use RuPayments\Support\Money;

defined( 'ABSPATH' ) || exit;

/**
 * The shopper went back and paid an old payment link after a new attempt had started:
 * - the order is still unpaid: that payment becomes the order's payment again (bound, with a note
 *   naming the attempt) and the event is applied as usual;
 * - another attempt paid the order already: the order is paid twice — a note, one e-mail to the
 *   admin, and the payment is listed for a one-click refund (Admin\ExtraPaymentRefund);
 * - any other status of an old attempt changes nothing (acknowledged as stale).
 */
final class EarlierAttempts {

	private const PAID_STATES = array( PaymentStatus::PAID, PaymentStatus::AUTHORIZED, PaymentStatus::PARTIALLY_REFUNDED, PaymentStatus::REFUNDED );

	public function __construct( private readonly Logger $logger ) {
	}

	/**
	 * Null when the payment was bound to the order again and the event is to be applied as usual.
	 */
	public function handle( \WC_Order $order, PaymentEvent $event ): ?EventOutcome {
		$attempt = OrderMeta::attempt_payments( $order )[ $event->payment_id ] ?? 0;
		$extra   = OrderMeta::extra_payments( $order )[ $event->payment_id ] ?? null;

		if ( null !== $extra && in_array( $event->status, array( PaymentStatus::REFUNDED, PaymentStatus::PARTIALLY_REFUNDED ), true ) ) {
			$extra['refunded_amount'] = $event->refunded_amount;
			OrderMeta::set_extra_payment( $order, $event->payment_id, $extra );
			OrderMeta::remember_event( $order, $event->event_id );
			$order->save();
			return EventOutcome::applied( 'note' );
		}
		if ( ! in_array( $event->status, array( PaymentStatus::PAID, PaymentStatus::AUTHORIZED ), true ) ) {
			$this->logger->info( sprintf( 'Sidecar event %s: payment %s of an earlier attempt of order %d is %s; the order is not changed.', $event->event_id, $event->payment_id, $order->get_id(), $event->status ) );
			return EventOutcome::stale();
		}

		if ( ! $order->is_paid() && ! in_array( OrderMeta::status( $order ), self::PAID_STATES, true ) ) {
			$order->add_order_note(
				sprintf(
					/* translators: 1: attempt number, 2: sidecar payment id. */
					__( 'RU Payments: the customer paid an earlier payment attempt (attempt %1$d, payment %2$s); the order is paid by that payment.', 'ru-payments-for-woocommerce' ),
					$attempt,
					$event->payment_id
				)
			);
			OrderMeta::bind_payment( $order, $event->payment_id );
			$order->update_meta_data( OrderMeta::PROVIDER, $event->provider );
			$order->update_meta_data( OrderMeta::PROVIDER_PAYMENT_ID, $event->provider_payment_id );
			return null;
		}

		if ( null !== $extra ) {
			return EventOutcome::stale();
		}
		OrderMeta::set_extra_payment(
			$order,
			$event->payment_id,
			array(
				'provider'            => $event->provider,
				'provider_payment_id' => $event->provider_payment_id,
				'amount'              => $event->amount,
				'attempt'             => $attempt,
				'status'              => $event->status,
				'refund'              => '',
			)
		);
		$note = sprintf(
			/* translators: 1: attempt number, 2: sidecar payment id, 3: amount, 4: provider id. */
			__( 'RU Payments: this order was paid twice. The payment of an earlier attempt (attempt %1$d, payment %2$s, %3$s, provider %4$s) was paid as well, after another payment had paid the order. Refund the extra payment with the order action "Refund the extra payment (RU Payments)".', 'ru-payments-for-woocommerce' ),
			$attempt,
			$event->payment_id,
			Money::from_kopecks( $event->amount ),
			$event->provider
		);
		$order->add_order_note( $note );
		OrderMeta::remember_event( $order, $event->event_id );
		$order->save();
		$this->logger->warning( sprintf( 'Order %d was paid twice: payment %s of attempt %d.', $order->get_id(), $event->payment_id, $attempt ) );
		self::mail_admin( $order, $note );
		return EventOutcome::applied( 'paid_twice' );
	}

	private static function mail_admin( \WC_Order $order, string $note ): void {
		wp_mail(
			(string) get_option( 'admin_email' ),
			sprintf(
				/* translators: %s: order number. */
				__( '[RU Payments] Order #%s was paid twice', 'ru-payments-for-woocommerce' ),
				$order->get_order_number()
			),
			$note . "\n\n" . $order->get_edit_order_url()
		);
	}
}
