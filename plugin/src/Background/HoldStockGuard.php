<?php
/**
 * Keeps invoice and BNPL orders out of WooCommerce's hold-stock cancellation while they can be paid.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Background;

use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\PaymentStatus;
use RuPayments\Sidecar\SidecarClient;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce cancels pending checkout orders when "Hold stock" runs out (wc_cancel_unpaid_orders,
 * filter `woocommerce_cancel_unpaid_order`). An invoice is paid days later, and a BNPL provider
 * decides in its own time: such an order stays while the provider (asked through the sidecar) still
 * reports its payment as open; when the sidecar cannot be asked, it stays too (an order paid after
 * it was cancelled would be worse), for at most MAX_AGE.
 */
final class HoldStockGuard {

	public const MAX_AGE = 30 * 86400;

	private const OPEN = array( PaymentStatus::CREATED, PaymentStatus::PENDING, PaymentStatus::AUTHORIZED, PaymentStatus::PAID );

	/**
	 * @param SidecarClient $client      Sidecar client.
	 * @param list<string>  $gateway_ids Methods paid by invoice or decided later (BNPL).
	 */
	public function __construct( private readonly SidecarClient $client, private readonly array $gateway_ids ) {
	}

	public function register(): void {
		add_filter( 'woocommerce_cancel_unpaid_order', array( $this, 'filter' ), 10, 2 );
	}

	/**
	 * @param mixed $cancel Whether WooCommerce would cancel the order.
	 * @param mixed $order  Order.
	 * @return mixed
	 */
	public function filter( $cancel, $order = null ) {
		if ( ! $cancel || ! $order instanceof \WC_Order || ! in_array( (string) $order->get_payment_method(), $this->gateway_ids, true ) ) {
			return $cancel;
		}
		$payment_id = OrderMeta::payment_id( $order );
		$created    = $order->get_date_created();
		if ( '' === $payment_id || ( null !== $created && $created->getTimestamp() < time() - self::MAX_AGE ) ) {
			return $cancel;
		}
		$answer = $this->client->get_payment( $payment_id, true );
		$status = is_wp_error( $answer ) ? '' : (string) ( $answer['status'] ?? '' );
		if ( '' !== $status && ! in_array( $status, self::OPEN, true ) ) {
			return $cancel;
		}
		if ( PaymentStatus::PAID === $status || PaymentStatus::AUTHORIZED === $status ) {
			// Paid but not shown yet: the reconciliation brings the order up to date.
			Scheduler::enqueue_async( Reconciler::HOOK_ORDER, array( $order->get_id() ) );
		}
		return false;
	}
}
