<?php
/**
 * What the till screen shows of a sale.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

use RuPayments\Orders\AuthorizationLapse;
use RuPayments\Orders\OfflineLink;
use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\PaymentStatus;
use RuPayments\Support\Money;

defined( 'ABSPATH' ) || exit;

/**
 * Built from the order only (its status, meta and refunds), so the till shows what WooCommerce
 * holds. Amounts are kopecks.
 */
final class SaleView {

	private const SLIP_FIELDS = array( 'orderId', 'paymentTransactionId', 'paymentType', 'qrcId', 'kzo', 'operationDateTime', 'terminalId', 'id' );

	/**
	 * @param array<string,mixed> $koshelek The last Koshelek payment view, when there is one.
	 * @return array<string,mixed>
	 */
	public static function of( \WC_Order $order, array $koshelek = array() ): array {
		$method   = (string) $order->get_meta( TillMeta::METHOD, true );
		$status   = OrderMeta::status( $order );
		$total    = Money::to_kopecks( (string) $order->get_total() );
		$refunded = Money::to_kopecks( wc_format_decimal( $order->get_total_refunded(), 2 ) );
		$paid     = $order->is_paid() || in_array( $order->get_status(), array( 'refunded' ), true );
		$final    = in_array( $status, array( PaymentStatus::PAID, PaymentStatus::PARTIALLY_REFUNDED, PaymentStatus::REFUNDED, PaymentStatus::CANCELLED, PaymentStatus::FAILED, PaymentStatus::EXPIRED ), true )
			|| in_array( $order->get_status(), array( 'cancelled', 'refunded', 'failed' ), true );
		if ( 'koshelek' === $method && array_key_exists( 'final', $koshelek ) ) {
			$final = (bool) $koshelek['final'] || $final;
		}
		$authorized = AuthorizationLapse::is_authorized( $order );
		$view       = array(
			'order_id'       => $order->get_id(),
			'order_number'   => (string) $order->get_order_number(),
			'method'         => $method,
			'order_status'   => $order->get_status(),
			'order_label'    => wc_get_order_status_name( $order->get_status() ),
			'payment_status' => $status,
			'payment_label'  => '' !== $status ? PaymentStatus::label( $status ) : '',
			'final'          => $final && ! $authorized,
			'total'          => $total,
			'refunded'       => $refunded,
			'till'           => (string) $order->get_meta( TillMeta::TILL, true ),
			'shift'          => (string) $order->get_meta( TillMeta::SHIFT, true ),
			'created'        => $order->get_date_created() ? $order->get_date_created()->date_i18n( 'Y-m-d H:i:s' ) : '',
			'lines'          => self::lines( $order ),
			'instruction'    => Instruction::text( $order->get_meta( TillMeta::INSTRUCTION, true ) ),
			'error_code'     => (string) ( ( (array) $order->get_meta( TillMeta::INSTRUCTION, true ) )['code'] ?? '' ),
			'can_cancel'     => ! in_array( $order->get_status(), array( 'cancelled', 'refunded', 'failed' ), true ) && 0 === $refunded && ( 'sber' === $method || ! $paid ),
			'can_refund'     => $paid && $refunded < $total,
			'can_capture'    => $authorized,
			'deposit_by'     => $authorized && AuthorizationLapse::deadline( $order ) ? wp_date( 'Y-m-d H:i', (int) AuthorizationLapse::deadline( $order ) ) : '',
		);
		if ( 'koshelek' === $method ) {
			$view['slip']    = self::slip( $order );
			$view['waiting'] = ! $view['final'] && '' !== OrderMeta::payment_id( $order );
		}
		if ( 'sber' === $method ) {
			$link         = OfflineLink::of( $order );
			$view['link'] = null === $link ? null : array(
				'url'        => $link->payment_url,
				'qr'         => '' !== $link->qr_png_base64 ? 'data:image/png;base64,' . $link->qr_png_base64 : '',
				'sms_text'   => $link->sms_text,
				'expires_at' => $link->expires_at > 0 ? wp_date( 'Y-m-d H:i', $link->expires_at ) : '',
			);
		}
		return $view;
	}

	/**
	 * @return list<array{item_id: int, name: string, quantity: int, refunded_quantity: int, total: int}>
	 */
	private static function lines( \WC_Order $order ): array {
		$lines = array();
		foreach ( $order->get_items( array( 'line_item', 'fee' ) ) as $id => $item ) {
			$lines[] = array(
				'item_id'           => (int) $id,
				'name'              => (string) $item->get_name(),
				'quantity'          => (int) $item->get_quantity(),
				'refunded_quantity' => abs( (int) $order->get_qty_refunded_for_item( $id, $item->get_type() ) ),
				'total'             => Money::sum_to_kopecks( (string) $item->get_total(), (string) $item->get_total_tax() ),
			);
		}
		return $lines;
	}

	/**
	 * The slip fields: the stored payment slip plus the refunds' transaction ids.
	 *
	 * @return array<string,string>
	 */
	private static function slip( \WC_Order $order ): array {
		$stored = $order->get_meta( TillMeta::SLIP, true );
		$slip   = array();
		foreach ( self::SLIP_FIELDS as $field ) {
			$value = is_array( $stored ) ? ( $stored[ $field ] ?? '' ) : '';
			if ( is_scalar( $value ) && '' !== (string) $value ) {
				$slip[ $field ] = (string) $value;
			}
		}
		$ids = array_filter( array_map( 'strval', (array) $order->get_meta( TillMeta::REFUND_IDS, true ) ) );
		if ( array() !== $ids ) {
			$slip['refundTransactionId'] = implode( ', ', $ids );
		}
		return $slip;
	}
}
