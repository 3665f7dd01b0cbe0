<?php
/**
 * Capture and cancellation of authorised (two-stage) payments.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Payments;

use RuPayments\Orders\AuthorizationLapse;
use RuPayments\Orders\LapsingAuthorizations;
use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\PaymentStatus;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Logger;
use RuPayments\Support\Money;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * A two-stage payment (Sber «Плати частями» registerPreAuth, Dolyame without autoCommit) reaches
 * the order as `authorized` (on-hold). capture() completes it through
 * `POST /v1/payments/<id>/capture` under the Idempotency-Key `capture-<order id>-<payment id>`,
 * cancel() releases the hold through `POST /v1/payments/<id>/cancel` under
 * `cancel-<order id>-<payment id>`.
 *
 * Why a capture cannot happen twice: the key is the same for every try of the same payment, so the
 * sidecar runs the capture once and replays its answer; and once it answered `paid` the order is
 * marked captured (OrderMeta::CAPTURED_AT, payment status `paid`), so nothing asks again. The
 * sidecar keeps a client error (4xx other than 401/409) as the key's final answer, so after one
 * the next try uses `…-<n>` (n = 2, 3, …) — also when the sidecar reports the key was used with
 * another amount (the order total changed in between).
 *
 * A capture below the authorised amount carries the order's current lines (`items`), so a provider
 * that commits a basket (Dolyame) gets the edited one.
 *
 * Both add an order note and save the order; a refusal returns a WP_Error whose message explains it
 * to the shop manager in plain words (the sidecar's error code goes into the note and the log, the
 * provider's own text never reaches anyone but the sidecar log).
 */
final class AuthorizationProcessor {

	public const CAPTURE = 'capture';
	public const CANCEL  = 'cancel';

	/**
	 * @var null|callable():int
	 */
	private $clock;

	/**
	 * @param SidecarClient       $client Sidecar client.
	 * @param Logger              $logger Logger.
	 * @param null|callable():int $clock  Clock (tests).
	 */
	public function __construct( private readonly SidecarClient $client, private readonly Logger $logger, ?callable $clock = null ) {
		$this->clock = $clock;
	}

	/**
	 * Captures the authorised payment: the order total (less refunds recorded in the order) when it
	 * is below the authorised amount, else the whole authorisation (no amount is sent).
	 *
	 * @return true|WP_Error Error data: `sidecar_code`, `status` (HTTP, 0 when nothing was sent) and
	 *                       `keep_status` (true when the same capture is still running elsewhere).
	 */
	public function capture( \WC_Order $order ): bool|WP_Error {
		if ( ! AuthorizationLapse::is_authorized( $order ) ) {
			return self::error( self::CAPTURE, 'not_authorized', $this->explain( self::CAPTURE, new WP_Error( 'not_authorized' ) ), 0 );
		}
		$payment_id = OrderMeta::payment_id( $order );
		$authorized = OrderMeta::authorized_amount( $order );
		try {
			$total = Money::to_kopecks( (string) $order->get_total() ) - Money::to_kopecks( wc_format_decimal( $order->get_total_refunded(), 2 ) );
		} catch ( \InvalidArgumentException $e ) {
			return $this->refused( $order, self::CAPTURE, new WP_Error( 'invalid_total' ) );
		}
		if ( $total <= 0 ) {
			return $this->refused( $order, self::CAPTURE, new WP_Error( 'nothing_to_capture' ) );
		}
		if ( null !== $authorized && $total > $authorized ) {
			return $this->refused(
				$order,
				self::CAPTURE,
				new WP_Error(
					'amount_above_authorized',
					'',
					array(
						'total'      => $total,
						'authorized' => $authorized,
					)
				)
			);
		}
		// The whole authorisation: no amount. Unknown authorised amount: the total, which the
		// sidecar checks against the authorisation.
		$amount = null !== $authorized && $total === $authorized ? null : $total;
		$items  = null === $amount ? array() : ( new ItemsBuilder() )->build_or_none( $order );

		$answer = $this->call( $order, self::CAPTURE, fn ( string $key ): array|WP_Error => $this->client->capture_payment( $payment_id, $amount, $key, $items ) );
		if ( is_wp_error( $answer ) ) {
			return $this->refused( $order, self::CAPTURE, $answer );
		}
		$status = is_string( $answer['status'] ?? null ) ? $answer['status'] : '';
		if ( ! in_array( $status, array( PaymentStatus::PAID, PaymentStatus::PARTIALLY_REFUNDED, PaymentStatus::REFUNDED ), true ) ) {
			return $this->refused( $order, self::CAPTURE, self::unexpected( $status ) );
		}

		$captured = is_int( $answer['captured_amount'] ?? null ) && $answer['captured_amount'] > 0 ? $answer['captured_amount'] : ( $amount ?? $authorized ?? $total );
		$order->update_meta_data( OrderMeta::STATUS, $status );
		$order->update_meta_data( OrderMeta::CAPTURED_AT, $this->now() );
		if ( null !== $amount && null !== $authorized && $captured < $authorized ) {
			$note = sprintf(
				/* translators: 1: captured amount, 2: authorised amount, 3: sidecar payment id. */
				__( 'RU Payments: captured %1$s of the authorised %2$s (payment %3$s), as the order total is lower. The provider releases the rest of the held money.', 'ru-payments-for-woocommerce' ),
				Money::from_kopecks( $captured ),
				Money::from_kopecks( $authorized ),
				$payment_id
			);
		} else {
			$note = sprintf(
				/* translators: 1: captured amount, 2: sidecar payment id. */
				__( 'RU Payments: captured the authorised payment of %1$s (payment %2$s).', 'ru-payments-for-woocommerce' ),
				Money::from_kopecks( $captured ),
				$payment_id
			);
		}
		$order->add_order_note( $note );
		$order->save();
		LapsingAuthorizations::forget();

		$this->logger->info( sprintf( 'Order %d: payment %s captured, %d kopecks (%s).', $order->get_id(), $payment_id, $captured, null === $amount ? 'full' : 'amount sent' ) );
		return true;
	}

	/**
	 * Cancels the authorisation, so the provider releases the held money.
	 *
	 * @return true|WP_Error As capture().
	 */
	public function cancel( \WC_Order $order ): bool|WP_Error {
		if ( ! AuthorizationLapse::is_authorized( $order ) ) {
			return self::error( self::CANCEL, 'not_authorized', $this->explain( self::CANCEL, new WP_Error( 'not_authorized' ) ), 0 );
		}
		$payment_id = OrderMeta::payment_id( $order );
		$answer     = $this->call( $order, self::CANCEL, fn ( string $key ): array|WP_Error => $this->client->cancel_payment( $payment_id, $key ) );
		if ( is_wp_error( $answer ) ) {
			return $this->refused( $order, self::CANCEL, $answer );
		}
		$status = is_string( $answer['status'] ?? null ) ? $answer['status'] : '';
		if ( ! in_array( $status, array( PaymentStatus::CANCELLED, PaymentStatus::EXPIRED ), true ) ) {
			return $this->refused( $order, self::CANCEL, self::unexpected( $status ) );
		}

		$order->update_meta_data( OrderMeta::STATUS, $status );
		$order->add_order_note(
			sprintf(
				/* translators: %s: sidecar payment id. */
				__( 'RU Payments: the authorisation of payment %s was cancelled; the held money is released to the customer.', 'ru-payments-for-woocommerce' ),
				$payment_id
			)
		);
		$order->save();
		LapsingAuthorizations::forget();

		$this->logger->info( sprintf( 'Order %d: the authorisation of payment %s was cancelled.', $order->get_id(), $payment_id ) );
		return true;
	}

	/**
	 * The Idempotency-Key of a capture or cancel: `<operation>-<order id>-<payment id>`, with
	 * `-<attempt>` from the second attempt on.
	 */
	public static function key( string $operation, \WC_Order $order, int $attempt = 1 ): string {
		$key = sprintf( '%s-%d-%s', $operation, $order->get_id(), OrderMeta::payment_id( $order ) );
		return $attempt > 1 ? $key . '-' . $attempt : $key;
	}

	/**
	 * Sends the call under the current attempt's key; moves to the next attempt when the sidecar
	 * keeps the answer as final for the key. The caller saves the order.
	 *
	 * @param callable(string):(array<string,mixed>|WP_Error) $send Sends the call with a key.
	 * @return array<string,mixed>|WP_Error
	 */
	private function call( \WC_Order $order, string $operation, callable $send ): array|WP_Error {
		$meta    = self::CAPTURE === $operation ? OrderMeta::CAPTURE_ATTEMPT : OrderMeta::CANCEL_ATTEMPT;
		$attempt = max( 1, (int) $order->get_meta( $meta, true ) );
		$answer  = $send( self::key( $operation, $order, $attempt ) );
		if ( is_wp_error( $answer ) && 'idempotency_key_reused' === self::sidecar_code( $answer ) ) {
			// The key was first used with another body (the order total changed since): a new key.
			++$attempt;
			$order->update_meta_data( $meta, $attempt );
			$answer = $send( self::key( $operation, $order, $attempt ) );
		}
		if ( is_wp_error( $answer ) ) {
			$status = (int) ( ( (array) $answer->get_error_data() )['status'] ?? 0 );
			// The sidecar stores a client error as the key's final answer (409 and 401 change nothing).
			if ( $status >= 400 && $status < 500 && 409 !== $status && 401 !== $status ) {
				$order->update_meta_data( $meta, $attempt + 1 );
			}
		}
		return $answer;
	}

	/**
	 * A refused or failed call: an order note with the sidecar's error code, a log line, and the
	 * plain-words explanation for the shop manager.
	 */
	private function refused( \WC_Order $order, string $operation, WP_Error $error ): WP_Error {
		$data        = (array) $error->get_error_data();
		$status      = (int) ( $data['status'] ?? 0 );
		$code        = self::sidecar_code( $error );
		$code        = '' !== $code ? $code : (string) $error->get_error_code();
		$explanation = $this->explain( $operation, $error );

		if ( self::CAPTURE === $operation ) {
			$note = sprintf(
				/* translators: 1: explanation, 2: error code. */
				__( 'RU Payments: the payment could not be captured. %1$s Error code: %2$s.', 'ru-payments-for-woocommerce' ),
				$explanation,
				$code
			);
		} else {
			$note = sprintf(
				/* translators: 1: explanation, 2: error code. */
				__( 'RU Payments: the authorisation could not be cancelled, so the customer\'s money stays held until it is cancelled or lapses. %1$s Error code: %2$s.', 'ru-payments-for-woocommerce' ),
				$explanation,
				$code
			);
		}
		$order->add_order_note( $note );
		$order->save();

		$this->logger->warning( sprintf( 'Order %d: %s of payment %s refused: %s, HTTP %d.', $order->get_id(), $operation, OrderMeta::payment_id( $order ), $code, $status ) );
		return self::error( $operation, $code, $explanation, $status );
	}

	private static function error( string $operation, string $code, string $message, int $status ): WP_Error {
		return new WP_Error(
			'ru_payments_' . $operation . '_failed',
			$message,
			array(
				'status'       => $status,
				'sidecar_code' => $code,
				'keep_status'  => 'idempotency_in_progress' === $code,
			)
		);
	}

	private static function unexpected( string $status ): WP_Error {
		return new WP_Error(
			'ru_payments_bad_response',
			'',
			array(
				'status'         => 200,
				'sidecar_code'   => 'payment_' . ( '' !== $status ? $status : 'unknown' ),
				'payment_status' => $status,
			)
		);
	}

	/**
	 * Why the provider or the sidecar refused, in plain words for the shop manager.
	 */
	public function explain( string $operation, WP_Error $error ): string {
		$data    = (array) $error->get_error_data();
		$status  = (int) ( $data['status'] ?? 0 );
		$code    = self::sidecar_code( $error );
		$capture = self::CAPTURE === $operation;

		switch ( $error->get_error_code() ) {
			case 'not_authorized':
				return $capture
					? __( 'This order has no authorised RU Payments payment waiting for capture.', 'ru-payments-for-woocommerce' )
					: __( 'This order has no authorised RU Payments payment to cancel.', 'ru-payments-for-woocommerce' );
			case 'invalid_total':
				return __( 'The order total is not a valid amount. Check the order items and totals.', 'ru-payments-for-woocommerce' );
			case 'nothing_to_capture':
				return __( 'The order total is zero, so there is nothing to capture. Cancel the order to release the held money.', 'ru-payments-for-woocommerce' );
			case 'amount_above_authorized':
				return sprintf(
					/* translators: 1: order total, 2: authorised amount. */
					__( 'The order total (%1$s) is above the amount the customer authorised (%2$s), and a provider never captures more than that. Lower the total, or cancel the order and ask the customer to pay again.', 'ru-payments-for-woocommerce' ),
					Money::from_kopecks( (int) ( $data['total'] ?? 0 ) ),
					Money::from_kopecks( (int) ( $data['authorized'] ?? 0 ) )
				);
			case 'ru_payments_not_configured':
				return __( 'The connection to the payment service is not set up: enter the sidecar URL and the shared secret in the RU Payments settings.', 'ru-payments-for-woocommerce' );
			case 'ru_payments_unauthorized':
				return __( 'The payment service rejected the request signature: the shared secret differs between the plugin and the sidecar, or the server clocks are more than five minutes apart.', 'ru-payments-for-woocommerce' );
			case 'ru_payments_unreachable':
				return $capture
					? __( 'The payment service did not answer, so it is not known whether the payment was captured. If it was, the order is updated automatically when the provider reports it; otherwise try again.', 'ru-payments-for-woocommerce' )
					: __( 'The payment service did not answer, so it is not known whether the authorisation was cancelled. Try again; the same cancellation is never sent twice.', 'ru-payments-for-woocommerce' );
		}

		if ( str_starts_with( $code, 'payment_' ) && is_string( $data['payment_status'] ?? null ) ) {
			$payment_status = (string) $data['payment_status'];
			if ( ! $capture && PaymentStatus::PAID === $payment_status ) {
				return __( 'The payment was captured already, so the authorisation cannot be cancelled any more. Refund the payment instead.', 'ru-payments-for-woocommerce' );
			}
			return sprintf(
				/* translators: %s: payment status. */
				__( 'The payment service answered, but the payment is now "%s". The order follows the payment when the provider reports it.', 'ru-payments-for-woocommerce' ),
				PaymentStatus::label( $payment_status )
			);
		}

		switch ( $code ) {
			case 'idempotency_in_progress':
				return __( 'The same request is still being processed. Wait a minute and reload the order.', 'ru-payments-for-woocommerce' );
			case 'partial_capture_not_supported':
				return __( 'This provider captures only the whole authorised amount. Restore the order total and capture, then refund the difference.', 'ru-payments-for-woocommerce' );
			case 'amount_too_large':
				return __( 'The amount is above what the customer authorised, and a provider never captures more than that. Lower the order total, or cancel the order and ask the customer to pay again.', 'ru-payments-for-woocommerce' );
			case 'invalid_state':
				return __( 'The payment no longer waits for capture: it was captured, cancelled or has lapsed already. The order follows the payment when the provider reports it; reload the order.', 'ru-payments-for-woocommerce' );
			case 'not_supported':
				return __( 'This provider has no two-stage payments, so there is nothing to capture or cancel.', 'ru-payments-for-woocommerce' );
			case 'payment_not_found':
				return __( 'The payment service does not know this payment (it may have been created with another sidecar).', 'ru-payments-for-woocommerce' );
		}

		// The provider's refusal as the sidecar words it for shop staff (e.g. Sber's 7-day rule).
		$ru = is_string( $data['sidecar_message_ru'] ?? null ) ? sanitize_text_field( $data['sidecar_message_ru'] ) : '';
		$en = is_string( $data['sidecar_message_en'] ?? null ) ? sanitize_text_field( $data['sidecar_message_en'] ) : '';
		if ( '' !== $ru || '' !== $en ) {
			$russian = str_starts_with( (string) get_user_locale(), 'ru' );
			return $russian ? ( '' !== $ru ? $ru : $en ) : ( '' !== $en ? $en : $ru );
		}

		if ( 0 === $status || $status >= 500 ) {
			return $capture
				? __( 'The payment provider did not complete the capture. Try again later; if the payment was captured meanwhile, the order is updated automatically. Details are in the sidecar log.', 'ru-payments-for-woocommerce' )
				: __( 'The payment provider did not complete the cancellation. Try again later; details are in the sidecar log.', 'ru-payments-for-woocommerce' );
		}
		return $capture
			? __( 'The payment service refused the capture. Details are in WooCommerce → Status → Logs (source "ru-payments").', 'ru-payments-for-woocommerce' )
			: __( 'The payment service refused the cancellation. Details are in WooCommerce → Status → Logs (source "ru-payments").', 'ru-payments-for-woocommerce' );
	}

	private static function sidecar_code( WP_Error $error ): string {
		$data = $error->get_error_data();
		return is_array( $data ) ? (string) ( $data['sidecar_code'] ?? '' ) : '';
	}

	private function now(): int {
		return null === $this->clock ? time() : (int) ( $this->clock )();
	}
}
