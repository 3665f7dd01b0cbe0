<?php
/**
 * The authorised payments that lapse soon, for the admin warning.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Orders;

defined( 'ABSPATH' ) || exit;

/**
 * On-hold orders whose authorisation lapses within AuthorizationLapse::WARN_BEFORE (or has lapsed
 * while the order still waits), found with wc_get_orders() and a meta_query on the authorisation
 * time — both order stores (posts and HPOS tables) support that — and kept in a transient for
 * 15 minutes, so an admin page costs at most one query per quarter of an hour and never a sidecar
 * call. Captures, cancellations and authorisation events forget the cached list.
 */
final class LapsingAuthorizations {

	public const TRANSIENT = 'ru_payments_lapsing_authorizations';
	public const TTL       = 900;
	public const LIMIT     = 50;

	/**
	 * @var null|callable():int
	 */
	private $clock;

	/**
	 * @param null|callable():int $clock Clock (tests).
	 */
	public function __construct( ?callable $clock = null ) {
		$this->clock = $clock;
	}

	/**
	 * The orders to warn about, soonest deadline first.
	 *
	 * @return list<array{id: int, number: string, deadline: int, url: string}>
	 */
	public function all(): array {
		$cached = get_transient( self::TRANSIENT );
		if ( is_array( $cached ) && is_array( $cached['orders'] ?? null ) ) {
			return $cached['orders'];
		}
		$orders = $this->query();
		set_transient( self::TRANSIENT, array( 'orders' => $orders ), self::TTL );
		return $orders;
	}

	/**
	 * Drops the cached list (the next admin page queries again).
	 */
	public static function forget(): void {
		delete_transient( self::TRANSIENT );
	}

	/**
	 * @return list<array{id: int, number: string, deadline: int, url: string}>
	 */
	private function query(): array {
		if ( ! function_exists( 'wc_get_orders' ) ) {
			return array();
		}
		$now = $this->now();
		// Every order whose authorisation lapses within the warning window under the shortest
		// period; each one is then checked against its own provider's period.
		$cutoff = $now + AuthorizationLapse::WARN_BEFORE - AuthorizationLapse::shortest_period();
		$found  = wc_get_orders(
			array(
				'status'     => array( 'wc-on-hold' ),
				'limit'      => self::LIMIT,
				'return'     => 'objects',
				'meta_query' => array( // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_query -- a handful of on-hold orders, cached for 15 minutes.
					'relation' => 'AND',
					array(
						'key'     => OrderMeta::AUTHORIZED_AT,
						'value'   => $cutoff,
						'compare' => '<=',
						'type'    => 'NUMERIC',
					),
					array(
						'key'   => OrderMeta::STATUS,
						'value' => PaymentStatus::AUTHORIZED,
					),
				),
			)
		);

		$orders = array();
		foreach ( is_array( $found ) ? $found : array() as $order ) {
			if ( ! $order instanceof \WC_Order || ! AuthorizationLapse::is_authorized( $order ) ) {
				continue;
			}
			$deadline = AuthorizationLapse::deadline( $order );
			if ( null === $deadline || $deadline > $now + AuthorizationLapse::WARN_BEFORE ) {
				continue;
			}
			$orders[] = array(
				'id'       => (int) $order->get_id(),
				'number'   => (string) $order->get_order_number(),
				'deadline' => $deadline,
				'url'      => (string) $order->get_edit_order_url(),
			);
		}
		usort( $orders, static fn ( array $a, array $b ): int => $a['deadline'] <=> $b['deadline'] );
		return $orders;
	}

	private function now(): int {
		return null === $this->clock ? time() : (int) ( $this->clock )();
	}
}
