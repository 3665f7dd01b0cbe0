<?php
/**
 * Error report e-mails for payments the provider reports as failed.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Orders;

use RuPayments\Gateways\GatewayOptions;
use RuPayments\Rest\PaymentEvent;
use RuPayments\Support\ErrorReporter;

defined( 'ABSPATH' ) || exit;

/**
 * Hooked on `ru_payments_event_applied`: when an event failed an order, the gateway's error-report
 * address (if set) gets a short note.
 */
final class FailedPaymentNotifier {

	public function __construct( private readonly ErrorReporter $reporter ) {
	}

	public function register(): void {
		add_action( 'ru_payments_event_applied', array( $this, 'on_event' ), 10, 3 );
	}

	/**
	 * @param mixed $order  Order.
	 * @param mixed $event  Event.
	 * @param mixed $action StatusApplier action.
	 */
	public function on_event( $order, $event, $action ): void {
		if ( StatusApplier::ACTION_FAILED !== $action || ! $order instanceof \WC_Order || ! $event instanceof PaymentEvent ) {
			return;
		}
		$gateway_id = (string) $order->get_payment_method();
		if ( ! GatewayOptions::is_ours( $gateway_id ) ) {
			return;
		}
		$this->reporter->send(
			GatewayOptions::get( $gateway_id, 'error_email' ),
			__( 'RU Payments: a payment failed', 'ru-payments-for-woocommerce' ),
			sprintf(
				/* translators: 1: order number, 2: provider id, 3: payment id. */
				__( 'Order #%1$s: the payment provider %2$s reported the payment %3$s as failed. The order is now "Failed"; the customer can try to pay again.', 'ru-payments-for-woocommerce' ),
				$order->get_order_number(),
				$event->provider,
				$event->payment_id
			),
			'failed|' . $order->get_id() . '|' . $event->payment_id
		);
	}
}
