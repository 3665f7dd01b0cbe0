<?php
/**
 * One-click refund of a payment that paid an order a second time.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\PaymentStatus;
use RuPayments\Providers\ProviderDirectory;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Logger;
use RuPayments\Support\Money;

defined( 'ABSPATH' ) || exit;

/**
 * The order action "Refund the extra payment (RU Payments)" appears on an order paid twice
 * (Events\EarlierAttempts) while an extra payment is not refunded and its provider refunds through
 * its API. It refunds the whole extra payment through the sidecar; the idempotency key is per payment,
 * so pressing it twice never refunds twice. The order's own totals and status are not touched: the
 * order stays paid by its other payment.
 */
final class ExtraPaymentRefund {

	public const ORDER_ACTION = 'ru_payments_refund_extra_payment';

	public function __construct( private readonly SidecarClient $client, private readonly ProviderDirectory $directory, private readonly Logger $logger ) {
	}

	public function register(): void {
		add_filter( 'woocommerce_order_actions', array( $this, 'order_actions' ), 10, 2 );
		add_action( 'woocommerce_order_action_' . self::ORDER_ACTION, array( $this, 'order_action' ) );
	}

	/**
	 * @param mixed $actions Actions (id => label).
	 * @param mixed $order   Order.
	 * @return mixed
	 */
	public function order_actions( $actions, $order = null ) {
		if ( ! $order instanceof \WC_Order ) {
			global $theorder;
			$order = $theorder;
		}
		if ( is_array( $actions ) && $order instanceof \WC_Order && current_user_can( 'manage_woocommerce' ) && array() !== $this->refundable( $order ) ) {
			$actions[ self::ORDER_ACTION ] = __( 'Refund the extra payment (RU Payments)', 'ru-payments-for-woocommerce' );
		}
		return $actions;
	}

	/**
	 * @param mixed $order Order (WooCommerce checked the nonce and the right to edit it).
	 */
	public function order_action( $order ): void {
		if ( ! $order instanceof \WC_Order || ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		foreach ( $this->refundable( $order ) as $payment_id => $extra ) {
			$amount = (int) ( $extra['amount'] ?? 0 );
			$answer = $this->client->refund_payment( $payment_id, $amount, __( 'Duplicate payment of the order', 'ru-payments-for-woocommerce' ), 'extra-refund-' . $payment_id );
			if ( is_wp_error( $answer ) ) {
				$this->logger->warning( sprintf( 'Order %d: the extra payment %s could not be refunded: %s', $order->get_id(), $payment_id, $answer->get_error_code() ) );
				AdminNotices::add( __( 'RU Payments: the extra payment could not be refunded. Try again later, or refund it in the provider\'s dashboard.', 'ru-payments-for-woocommerce' ) );
				continue;
			}
			$extra['refund'] = 'refunded';
			OrderMeta::set_extra_payment( $order, $payment_id, $extra );
			$order->add_order_note(
				sprintf(
					/* translators: 1: amount, 2: sidecar payment id. */
					__( 'RU Payments: the extra payment was refunded (%1$s, payment %2$s).', 'ru-payments-for-woocommerce' ),
					Money::from_kopecks( $amount ),
					$payment_id
				)
			);
		}
		$order->save();
	}

	/**
	 * Extra payments that are paid, not refunded yet, and whose provider refunds through its API.
	 *
	 * @return array<string,array<string,mixed>>
	 */
	private function refundable( \WC_Order $order ): array {
		return array_filter(
			OrderMeta::extra_payments( $order ),
			fn ( array $extra ): bool => '' === ( $extra['refund'] ?? '' )
				&& PaymentStatus::PAID === ( $extra['status'] ?? '' )
				&& (int) ( $extra['amount'] ?? 0 ) > 0
				&& false !== $this->directory->can_refund( (string) ( $extra['provider'] ?? '' ) )
		);
	}
}
