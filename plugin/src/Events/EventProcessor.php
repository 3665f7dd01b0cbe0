<?php
/**
 * Applies one verified sidecar event to its order, exactly once.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Events;

use RuPayments\Gateways\GatewayOptions;
use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\PaymentStatus;
use RuPayments\Orders\StatusApplier;
use RuPayments\Rest\PaymentEvent;
use RuPayments\Storage\Markers;
use RuPayments\Storage\OrderLocks;
use RuPayments\Support\Logger;

defined( 'ABSPATH' ) || exit;

/**
 * Exactly once, even when the sidecar re-delivers an event while the first delivery is still
 * inside payment_complete() (a slow mailer), or several deliveries arrive at once:
 * - one request at a time per order (OrderLocks); a delivery that cannot get the lock in time is
 *   answered "busy" and comes back later;
 * - under the lock the order is read fresh from the database, and the event's marker (an atomic
 *   row, Markers) decides whether it was applied already;
 * - the marker is set after the order is saved, before the lock is released.
 */
final class EventProcessor {

	public const LOCK_WAIT   = 20;
	public const MARKER_TTL  = 7776000; // 90 days: longer than the sidecar retries an event.
	public const MARKER_NAME = 'event:';

	/**
	 * @var null|callable():int
	 */
	private $clock;

	/**
	 * @param StatusApplier       $applier  Applies statuses.
	 * @param Markers             $markers  Applied-event markers.
	 * @param OrderLocks          $locks    Per-order locks.
	 * @param EarlierAttempts     $earlier  Payments of earlier attempts of the same order.
	 * @param Logger              $logger   Logger.
	 * @param null|callable():int $clock    Clock (tests).
	 */
	public function __construct(
		private readonly StatusApplier $applier,
		private readonly Markers $markers,
		private readonly OrderLocks $locks,
		private readonly EarlierAttempts $earlier,
		private readonly Logger $logger,
		?callable $clock = null
	) {
		$this->clock = $clock;
	}

	public function process( PaymentEvent $event ): EventOutcome {
		if ( $this->markers->has( self::MARKER_NAME . $event->event_id ) ) {
			return EventOutcome::duplicate();
		}
		if ( ! $this->locks->acquire( $event->order_id, self::LOCK_WAIT ) ) {
			$this->logger->info( sprintf( 'Sidecar event %s: order %d is busy with another event; asked to retry.', $event->event_id, $event->order_id ) );
			return EventOutcome::busy();
		}
		try {
			if ( $this->markers->has( self::MARKER_NAME . $event->event_id ) ) {
				return EventOutcome::duplicate();
			}
			$outcome = $this->process_locked( $event );
			if ( EventOutcome::DEAD_LETTER !== $outcome->kind ) {
				$this->markers->claim( self::MARKER_NAME . $event->event_id, self::MARKER_TTL );
			}
			return $outcome;
		} finally {
			$this->locks->release( $event->order_id );
		}
	}

	private function process_locked( PaymentEvent $event ): EventOutcome {
		$order = FreshOrder::load( $event->order_id );
		if ( null === $order ) {
			$this->logger->warning( sprintf( 'Sidecar event %s: order %d not found.', $event->event_id, $event->order_id ) );
			return EventOutcome::dead_letter( EventOutcome::UNKNOWN_ORDER );
		}
		// Events applied before markers existed are remembered on the order.
		if ( OrderMeta::has_event( $order, $event->event_id ) ) {
			return EventOutcome::duplicate();
		}

		$method = (string) $order->get_payment_method();
		$ours   = '' === $method || GatewayOptions::is_ours( $method );
		$bound  = OrderMeta::payment_id( $order );
		/**
		 * Filters whether a sidecar event may change the order.
		 *
		 * @param bool         $belongs Default decision.
		 * @param \WC_Order    $order   Order.
		 * @param PaymentEvent $event   Event.
		 */
		$belongs = (bool) apply_filters( 'ru_payments_event_belongs_to_order', $ours && ( '' === $bound || $bound === $event->payment_id ), $order, $event );
		if ( ! $belongs ) {
			if ( $ours && OrderMeta::is_attempt_payment( $order, $event->payment_id ) ) {
				$outcome = $this->earlier->handle( $order, $event );
				if ( null !== $outcome ) {
					return $outcome;
				}
			} else {
				$this->logger->warning( sprintf( 'Sidecar event %s: payment %s does not belong to order %d.', $event->event_id, $event->payment_id, $event->order_id ) );
				return EventOutcome::dead_letter( $ours ? EventOutcome::PAYMENT_OF_ANOTHER_ORDER : EventOutcome::ORDER_NOT_OURS );
			}
		}

		$last = OrderMeta::last_sequence( $order );
		if ( null !== $last && $event->sequence <= $last ) {
			$order->add_order_note(
				sprintf(
					/* translators: 1: payment status, 2: event sequence number, 3: last applied sequence number. */
					__( 'RU Payments: ignored an out-of-order event (payment %1$s, sequence %2$d; the last applied sequence is %3$d).', 'ru-payments-for-woocommerce' ),
					PaymentStatus::label( $event->status ),
					$event->sequence,
					$last
				)
			);
			OrderMeta::remember_event( $order, $event->event_id );
			$order->save();
			$this->logger->info( sprintf( 'Sidecar event %s for order %d ignored: sequence %d <= %d.', $event->event_id, $event->order_id, $event->sequence, $last ) );
			return EventOutcome::stale();
		}

		// The applier may replace $order with a fresh copy (after wc_create_refund changed the order).
		$action = $this->applier->apply( $order, $event->status, $event->provider, $event->provider_payment_id, $event->refunded_amount );
		if ( PaymentStatus::AUTHORIZED === $event->status ) {
			// The capture deadline runs from the authorisation (AuthorizationLapse).
			OrderMeta::record_authorization( $order, $event->occurred_timestamp() ?? $this->now(), $event->amount );
		}
		OrderMeta::remember_event( $order, $event->event_id );
		OrderMeta::set_last_sequence( $order, $event->sequence );
		$order->update_meta_data( OrderMeta::STATUS, $event->status );
		$order->save();

		$this->logger->info( sprintf( 'Sidecar event %s applied to order %d: %s → %s.', $event->event_id, $event->order_id, $event->status, $action ) );

		/**
		 * Fires after a payment event was applied to an order and the order was saved.
		 *
		 * @param \WC_Order    $order  Order.
		 * @param PaymentEvent $event  Event.
		 * @param string       $action StatusApplier action taken.
		 */
		do_action( 'ru_payments_event_applied', $order, $event, $action );
		return EventOutcome::applied( $action );
	}

	/**
	 * Brings an order that still waits for its payment in line with the status the sidecar reports
	 * for it (a lost or dead-lettered event; Background\Reconciler). Only forward moves, under the
	 * same lock, never touching the event sequence. Returns the action taken, '' when nothing changed
	 * (or the order is busy: the next run tries again).
	 *
	 * @param array<string,mixed> $payment The sidecar's Payment (id, status, provider, provider_payment_id, amount).
	 */
	public function reconcile( int $order_id, array $payment ): string {
		$status = (string) ( $payment['status'] ?? '' );
		if ( ! in_array( $status, array( PaymentStatus::PAID, PaymentStatus::AUTHORIZED, PaymentStatus::FAILED, PaymentStatus::CANCELLED, PaymentStatus::EXPIRED ), true ) ) {
			return '';
		}
		if ( ! $this->locks->acquire( $order_id, 0 ) ) {
			return '';
		}
		try {
			$order = FreshOrder::load( $order_id );
			if ( null === $order || OrderMeta::payment_id( $order ) !== (string) ( $payment['id'] ?? '' ) || ! self::may_move( $order, $status ) ) {
				return '';
			}
			$order->add_order_note( __( 'RU Payments: the payment service reports a newer payment status than this order shows (its notification did not arrive), so the order was brought up to date.', 'ru-payments-for-woocommerce' ) );
			$action = $this->applier->apply( $order, $status, (string) ( $payment['provider'] ?? '' ), (string) ( $payment['provider_payment_id'] ?? '' ) );
			if ( PaymentStatus::AUTHORIZED === $status ) {
				OrderMeta::record_authorization( $order, $this->now(), (int) ( $payment['amount'] ?? 0 ) );
			}
			$order->update_meta_data( OrderMeta::STATUS, $status );
			$order->save();
			$this->logger->info( sprintf( 'Order %d reconciled with the sidecar: payment %s is %s → %s.', $order_id, (string) $payment['id'], $status, $action ) );
			return $action;
		} finally {
			$this->locks->release( $order_id );
		}
	}

	/**
	 * Pending → any reconcilable status; an authorisation on hold → paid (captured at the provider).
	 */
	private static function may_move( \WC_Order $order, string $status ): bool {
		if ( $order->has_status( 'pending' ) ) {
			return OrderMeta::status( $order ) !== $status || PaymentStatus::PAID === $status;
		}
		return PaymentStatus::PAID === $status && $order->has_status( 'on-hold' ) && PaymentStatus::AUTHORIZED === OrderMeta::status( $order );
	}

	private function now(): int {
		return null === $this->clock ? time() : (int) ( $this->clock )();
	}
}
