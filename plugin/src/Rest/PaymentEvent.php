<?php
/**
 * A validated `payment.status_changed` event from the sidecar.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Rest;

use RuPayments\Orders\PaymentStatus;

defined( 'ABSPATH' ) || exit;

/**
 * Immutable event value object; from_array() validates the decoded JSON.
 */
final class PaymentEvent {

	public const TYPE_STATUS_CHANGED = 'payment.status_changed';

	private const ID_PATTERN = '/^[\x21-\x7e]{1,200}$/';

	public function __construct(
		public readonly string $event_id,
		public readonly string $type,
		public readonly string $payment_id,
		public readonly int $order_id,
		public readonly string $provider,
		public readonly string $provider_payment_id,
		public readonly string $status,
		public readonly ?string $previous_status,
		public readonly int $amount,
		public readonly int $refunded_amount,
		public readonly string $currency,
		public readonly int $sequence,
		public readonly string $occurred_at = '',
		public readonly bool $test = false
	) {
	}

	/**
	 * @param array<string,mixed> $data Decoded event JSON.
	 * @throws InvalidEventException Naming the first invalid field.
	 */
	public static function from_array( array $data ): self {
		$order_id = $data['order_id'] ?? null;
		if ( is_string( $order_id ) && preg_match( '/^[1-9][0-9]{0,18}$/', $order_id ) ) {
			$order_id = (int) $order_id;
		}
		$previous = $data['previous_status'] ?? null;

		return new self(
			self::id( $data, 'event_id' ),
			self::id( $data, 'type' ),
			self::id( $data, 'payment_id' ),
			is_int( $order_id ) && $order_id > 0 ? $order_id : throw new InvalidEventException( 'order_id' ),
			self::id( $data, 'provider' ),
			self::optional_string( $data, 'provider_payment_id' ),
			PaymentStatus::is_valid( $data['status'] ?? null ) ? $data['status'] : throw new InvalidEventException( 'status' ),
			null === $previous || PaymentStatus::is_valid( $previous ) ? $previous : throw new InvalidEventException( 'previous_status' ),
			self::amount( $data, 'amount', true ),
			self::amount( $data, 'refunded_amount', false ),
			is_string( $data['currency'] ?? null ) && preg_match( '/^[A-Z]{3}$/', $data['currency'] ) ? $data['currency'] : throw new InvalidEventException( 'currency' ),
			self::amount( $data, 'sequence', true ),
			self::optional_string( $data, 'occurred_at' ),
			is_bool( $data['test'] ?? false ) ? (bool) ( $data['test'] ?? false ) : throw new InvalidEventException( 'test' )
		);
	}

	/**
	 * `occurred_at` as Unix time, or null when the event has none or it is not an ISO-8601 time.
	 */
	public function occurred_timestamp(): ?int {
		if ( ! preg_match( '/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})$/D', $this->occurred_at ) ) {
			return null;
		}
		try {
			return ( new \DateTimeImmutable( $this->occurred_at ) )->getTimestamp();
		} catch ( \Exception $e ) {
			return null;
		}
	}

	/**
	 * Whether the event type is one this plugin handles (others are acknowledged and ignored).
	 *
	 * @param array<string,mixed> $data Decoded event JSON.
	 */
	public static function is_supported_type( array $data ): bool {
		return self::TYPE_STATUS_CHANGED === ( $data['type'] ?? null );
	}

	public static function is_valid_id( string $value ): bool {
		return 1 === preg_match( self::ID_PATTERN, $value );
	}

	private static function id( array $data, string $field ): string {
		$value = $data[ $field ] ?? null;
		if ( ! is_string( $value ) || ! preg_match( self::ID_PATTERN, $value ) ) {
			throw new InvalidEventException( $field );
		}
		return $value;
	}

	private static function optional_string( array $data, string $field ): string {
		$value = $data[ $field ] ?? '';
		if ( ! is_string( $value ) || strlen( $value ) > 200 ) {
			throw new InvalidEventException( $field );
		}
		return $value;
	}

	private static function amount( array $data, string $field, bool $required ): int {
		if ( ! $required && ! array_key_exists( $field, $data ) ) {
			return 0;
		}
		$value = $data[ $field ] ?? null;
		if ( ! is_int( $value ) || $value < 0 ) {
			throw new InvalidEventException( $field );
		}
		return $value;
	}
}
