<?php
/**
 * Cash report of till sales.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

use RuPayments\Orders\OrderMeta;
use RuPayments\Support\Money;

defined( 'ABSPATH' ) || exit;

/**
 * One row per till order, read from the orders themselves (so totals match WooCommerce): sales,
 * refunds and the net, per day, till, shift, cashier and method. Amounts are kopecks.
 */
final class TillReport {

	public const COLUMNS = array( 'date', 'order', 'till', 'shift', 'cashier', 'method', 'paymentType', 'status', 'paymentStatus', 'total', 'paid', 'refunded', 'net', 'orderId', 'paymentTransactionId', 'refundTransactionId', 'qrcId', 'kzo', 'errorCode' );

	/**
	 * Normalised filters from raw input: from/to (YYYY-MM-DD, site time; default today), till,
	 * shift, cashier (user id), method.
	 *
	 * @param array<string,mixed> $input Raw query values.
	 * @return array{from: string, to: string, till: string, shift: string, cashier: int, method: string}
	 */
	public static function filters( array $input ): array {
		$today = wp_date( 'Y-m-d' );
		$day   = static fn ( $value, string $fallback ): string => is_string( $value ) && preg_match( '/^\d{4}-\d{2}-\d{2}$/', $value ) ? $value : $fallback;
		$from  = $day( $input['from'] ?? null, $today );
		return array(
			'from'    => $from,
			'to'      => max( $from, $day( $input['to'] ?? null, $from ) ),
			'till'    => preg_replace( '/[^A-Za-z0-9_.-]/', '', (string) ( $input['till'] ?? '' ) ),
			'shift'   => preg_replace( '/[^A-Za-z0-9_.T-]/', '', (string) ( $input['shift'] ?? '' ) ),
			'cashier' => absint( $input['cashier'] ?? 0 ),
			'method'  => in_array( $input['method'] ?? '', array( 'koshelek', 'sber' ), true ) ? (string) $input['method'] : '',
		);
	}

	/**
	 * @param array{from: string, to: string, till: string, shift: string, cashier: int, method: string} $filters Filters.
	 * @return array{rows: list<array<string,string|int>>, totals: array<string,int>}
	 */
	public function build( array $filters ): array {
		$zone  = wp_timezone();
		$start = ( new \DateTimeImmutable( $filters['from'] . ' 00:00:00', $zone ) )->getTimestamp();
		$end   = ( new \DateTimeImmutable( $filters['to'] . ' 23:59:59', $zone ) )->getTimestamp();
		$meta  = array( array( 'key' => TillMeta::TILL, 'compare' => 'EXISTS' ) );
		foreach ( array( 'till' => TillMeta::TILL, 'shift' => TillMeta::SHIFT, 'method' => TillMeta::METHOD ) as $filter => $key ) {
			if ( '' !== $filters[ $filter ] ) {
				$meta[] = array( 'key' => $key, 'value' => $filters[ $filter ] );
			}
		}
		if ( $filters['cashier'] > 0 ) {
			$meta[] = array( 'key' => TillMeta::CASHIER, 'value' => (string) $filters['cashier'] );
		}
		$orders = wc_get_orders(
			array(
				'limit'        => -1,
				'type'         => 'shop_order',
				'status'       => array_keys( wc_get_order_statuses() ),
				'date_created' => $start . '...' . $end,
				'meta_query'   => $meta, // phpcs:ignore WordPress.DB.SlowDBQuery -- a report, on demand.
				'orderby'      => 'date',
				'order'        => 'ASC',
			)
		);
		$rows   = array();
		$totals = array( 'count' => 0, 'paid' => 0, 'refunded' => 0, 'net' => 0 );
		foreach ( $orders as $order ) {
			if ( ! $order instanceof \WC_Order ) {
				continue;
			}
			$row    = $this->row( $order );
			$rows[] = $row;
			++$totals['count'];
			$totals['paid']     += (int) $row['paid'];
			$totals['refunded'] += (int) $row['refunded'];
			$totals['net']      += (int) $row['net'];
		}
		return array( 'rows' => $rows, 'totals' => $totals );
	}

	/**
	 * @return array<string,string|int>
	 */
	private function row( \WC_Order $order ): array {
		$slip     = (array) $order->get_meta( TillMeta::SLIP, true );
		$total    = Money::to_kopecks( (string) $order->get_total() );
		$refunded = Money::to_kopecks( wc_format_decimal( $order->get_total_refunded(), 2 ) );
		$paid     = null !== $order->get_date_paid() ? $total : 0;
		$cashier  = get_userdata( (int) $order->get_meta( TillMeta::CASHIER, true ) );
		$method   = (string) $order->get_meta( TillMeta::METHOD, true );
		return array(
			'date'                 => $order->get_date_created() ? $order->get_date_created()->date_i18n( 'Y-m-d H:i:s' ) : '',
			'order'                => (string) $order->get_order_number(),
			'till'                 => (string) $order->get_meta( TillMeta::TILL, true ),
			'shift'                => (string) $order->get_meta( TillMeta::SHIFT, true ),
			'cashier'              => $cashier ? (string) $cashier->user_login : '',
			'method'               => 'sber' === $method ? '«Плати частями»' : 'Koshelek Pay',
			'paymentType'          => (string) ( $slip['paymentType'] ?? ( 'sber' === $method ? 'BNPL' : '' ) ),
			'status'               => wc_get_order_status_name( $order->get_status() ),
			'paymentStatus'        => OrderMeta::status( $order ),
			'total'                => $total,
			'paid'                 => $paid,
			'refunded'             => $paid > 0 ? $refunded : 0,
			'net'                  => $paid > 0 ? $paid - $refunded : 0,
			'orderId'              => (string) ( $slip['orderId'] ?? $order->get_id() ),
			'paymentTransactionId' => (string) ( $slip['paymentTransactionId'] ?? $order->get_transaction_id() ),
			'refundTransactionId'  => implode( ' ', array_map( 'strval', (array) $order->get_meta( TillMeta::REFUND_IDS, true ) ) ),
			'qrcId'                => (string) ( $slip['qrcId'] ?? '' ),
			'kzo'                  => (string) ( $slip['kzo'] ?? '' ),
			'errorCode'            => (string) ( ( (array) $order->get_meta( TillMeta::INSTRUCTION, true ) )['code'] ?? '' ),
		);
	}

	/**
	 * The report as CSV (UTF-8 with BOM, amounts in roubles with a dot), with a totals line.
	 *
	 * @param array{rows: list<array<string,string|int>>, totals: array<string,int>} $report Report.
	 */
	public static function csv( array $report, string $delimiter = ';' ): string {
		$out = fopen( 'php://temp', 'w+' );
		fwrite( $out, "\xEF\xBB\xBF" );
		fputcsv( $out, self::COLUMNS, $delimiter, '"', '' );
		$money = array( 'total', 'paid', 'refunded', 'net' );
		foreach ( $report['rows'] as $row ) {
			$line = array();
			foreach ( self::COLUMNS as $column ) {
				$line[] = in_array( $column, $money, true ) ? Money::from_kopecks( (int) $row[ $column ] ) : self::safe( (string) $row[ $column ] );
			}
			fputcsv( $out, $line, $delimiter, '"', '' );
		}
		$totals = array_fill_keys( self::COLUMNS, '' );
		$totals['date']     = 'TOTAL';
		$totals['order']    = (string) $report['totals']['count'];
		$totals['paid']     = Money::from_kopecks( $report['totals']['paid'] );
		$totals['refunded'] = Money::from_kopecks( $report['totals']['refunded'] );
		$totals['net']      = Money::from_kopecks( $report['totals']['net'] );
		fputcsv( $out, array_values( $totals ), $delimiter, '"', '' );
		rewind( $out );
		$csv = (string) stream_get_contents( $out );
		fclose( $out );
		return $csv;
	}

	/** A cell a spreadsheet would run as a formula is prefixed with an apostrophe. */
	private static function safe( string $cell ): string {
		return '' !== $cell && str_contains( '=+-@', $cell[0] ) ? "'" . $cell : $cell;
	}
}
