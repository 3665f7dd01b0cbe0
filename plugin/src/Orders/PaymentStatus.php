<?php
/**
 * The sidecar's normalized payment statuses.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Orders;

defined( 'ABSPATH' ) || exit;

/**
 * Status names and their translated labels.
 */
final class PaymentStatus {

	public const CREATED            = 'created';
	public const PENDING            = 'pending';
	public const AUTHORIZED         = 'authorized';
	public const PAID               = 'paid';
	public const PARTIALLY_REFUNDED = 'partially_refunded';
	public const REFUNDED           = 'refunded';
	public const CANCELLED          = 'cancelled';
	public const FAILED             = 'failed';
	public const EXPIRED            = 'expired';

	public const ALL = array(
		self::CREATED,
		self::PENDING,
		self::AUTHORIZED,
		self::PAID,
		self::PARTIALLY_REFUNDED,
		self::REFUNDED,
		self::CANCELLED,
		self::FAILED,
		self::EXPIRED,
	);

	public static function is_valid( mixed $status ): bool {
		return is_string( $status ) && in_array( $status, self::ALL, true );
	}

	/**
	 * Translated, lower-case label for order notes.
	 */
	public static function label( string $status ): string {
		return match ( $status ) {
			self::CREATED            => _x( 'created', 'payment status', 'ru-payments-for-woocommerce' ),
			self::PENDING            => _x( 'pending', 'payment status', 'ru-payments-for-woocommerce' ),
			self::AUTHORIZED         => _x( 'authorized', 'payment status', 'ru-payments-for-woocommerce' ),
			self::PAID               => _x( 'paid', 'payment status', 'ru-payments-for-woocommerce' ),
			self::PARTIALLY_REFUNDED => _x( 'partially refunded', 'payment status', 'ru-payments-for-woocommerce' ),
			self::REFUNDED           => _x( 'refunded', 'payment status', 'ru-payments-for-woocommerce' ),
			self::CANCELLED          => _x( 'cancelled', 'payment status', 'ru-payments-for-woocommerce' ),
			self::FAILED             => _x( 'failed', 'payment status', 'ru-payments-for-woocommerce' ),
			self::EXPIRED            => _x( 'expired', 'payment status', 'ru-payments-for-woocommerce' ),
			default                  => $status,
		};
	}
}
