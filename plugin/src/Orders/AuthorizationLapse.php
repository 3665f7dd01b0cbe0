<?php
/**
 * How long a provider keeps an authorisation (a held two-stage payment) open for capture.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Orders;

use RuPayments\Gateways\GatewayOptions;

defined( 'ABSPATH' ) || exit;

/**
 * The lapse periods are data, per provider:
 * - sber: a registerPreAuth.do hold lives 7 days; after that Sber releases the money and deposit.do
 *   is refused (sidecar/src/providers/sber/rules.ts, HOLD_DAYS);
 * - dolyame: the connector sets no limit of its own for an order waiting for the commit
 *   (`wait_for_commit`); 7 days is assumed, like Sber's.
 * Other providers get DEFAULT_PERIOD. The `ru_payments_authorization_lapse_seconds` filter adjusts
 * a period.
 */
final class AuthorizationLapse {

	private const DAY = 86400;

	/**
	 * Seconds from the authorisation to its lapse, by provider id.
	 */
	public const PERIODS = array(
		'sber'    => 7 * self::DAY,
		'dolyame' => 7 * self::DAY,
	);

	public const DEFAULT_PERIOD = 7 * self::DAY;

	/**
	 * The admin is warned this many seconds before an authorisation lapses.
	 */
	public const WARN_BEFORE = self::DAY;

	/**
	 * The period of a provider's authorisations, in seconds.
	 */
	public static function period( string $provider ): int {
		$period = self::PERIODS[ $provider ] ?? self::DEFAULT_PERIOD;
		/**
		 * Filters how long a provider's authorisation can be captured, in seconds.
		 *
		 * @param int    $period   Seconds from the authorisation to its lapse.
		 * @param string $provider Provider id.
		 */
		$filtered = (int) apply_filters( 'ru_payments_authorization_lapse_seconds', $period, $provider );
		return $filtered > 0 ? $filtered : $period;
	}

	/**
	 * The shortest period of any provider (the widest query window for lapse warnings).
	 */
	public static function shortest_period(): int {
		$periods = array( self::period( '' ) );
		foreach ( array_keys( self::PERIODS ) as $provider ) {
			$periods[] = self::period( (string) $provider );
		}
		return min( $periods );
	}

	/**
	 * When the order's authorisation lapses (Unix time), or null when no authorisation time is known.
	 */
	public static function deadline( \WC_Order $order ): ?int {
		$authorized_at = OrderMeta::authorized_at( $order );
		if ( null === $authorized_at ) {
			return null;
		}
		return $authorized_at + self::period( (string) $order->get_meta( OrderMeta::PROVIDER, true ) );
	}

	/**
	 * Whether the order holds an authorised payment of one of this plugin's gateways that waits
	 * for capture or cancellation.
	 */
	public static function is_authorized( \WC_Order $order ): bool {
		return GatewayOptions::is_ours( (string) $order->get_payment_method() )
			&& '' !== OrderMeta::payment_id( $order )
			&& PaymentStatus::AUTHORIZED === OrderMeta::status( $order )
			&& ! OrderMeta::is_captured( $order );
	}
}
