<?php
/**
 * Order meta written by the plugin (through the CRUD API, so HPOS-safe).
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Orders;

defined( 'ABSPATH' ) || exit;

/**
 * Meta keys and helpers. Callers save the order.
 */
final class OrderMeta {

	public const PAYMENT_ID          = '_ru_payments_payment_id';
	public const EVENT_IDS           = '_ru_payments_event_ids';
	public const LAST_SEQUENCE       = '_ru_payments_last_sequence';
	public const STATUS              = '_ru_payments_status';
	public const PROVIDER            = '_ru_payments_provider';
	public const PROVIDER_PAYMENT_ID = '_ru_payments_provider_payment_id';
	public const PROFILE             = '_ru_payments_profile';
	public const PAYER               = '_ru_payments_payer';
	public const ATTEMPT             = '_ru_payments_attempt';
	public const ATTEMPT_CLOSED_BY   = '_ru_payments_attempt_closed_by';
	public const REFUNDS             = '_ru_payments_refunds';
	public const OFFLINE_LINK        = '_ru_payments_offline_link';
	public const OFFLINE_ATTEMPT     = '_ru_payments_offline_attempt';
	public const AUTHORIZED_AT       = '_ru_payments_authorized_at';
	public const AUTHORIZED_AMOUNT   = '_ru_payments_authorized_amount';
	public const CAPTURED_AT         = '_ru_payments_captured_at';
	public const CAPTURE_ATTEMPT     = '_ru_payments_capture_attempt';
	public const CANCEL_ATTEMPT      = '_ru_payments_cancel_attempt';
	public const ATTEMPT_PAYMENTS    = '_ru_payments_attempt_payments';
	public const EXTRA_PAYMENTS      = '_ru_payments_extra_payments';
	public const MAX_EVENT_IDS       = 50;

	/**
	 * The sidecar payment id bound to the order ('' when none).
	 */
	public static function payment_id( \WC_Order $order ): string {
		return (string) $order->get_meta( self::PAYMENT_ID, true );
	}

	/**
	 * Binds a new sidecar payment to the order (gateways call this when they create a payment);
	 * sequences, the authorisation and its capture are per payment, so they are reset. Binding the
	 * payment that is already bound (a replayed create) changes nothing.
	 */
	public static function bind_payment( \WC_Order $order, string $payment_id ): void {
		if ( self::payment_id( $order ) === $payment_id ) {
			return;
		}
		$attempts = self::attempt_payments( $order );
		$previous = self::payment_id( $order );
		if ( '' !== $previous && ! isset( $attempts[ $previous ] ) ) {
			$attempts[ $previous ] = 0;
		}
		if ( ! isset( $attempts[ $payment_id ] ) ) {
			$attempts[ $payment_id ] = max( 1, (int) $order->get_meta( self::ATTEMPT, true ) );
		}
		$order->update_meta_data( self::ATTEMPT_PAYMENTS, $attempts );
		$order->update_meta_data( self::PAYMENT_ID, $payment_id );
		foreach ( array( self::LAST_SEQUENCE, self::AUTHORIZED_AT, self::AUTHORIZED_AMOUNT, self::CAPTURED_AT, self::CAPTURE_ATTEMPT, self::CANCEL_ATTEMPT ) as $key ) {
			$order->delete_meta_data( $key );
		}
	}

	/**
	 * Every sidecar payment ever bound to the order: payment id => attempt number (0 = unknown).
	 *
	 * @return array<string,int>
	 */
	public static function attempt_payments( \WC_Order $order ): array {
		$map = $order->get_meta( self::ATTEMPT_PAYMENTS, true );
		return is_array( $map ) ? array_map( 'intval', $map ) : array();
	}

	/**
	 * Whether the payment was created for one of the order's attempts (bound now or earlier).
	 */
	public static function is_attempt_payment( \WC_Order $order, string $payment_id ): bool {
		return self::payment_id( $order ) === $payment_id || array_key_exists( $payment_id, self::attempt_payments( $order ) );
	}

	/**
	 * Payments that paid an order another payment had paid already: payment id => entry with
	 * `provider`, `provider_payment_id`, `amount` (kopecks), `attempt`, `refund` ('' | 'refunded' | 'failed').
	 *
	 * @return array<string,array<string,mixed>>
	 */
	public static function extra_payments( \WC_Order $order ): array {
		$map = $order->get_meta( self::EXTRA_PAYMENTS, true );
		return is_array( $map ) ? array_filter( $map, 'is_array' ) : array();
	}

	/**
	 * @param array<string,mixed> $entry Entry (see extra_payments()).
	 */
	public static function set_extra_payment( \WC_Order $order, string $payment_id, array $entry ): void {
		$map                = self::extra_payments( $order );
		$map[ $payment_id ] = $entry;
		$order->update_meta_data( self::EXTRA_PAYMENTS, $map );
	}

	/**
	 * The last payment status the sidecar reported for the bound payment ('' when none).
	 */
	public static function status( \WC_Order $order ): string {
		return (string) $order->get_meta( self::STATUS, true );
	}

	/**
	 * @return list<string>
	 */
	public static function event_ids( \WC_Order $order ): array {
		$ids = $order->get_meta( self::EVENT_IDS, true );
		return is_array( $ids ) ? array_values( array_map( 'strval', $ids ) ) : array();
	}

	public static function has_event( \WC_Order $order, string $event_id ): bool {
		return in_array( $event_id, self::event_ids( $order ), true );
	}

	/**
	 * Appends an event id, keeping the newest MAX_EVENT_IDS.
	 */
	public static function remember_event( \WC_Order $order, string $event_id ): void {
		$ids   = self::event_ids( $order );
		$ids[] = $event_id;
		$order->update_meta_data( self::EVENT_IDS, array_slice( $ids, -self::MAX_EVENT_IDS ) );
	}

	/**
	 * The last applied event sequence, or null when none was applied yet.
	 */
	public static function last_sequence( \WC_Order $order ): ?int {
		$value = $order->get_meta( self::LAST_SEQUENCE, true );
		return is_numeric( $value ) ? (int) $value : null;
	}

	public static function set_last_sequence( \WC_Order $order, int $sequence ): void {
		$order->update_meta_data( self::LAST_SEQUENCE, $sequence );
	}

	/**
	 * Records an authorisation (a held payment waiting for capture): when it was made (Unix time,
	 * from the event's `occurred_at`) and how much is held, in kopecks.
	 */
	public static function record_authorization( \WC_Order $order, int $authorized_at, int $amount ): void {
		$order->update_meta_data( self::AUTHORIZED_AT, $authorized_at );
		$order->update_meta_data( self::AUTHORIZED_AMOUNT, $amount );
	}

	/**
	 * When the payment was authorised (Unix time), or null when no authorisation was recorded.
	 */
	public static function authorized_at( \WC_Order $order ): ?int {
		$value = $order->get_meta( self::AUTHORIZED_AT, true );
		return is_numeric( $value ) && (int) $value > 0 ? (int) $value : null;
	}

	/**
	 * The authorised (held) amount in kopecks, or null when unknown.
	 */
	public static function authorized_amount( \WC_Order $order ): ?int {
		$value = $order->get_meta( self::AUTHORIZED_AMOUNT, true );
		return is_numeric( $value ) && (int) $value > 0 ? (int) $value : null;
	}

	/**
	 * Whether the plugin captured the bound payment (the capture answered `paid`).
	 */
	public static function is_captured( \WC_Order $order ): bool {
		return is_numeric( $order->get_meta( self::CAPTURED_AT, true ) );
	}
}
