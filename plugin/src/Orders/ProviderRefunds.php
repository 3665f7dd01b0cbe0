<?php
/**
 * Refunds reported by the provider that the order does not show yet.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Orders;

use RuPayments\Events\FreshOrder;
use RuPayments\Payments\RefundLedger;
use RuPayments\Support\Logger;
use RuPayments\Support\Money;

defined( 'ABSPATH' ) || exit;

/**
 * A `partially_refunded` or `refunded` event carries the payment's refunded total. Refunds made
 * through the plugin are already WooCommerce refund records when their event arrives (WooCommerce
 * saves the record before it calls process_refund()), so only the part of the total that the order
 * does not reflect yet — a refund made in the provider's dashboard — gets a new record, created
 * with `refund_payment => false` so the gateway is not asked to refund again.
 */
final class ProviderRefunds {

	public function __construct( private readonly ?Logger $logger = null ) {
	}

	/**
	 * Records the missing part and returns it in kopecks (0 when the order already reflects it).
	 * After a refund record was created, $order is the order as saved by wc_create_refund() (which
	 * may have set it to Refunded itself): a status change on the old object would run twice.
	 */
	public function reconcile( \WC_Order &$order, int $refunded_amount ): int {
		$reflected = Money::to_kopecks( wc_format_decimal( $order->get_total_refunded(), 2 ) );
		$missing   = min( $refunded_amount - $reflected, Money::to_kopecks( (string) $order->get_total() ) - $reflected );
		if ( $missing <= 0 ) {
			return 0;
		}

		$refund = wc_create_refund(
			array(
				'amount'         => Money::from_kopecks( $missing ),
				'reason'         => __( 'Refunded at the payment provider.', 'ru-payments-for-woocommerce' ),
				'order_id'       => $order->get_id(),
				'refund_payment' => false,
				'restock_items'  => false,
			)
		);
		if ( is_wp_error( $refund ) ) {
			$this->logger?->warning( sprintf( 'Order %d: the provider-side refund of %d kopecks could not be recorded: %s', $order->get_id(), $missing, $refund->get_error_message() ) );
			$order->add_order_note(
				sprintf(
					/* translators: %s: amount. */
					__( 'RU Payments: the payment provider reports a refund of %s that could not be recorded in this order. Please check the payment.', 'ru-payments-for-woocommerce' ),
					Money::from_kopecks( $missing )
				)
			);
			return 0;
		}

		$order = FreshOrder::load( $order->get_id() ) ?? $order;
		RefundLedger::add(
			$order,
			array(
				'source' => 'provider',
				'id'     => '',
				'amount' => $missing,
			)
		);
		$order->add_order_note(
			sprintf(
				/* translators: %s: amount. */
				__( 'RU Payments: a refund of %s was made at the payment provider and has been recorded in this order.', 'ru-payments-for-woocommerce' ),
				Money::from_kopecks( $missing )
			)
		);
		return $missing;
	}
}
