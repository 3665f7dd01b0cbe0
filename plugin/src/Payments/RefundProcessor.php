<?php
/**
 * process_refund() of the RU Payments gateways.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Payments;

use RuPayments\Orders\OrderMeta;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Logger;
use RuPayments\Support\Money;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Refunds through `POST /v1/payments/<id>/refunds` with the key `refund-<order>-<kopecks>-<n>`,
 * n = how many refunds of this same amount the plugin has already made for the order.
 *
 * Why this cannot refund twice: WooCommerce saves its refund record, then calls process_refund();
 * on a WP_Error it deletes the record again.
 * - Two clicks at once (or a retry while the first request still runs) compute the same n, so
 *   they send the same key: the sidecar runs the refund once, answers the other request 409 (still
 *   running) or replays the first answer; the second request returns a WP_Error either way, so
 *   WooCommerce keeps one record.
 * - A request whose answer was lost (timeout, 5xx) leaves n unchanged: trying again sends the same
 *   key and gets the refund the sidecar made (or makes it now), never a second one.
 * - Only a completed refund moves n on, so a deliberate second refund of the same amount later
 *   gets a new key.
 * A refund that was recorded from a provider event while its answer was lost is matched to that
 * record instead of being recorded twice (RefundLedger::claim_provider_record()).
 */
final class RefundProcessor {

	public function __construct( private readonly SidecarClient $client, private readonly Logger $logger ) {
	}

	/**
	 * @param int        $order_id Order id.
	 * @param mixed      $amount   Amount in roubles (WooCommerce passes a decimal string).
	 * @param string     $reason   Reason typed by the shop manager.
	 * @return true|WP_Error
	 */
	public function process( int $order_id, mixed $amount, string $reason ): bool|WP_Error {
		$order = wc_get_order( $order_id );
		if ( ! $order instanceof \WC_Order ) {
			return self::error( __( 'The order was not found.', 'ru-payments-for-woocommerce' ) );
		}
		$payment_id = OrderMeta::payment_id( $order );
		if ( '' === $payment_id ) {
			return self::error( __( 'This order has no RU Payments payment to refund.', 'ru-payments-for-woocommerce' ) );
		}
		$kopecks = ( is_string( $amount ) || is_int( $amount ) || is_float( $amount ) ) && Money::is_decimal( $amount ) ? Money::to_kopecks( $amount ) : 0;
		if ( $kopecks <= 0 ) {
			return self::error( __( 'Enter a refund amount greater than zero.', 'ru-payments-for-woocommerce' ) );
		}

		$key    = sprintf( 'refund-%d-%d-%d', $order->get_id(), $kopecks, RefundLedger::count_made( $order, $kopecks ) );
		$reason = mb_substr( sanitize_text_field( $reason ), 0, 500 );
		$answer = $this->client->refund_payment( $payment_id, $kopecks, $reason, $key, self::refunded_items( $order, $kopecks ) );

		// Read the order again: another request may have recorded this very refund meanwhile.
		$fresh = wc_get_order( $order_id );
		$order = $fresh instanceof \WC_Order ? $fresh : $order;

		if ( is_wp_error( $answer ) ) {
			return $this->refused( $order, $answer, $key, $kopecks );
		}

		$refund    = is_array( $answer['refund'] ?? null ) ? $answer['refund'] : array();
		$refund_id = is_string( $refund['id'] ?? null ) ? $refund['id'] : '';
		$status    = is_string( $refund['status'] ?? null ) ? $refund['status'] : '';
		if ( '' === $refund_id || 'failed' === $status ) {
			$this->logger->warning( sprintf( 'Order %d: refund %s answered without a usable refund (status "%s").', $order->get_id(), $key, $status ) );
			return self::error( self::generic_message() );
		}

		if ( RefundLedger::has_refund( $order, $refund_id ) ) {
			// A replayed answer: this refund was already completed by an earlier request.
			$this->logger->info( sprintf( 'Order %d: refund %s was already recorded (key %s).', $order->get_id(), $refund_id, $key ) );
			return self::error( __( 'This refund was already made and recorded a moment ago. Nothing was refunded twice; reload the order to see it.', 'ru-payments-for-woocommerce' ) );
		}
		if ( RefundLedger::claim_provider_record( $order, $key, $kopecks, $refund_id ) ) {
			$order->save();
			return self::error( __( 'This refund was already made and recorded when the payment provider reported it. Nothing was refunded twice; reload the order to see it.', 'ru-payments-for-woocommerce' ) );
		}

		$provider_refund_id = is_string( $refund['provider_refund_id'] ?? null ) && '' !== $refund['provider_refund_id'] ? $refund['provider_refund_id'] : '—';
		RefundLedger::add(
			$order,
			array(
				'source'             => 'plugin',
				'id'                 => $refund_id,
				'provider_refund_id' => $provider_refund_id,
				'amount'             => $kopecks,
				'status'             => $status,
				'key'                => $key,
			)
		);
		$order->add_order_note(
			'pending' === $status
				? sprintf(
					/* translators: 1: refunded amount, 2: refund id at the provider, 3: sidecar refund id. */
					__( 'RU Payments: refund of %1$s requested; the provider is processing it (provider refund ID %2$s, refund %3$s).', 'ru-payments-for-woocommerce' ),
					Money::from_kopecks( $kopecks ),
					$provider_refund_id,
					$refund_id
				)
				: sprintf(
					/* translators: 1: refunded amount, 2: refund id at the provider, 3: sidecar refund id. */
					__( 'RU Payments: refunded %1$s (provider refund ID %2$s, refund %3$s).', 'ru-payments-for-woocommerce' ),
					Money::from_kopecks( $kopecks ),
					$provider_refund_id,
					$refund_id
				)
		);
		$order->save();
		$this->logger->info( sprintf( 'Order %d: refund %s of %d kopecks %s (key %s).', $order->get_id(), $refund_id, $kopecks, $status, $key ) );
		return true;
	}

	/**
	 * The refunded lines of the WooCommerce refund being made (the newest one of this amount not yet
	 * sent to the provider), when they add up to the refund exactly; otherwise none, and the
	 * sidecar derives the lines (an amount-only refund, or lines plus an extra amount).
	 *
	 * @return list<array<string,mixed>>
	 */
	private static function refunded_items( \WC_Order $order, int $kopecks ): array {
		$current = null;
		foreach ( $order->get_refunds() as $refund ) {
			if ( ! $refund instanceof \WC_Order_Refund || $refund->get_refunded_payment() ) {
				continue;
			}
			$amount = Money::is_decimal( (string) $refund->get_amount() ) ? Money::to_kopecks( (string) $refund->get_amount() ) : 0;
			if ( $amount === $kopecks && ( null === $current || $refund->get_id() > $current->get_id() ) ) {
				$current = $refund;
			}
		}
		if ( null === $current ) {
			return array();
		}
		$items = ( new ItemsBuilder() )->build_or_none( $order, $current );
		return array_sum( array_column( $items, 'amount' ) ) === $kopecks ? $items : array();
	}

	/**
	 * Turns a refused or failed call into a WP_Error for the shop manager.
	 */
	private function refused( \WC_Order $order, WP_Error $error, string $key, int $kopecks ): WP_Error {
		$data   = (array) $error->get_error_data();
		$status = (int) ( $data['status'] ?? 0 );
		$code   = (string) ( $data['sidecar_code'] ?? '' );

		if ( 0 === $status || $status >= 500 ) {
			// The outcome is unknown: the same key will be sent again and get the real answer.
			RefundLedger::mark_uncertain( $order, $key );
			$order->save();
		}
		$this->logger->warning( sprintf( 'Order %d: refund of %d kopecks (key %s) refused: %s, HTTP %d.', $order->get_id(), $kopecks, $key, '' !== $code ? $code : $error->get_error_code(), $status ) );

		return self::error(
			match ( $code ) {
				'idempotency_in_progress' => __( 'A refund of this amount is already being processed. Wait a moment and reload the order.', 'ru-payments-for-woocommerce' ),
				'idempotency_key_reused'  => __( 'A refund of this amount was already requested with a different reason. Reload the order and check its refunds before trying again.', 'ru-payments-for-woocommerce' ),
				'amount_too_large'        => __( 'The amount is more than can still be refunded for this payment.', 'ru-payments-for-woocommerce' ),
				'not_supported'           => __( 'The payment provider does not accept this refund through its API (some refund only the full amount, some only in their own dashboard). Refund it in the provider\'s dashboard, then record a manual refund here.', 'ru-payments-for-woocommerce' ),
				'invalid_state'           => __( 'The payment cannot be refunded in its current state (for example, it is not paid yet).', 'ru-payments-for-woocommerce' ),
				'refund_failed'           => __( 'The payment provider refused the refund. Check the payment in the provider\'s dashboard.', 'ru-payments-for-woocommerce' ),
				default                   => 0 === $status || $status >= 500
					? __( 'The refund could not be confirmed because the payment service did not answer. Try again: the same refund will not be made twice.', 'ru-payments-for-woocommerce' )
					: self::generic_message(),
			}
		);
	}

	private static function generic_message(): string {
		return __( 'The refund could not be made. Details are in WooCommerce → Status → Logs (source "ru-payments").', 'ru-payments-for-woocommerce' );
	}

	private static function error( string $message ): WP_Error {
		return new WP_Error( 'ru_payments_refund_failed', $message );
	}
}
