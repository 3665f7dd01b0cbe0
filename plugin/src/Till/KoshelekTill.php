<?php
/**
 * Koshelek Pay at the till, through the sidecar's cashier API.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\PaymentStatus;
use RuPayments\Orders\StatusApplier;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Money;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Pay, status (long-poll), cancel and refund of a till order. Cashier payments reach WordPress
 * through no outbox event (the sidecar keeps them away from the events route), so every answer's
 * normalized status is applied here with the same StatusApplier the events route uses: paid →
 * payment_complete (stock reduced), cancelled, failed, refunded.
 *
 * Idempotency keys are per order and attempt: a repeat of a call that got no answer (or a
 * `retryable` error) reaches Koshelek with the same requestId and never pays twice.
 */
final class KoshelekTill {

	private const BASE     = '/v1/providers/koshelek/payments';
	private const ATTEMPT  = '_ru_payments_till_attempt';
	private const REFUND_N = '_ru_payments_till_refunds';

	public function __construct(
		private readonly SidecarClient $client,
		private readonly StatusApplier $applier,
		private readonly TillSettings $settings
	) {
	}

	/**
	 * Sends the checkout. `$card`: `barcode` (decoded text) and optional `format`.
	 *
	 * @param array{barcode: string, format: string} $card Card.
	 */
	public function pay( \WC_Order $order, array $card, string $payment_type, bool $retry ): array|WP_Error {
		$items = KoshelekBasket::items( $order );
		$total = Money::to_kopecks( (string) $order->get_total() );
		if ( array() === $items || KoshelekBasket::total( $items ) !== $total ) {
			return new WP_Error( 'ru_payments_till_invalid', __( 'The order total does not match its lines.', 'ru-payments-for-woocommerce' ), array( 'status' => 400 ) );
		}
		$settings = $this->settings->all();
		$body     = array(
			'barcode'     => $card['barcode'],
			'orderId'     => (string) $order->get_id(),
			'amount'      => $total,
			'paymentType' => $payment_type,
			'terminalId'  => (string) $order->get_meta( TillMeta::TILL, true ),
			'items'       => $items,
			'test'        => $settings['test_mode'],
			'profile'     => $settings['koshelek_profile'],
		);
		if ( '' !== $card['format'] ) {
			$body['barcodeFormat'] = $card['format'];
		}
		// A new card (or a new try after a refusal) is a new attempt; "Retry" repeats the last one.
		$attempt = max( 1, (int) $order->get_meta( self::ATTEMPT, true ) + ( $retry ? 0 : 1 ) );
		$order->update_meta_data( self::ATTEMPT, $attempt );
		$answer = $this->client->request( 'POST', self::BASE, $body, sprintf( 'till-%d-pay-%d', $order->get_id(), $attempt ) );
		if ( is_wp_error( $answer ) ) {
			$this->remember_error( $order, $answer );
			$order->save();
			return $answer;
		}
		return $this->take( $order, $answer );
	}

	/**
	 * The payment's view, waiting up to `$wait_ms` for a final status.
	 */
	public function status( \WC_Order $order, int $wait_ms ): array|WP_Error {
		$ref = OrderMeta::payment_id( $order );
		if ( '' === $ref ) {
			return array();
		}
		$answer = $this->client->request( 'GET', self::BASE . '/' . rawurlencode( $ref ) . '?wait=' . max( 0, min( 25000, $wait_ms ) ) );
		return is_wp_error( $answer ) ? $answer : $this->take( $order, $answer );
	}

	public function cancel( \WC_Order $order ): array|WP_Error {
		$ref = OrderMeta::payment_id( $order );
		if ( '' === $ref ) {
			// Nothing reached Koshelek (e.g. the card was refused): only the order is cancelled.
			$order->update_status( 'cancelled', __( 'RU Payments: cancelled at the till before any payment.', 'ru-payments-for-woocommerce' ) );
			return array();
		}
		$answer = $this->client->request( 'POST', self::BASE . '/' . rawurlencode( $ref ) . '/cancel', array(), sprintf( 'till-%d-cancel-%s', $order->get_id(), $ref ) );
		if ( is_wp_error( $answer ) ) {
			$this->remember_error( $order, $answer );
			$order->save();
			return $answer;
		}
		return $this->take( $order, $answer );
	}

	/**
	 * Refunds the returned items (order item id → quantity), or everything when null; records the
	 * refund in WooCommerce (restocking the returned products) once Koshelek accepted it.
	 *
	 * @param array<int,int>|null $returned Returned quantities.
	 */
	public function refund( \WC_Order $order, ?array $returned, string $reason ): array|WP_Error {
		$left = Money::to_kopecks( (string) $order->get_total() ) - Money::to_kopecks( wc_format_decimal( $order->get_total_refunded(), 2 ) );
		if ( null === $returned && $order->get_total_refunded() > 0 ) {
			// "Everything" after a partial refund: what is left of each line.
			$returned = array();
			foreach ( $order->get_items( array( 'line_item', 'fee' ) ) as $id => $item ) {
				$returned[ (int) $id ] = (int) $item->get_quantity() - abs( (int) $order->get_qty_refunded_for_item( $id, $item->get_type() ) );
			}
		}
		$items  = null === $returned ? KoshelekBasket::items( $order ) : KoshelekBasket::items( $order, $returned );
		$amount = null === $returned ? $left : KoshelekBasket::total( $items );
		if ( $amount < 1 || $amount > $left || array() === $items ) {
			return new WP_Error( 'ru_payments_till_invalid', __( 'Nothing to refund: choose the returned items.', 'ru-payments-for-woocommerce' ), array( 'status' => 400 ) );
		}
		$n    = (int) $order->get_meta( self::REFUND_N, true ) + 1;
		$body = array( 'amount' => $amount );
		if ( null !== $returned || $amount !== Money::to_kopecks( (string) $order->get_total() ) ) {
			$body['items'] = $items;
		}
		if ( '' !== $reason ) {
			$body['reason'] = mb_substr( $reason, 0, 500 );
		}
		$ref    = OrderMeta::payment_id( $order );
		$answer = $this->client->request( 'POST', self::BASE . '/' . rawurlencode( $ref ) . '/refunds', $body, sprintf( 'till-%d-refund-%d-%d', $order->get_id(), $n, $amount ) );
		if ( is_wp_error( $answer ) ) {
			$this->remember_error( $order, $answer );
			$order->save();
			return $answer;
		}
		$refund = is_array( $answer['refund'] ?? null ) ? $answer['refund'] : array();
		if ( 'failed' !== ( $refund['status'] ?? '' ) ) {
			$order->update_meta_data( self::REFUND_N, $n );
			$this->record_refund( $order, $amount, $returned, $reason );
		}
		return $this->take( wc_get_order( $order->get_id() ), is_array( $answer['payment'] ?? null ) ? $answer['payment'] : array() );
	}

	/**
	 * @param array<int,int>|null $returned Returned quantities.
	 */
	private function record_refund( \WC_Order $order, int $amount, ?array $returned, string $reason ): void {
		$lines = array();
		foreach ( $order->get_items( array( 'line_item', 'fee' ) ) as $id => $item ) {
			$count = null === $returned ? (int) $item->get_quantity() : min( (int) $item->get_quantity(), (int) ( $returned[ (int) $id ] ?? 0 ) );
			if ( $count > 0 ) {
				$share          = $count / max( 1, (int) $item->get_quantity() );
				$lines[ $id ] = array(
					'qty'          => $count,
					'refund_total' => wc_format_decimal( (float) $item->get_total() * $share, wc_get_price_decimals() ),
					'refund_tax'   => array_map( static fn ( $tax ) => wc_format_decimal( (float) $tax * $share, wc_get_price_decimals() ), (array) ( $item->get_taxes()['total'] ?? array() ) ),
				);
			}
		}
		wc_create_refund(
			array(
				'order_id'       => $order->get_id(),
				'amount'         => Money::from_kopecks( $amount ),
				'reason'         => '' !== $reason ? $reason : __( 'Refund at the till (Koshelek Pay).', 'ru-payments-for-woocommerce' ),
				'line_items'     => $lines,
				'refund_payment' => false,
				'restock_items'  => true,
			)
		);
	}

	/**
	 * Keeps the payment id, slip and instruction, and applies a status change to the order.
	 *
	 * @param array<string,mixed> $view The sidecar's payment view.
	 */
	private function take( \WC_Order $order, array $view ): array {
		$id = is_string( $view['id'] ?? null ) ? $view['id'] : '';
		if ( '' !== $id ) {
			OrderMeta::bind_payment( $order, $id );
			$order->update_meta_data( OrderMeta::PROVIDER, 'koshelek' );
		}
		if ( is_array( $view['slip'] ?? null ) ) {
			$order->update_meta_data( TillMeta::SLIP, $view['slip'] );
		}
		if ( is_array( $view['refunds'] ?? null ) ) {
			$ids = array_map( static fn ( $r ) => is_array( $r ) && is_string( $r['refTransactionId'] ?? null ) ? $r['refTransactionId'] : '', $view['refunds'] );
			$order->update_meta_data( TillMeta::REFUND_IDS, array_values( array_filter( $ids ) ) );
		}
		$order->update_meta_data( TillMeta::INSTRUCTION, Instruction::from( $view['cashier'] ?? null, is_string( $view['errorCode'] ?? null ) ? $view['errorCode'] : '' ) );
		$status = is_string( $view['paymentStatus'] ?? null ) ? $view['paymentStatus'] : '';
		if ( PaymentStatus::is_valid( $status ) && OrderMeta::status( $order ) !== $status ) {
			$transaction = is_string( $view['transactionId'] ?? null ) ? $view['transactionId'] : '';
			$refunded    = is_int( $view['refundedAmount'] ?? null ) ? $view['refundedAmount'] : null;
			$this->applier->apply( $order, $status, 'koshelek', $transaction, $refunded );
		}
		$order->save();
		return $view;
	}

	private function remember_error( \WC_Order $order, WP_Error $error ): void {
		$data = (array) $error->get_error_data();
		$order->update_meta_data( TillMeta::INSTRUCTION, Instruction::from( $data['cashier'] ?? null, (string) ( $data['sidecar_code'] ?? $error->get_error_code() ) ) );
	}
}
