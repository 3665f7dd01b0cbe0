<?php
/**
 * Pending RU Payments orders checked against the sidecar on a schedule.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Background;

use RuPayments\Events\EventProcessor;
use RuPayments\Events\FreshOrder;
use RuPayments\Gateways\GatewayOptions;
use RuPayments\Orders\OrderMeta;
use RuPayments\Sidecar\SidecarClient;

defined( 'ABSPATH' ) || exit;

/**
 * So that a lost event never leaves a paid order pending: every RUN_EVERY seconds, up to BATCH
 * orders that wait for their payment (pending, or an authorisation on hold) are refreshed through the sidecar
 * (`GET /v1/payments/:id?refresh=1`, which asks the provider) and brought up to date
 * (EventProcessor::reconcile). Bounded and backing off per order: first look FIRST_AFTER seconds
 * after the order was created, then after 10 min, 20 min, 40 min … at most 6 h apart, for
 * MAX_AGE; `_ru_payments_reconcile` keeps the count and the next time.
 */
final class Reconciler {

	public const HOOK_ALL   = 'ru_payments_reconcile_pending';
	public const HOOK_ORDER = 'ru_payments_reconcile_order';
	public const META       = '_ru_payments_reconcile';

	public const RUN_EVERY   = 600;
	public const BATCH       = 20;
	public const FIRST_AFTER = 300;
	public const MAX_DELAY   = 21600;
	public const MAX_AGE     = 7 * 86400;

	/**
	 * @var null|callable():int
	 */
	private $clock;

	/**
	 * @param SidecarClient       $client     Sidecar client.
	 * @param EventProcessor      $events     Applies what the sidecar reports, under the order lock.
	 * @param list<string>        $method_ids Our gateway ids.
	 * @param null|callable():int $clock      Clock (tests).
	 */
	public function __construct( private readonly SidecarClient $client, private readonly EventProcessor $events, private readonly array $method_ids, ?callable $clock = null ) {
		$this->clock = $clock;
	}

	public function register(): void {
		add_action( self::HOOK_ALL, array( $this, 'run' ) );
		add_action( self::HOOK_ORDER, array( $this, 'reconcile_order' ) );
	}

	/**
	 * One scheduled run: the orders that are due, oldest check first. Returns how many were asked.
	 */
	public function run(): int {
		if ( ! $this->client->is_configured() ) {
			return 0;
		}
		$now   = $this->now();
		$found = wc_get_orders(
			array(
				'status'         => array( 'wc-pending', 'wc-on-hold' ),
				'payment_method' => $this->method_ids,
				'date_created'   => '>' . ( $now - self::MAX_AGE ),
				'limit'          => 200,
				// The newest first: they are the likeliest to be paid (older ones are due less often anyway).
				'orderby'        => 'date',
				'order'          => 'DESC',
				'return'         => 'objects',
			)
		);
		$asked = 0;
		foreach ( is_array( $found ) ? $found : array() as $order ) {
			if ( $asked >= self::BATCH ) {
				break;
			}
			if ( ! $order instanceof \WC_Order || '' === OrderMeta::payment_id( $order ) || self::next_at( $order ) > $now ) {
				continue;
			}
			$this->reconcile_order( $order->get_id() );
			++$asked;
		}
		return $asked;
	}

	/**
	 * Asks the sidecar about one order's payment and applies what it reports; schedules the next look.
	 *
	 * @param mixed $order_id Order id.
	 */
	public function reconcile_order( $order_id ): string {
		$order = FreshOrder::load( absint( $order_id ) );
		if ( null === $order || ! GatewayOptions::is_ours( (string) $order->get_payment_method() ) || '' === OrderMeta::payment_id( $order ) ) {
			return '';
		}
		$answer = $this->client->get_payment( OrderMeta::payment_id( $order ), true );
		$action = is_wp_error( $answer ) ? '' : $this->events->reconcile( $order->get_id(), $answer );
		if ( '' === $action ) {
			$this->back_off( $order->get_id() );
		}
		return $action;
	}

	/**
	 * When the order is next due (Unix time).
	 */
	public static function next_at( \WC_Order $order ): int {
		$state = $order->get_meta( self::META, true );
		if ( is_array( $state ) && isset( $state['next'] ) ) {
			return (int) $state['next'];
		}
		$created = $order->get_date_created();
		return ( null === $created ? 0 : $created->getTimestamp() ) + self::FIRST_AFTER;
	}

	private function back_off( int $order_id ): void {
		$order = FreshOrder::load( $order_id );
		if ( null === $order ) {
			return;
		}
		$state = $order->get_meta( self::META, true );
		$count = is_array( $state ) ? (int) ( $state['count'] ?? 0 ) + 1 : 1;
		$delay = (int) min( self::MAX_DELAY, self::FIRST_AFTER * ( 2 ** min( $count, 10 ) ) );
		$order->update_meta_data(
			self::META,
			array(
				'count' => $count,
				'next'  => $this->now() + $delay,
			)
		);
		$order->save_meta_data();
	}

	private function now(): int {
		return null === $this->clock ? time() : (int) ( $this->clock )();
	}
}
