<?php
/**
 * The refunds of an order as the plugin knows them (order meta `_ru_payments_refunds`).
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Payments;

use RuPayments\Orders\OrderMeta;

defined( 'ABSPATH' ) || exit;

/**
 * Entries:
 * - `source` "plugin": a refund made through process_refund() (`id` = sidecar refund id, `key` = the
 *   Idempotency-Key it was made with);
 * - `source` "provider": a refund found in an event and recorded without the gateway (`id` = '' until
 *   a replayed answer identifies it).
 * `uncertain` remembers keys whose outcome was unknown (transport error, 5xx) and since when.
 * The caller saves the order.
 */
final class RefundLedger {

	/**
	 * @return array{entries: list<array<string,mixed>>, uncertain: array<string,int>}
	 */
	private static function read( \WC_Order $order ): array {
		$data = $order->get_meta( OrderMeta::REFUNDS, true );
		$data = is_array( $data ) ? $data : array();
		return array(
			'entries'   => array_values( array_filter( (array) ( $data['entries'] ?? array() ), 'is_array' ) ),
			'uncertain' => array_map( 'intval', (array) ( $data['uncertain'] ?? array() ) ),
		);
	}

	/**
	 * @param array{entries: list<array<string,mixed>>, uncertain: array<string,int>} $data Ledger.
	 */
	private static function write( \WC_Order $order, array $data ): void {
		$order->update_meta_data( OrderMeta::REFUNDS, $data );
	}

	/**
	 * @return list<array<string,mixed>>
	 */
	public static function entries( \WC_Order $order ): array {
		return self::read( $order )['entries'];
	}

	/**
	 * How many refunds of exactly this amount the plugin has made for the order.
	 */
	public static function count_made( \WC_Order $order, int $amount ): int {
		return count(
			array_filter(
				self::entries( $order ),
				static fn ( array $entry ): bool => 'plugin' === ( $entry['source'] ?? '' ) && $amount === (int) ( $entry['amount'] ?? 0 )
			)
		);
	}

	public static function has_refund( \WC_Order $order, string $refund_id ): bool {
		foreach ( self::entries( $order ) as $entry ) {
			if ( '' !== $refund_id && ( $entry['id'] ?? '' ) === $refund_id ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @param array<string,mixed> $entry Entry (`source`, `id`, `amount`, …).
	 */
	public static function add( \WC_Order $order, array $entry ): void {
		$data              = self::read( $order );
		$data['entries'][] = $entry + array( 'time' => time() );
		if ( isset( $entry['key'] ) ) {
			unset( $data['uncertain'][ (string) $entry['key'] ] );
		}
		self::write( $order, $data );
	}

	/**
	 * Remembers that a refund with this key may or may not have happened.
	 */
	public static function mark_uncertain( \WC_Order $order, string $key ): void {
		$data = self::read( $order );
		if ( ! isset( $data['uncertain'][ $key ] ) ) {
			$data['uncertain'][ $key ] = time();
			self::write( $order, $data );
		}
	}

	/**
	 * When a key's outcome was unknown and a provider-side refund of the same amount was recorded
	 * since, that record is this refund: it gets the refund id and true is returned.
	 */
	public static function claim_provider_record( \WC_Order $order, string $key, int $amount, string $refund_id ): bool {
		$data = self::read( $order );
		if ( ! isset( $data['uncertain'][ $key ] ) ) {
			return false;
		}
		foreach ( $data['entries'] as $i => $entry ) {
			if ( 'provider' === ( $entry['source'] ?? '' ) && '' === ( $entry['id'] ?? '' ) && $amount === (int) ( $entry['amount'] ?? 0 )
				&& (int) ( $entry['time'] ?? 0 ) >= $data['uncertain'][ $key ] ) {
				$data['entries'][ $i ]['id']  = $refund_id;
				$data['entries'][ $i ]['key'] = $key;
				unset( $data['uncertain'][ $key ] );
				self::write( $order, $data );
				return true;
			}
		}
		return false;
	}
}
