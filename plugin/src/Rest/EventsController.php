<?php
/**
 * POST /wp-json/ru-payments/v1/events — payment status events from the sidecar.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Rest;

use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\PaymentStatus;
use RuPayments\Orders\StatusApplier;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Signing\NonceStore;
use RuPayments\Signing\RequestSigner;
use RuPayments\Signing\SignatureException;
use RuPayments\Support\Logger;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;

defined( 'ABSPATH' ) || exit;

/**
 * Verifies the signature (permission callback), validates the event, applies it once per event_id
 * and answers only after the order is saved.
 */
final class EventsController {

	public const NAMESPACE = 'ru-payments/v1';
	public const ROUTE     = '/events';

	/**
	 * @var null|callable():int
	 */
	private $clock;

	/**
	 * Verdicts per request: WordPress calls the permission callback again after the response (to
	 * build the Allow header), and that second call must not see its own nonce as a replay.
	 *
	 * @var \WeakMap<WP_REST_Request, true|WP_Error>
	 */
	private \WeakMap $verdicts;

	/**
	 * @param SidecarSettings     $settings Connection settings (the shared secret).
	 * @param NonceStore          $nonces   Replay protection.
	 * @param StatusApplier       $applier  Applies statuses to orders.
	 * @param Logger              $logger   Logger.
	 * @param null|callable():int $clock    Clock for the timestamp check (tests).
	 */
	public function __construct(
		private readonly SidecarSettings $settings,
		private readonly NonceStore $nonces,
		private readonly StatusApplier $applier,
		private readonly Logger $logger,
		?callable $clock = null
	) {
		$this->clock    = $clock;
		$this->verdicts = new \WeakMap();
	}

	public static function route(): string {
		return '/' . self::NAMESPACE . self::ROUTE;
	}

	/**
	 * Hooked on `rest_api_init`.
	 */
	public function register_routes(): void {
		register_rest_route(
			self::NAMESPACE,
			self::ROUTE,
			array(
				'methods'             => 'POST',
				'callback'            => array( $this, 'handle' ),
				'permission_callback' => array( $this, 'check_permission' ),
			)
		);
	}

	/**
	 * Signature over the raw body, method, route, timestamp and nonce; then replay protection.
	 *
	 * @return true|WP_Error
	 */
	public function check_permission( WP_REST_Request $request ): bool|WP_Error {
		if ( ! isset( $this->verdicts[ $request ] ) ) {
			$this->verdicts[ $request ] = $this->verify( $request );
		}
		return $this->verdicts[ $request ];
	}

	/**
	 * @return true|WP_Error
	 */
	private function verify( WP_REST_Request $request ): bool|WP_Error {
		$signer = new RequestSigner( $this->settings->secret(), $this->clock );
		$nonce  = $request->get_header( RequestSigner::HEADER_NONCE );
		try {
			$signer->verify(
				$request->get_method(),
				$request->get_route(),
				$request->get_body(),
				$request->get_header( RequestSigner::HEADER_TIMESTAMP ),
				$nonce,
				$request->get_header( RequestSigner::HEADER_SIGNATURE )
			);
			if ( ! $this->nonces->remember( (string) $nonce ) ) {
				throw new SignatureException( SignatureException::REPLAYED_NONCE );
			}
		} catch ( SignatureException $e ) {
			$this->logger->warning( sprintf( 'Rejected sidecar event: %s.', $e->reason() ) );
			return new WP_Error(
				'unauthorized',
				__( 'The request signature is missing, invalid, expired or already used.', 'ru-payments-for-woocommerce' ),
				array(
					'status' => 401,
					'reason' => $e->reason(),
				)
			);
		}
		return true;
	}

	/**
	 * Applies one event.
	 */
	public function handle( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$data = json_decode( $request->get_body(), true );
		if ( ! is_array( $data ) || array_is_list( $data ) ) {
			return $this->invalid( 'body' );
		}
		if ( is_string( $data['type'] ?? null ) && '' !== $data['type'] && ! PaymentEvent::is_supported_type( $data ) ) {
			$this->logger->info( sprintf( 'Ignored sidecar event of unsupported type "%s".', sanitize_text_field( $data['type'] ) ) );
			return new WP_REST_Response( array( 'ok' => true, 'ignored' => true ), 200 );
		}
		try {
			$event = PaymentEvent::from_array( $data );
		} catch ( InvalidEventException $e ) {
			return $this->invalid( $e->field );
		}

		$order = wc_get_order( $event->order_id );
		if ( ! $order instanceof \WC_Order ) {
			$this->logger->warning( sprintf( 'Sidecar event %s: order %d not found.', $event->event_id, $event->order_id ) );
			return new WP_Error( 'order_not_found', __( 'Order not found.', 'ru-payments-for-woocommerce' ), array( 'status' => 404 ) );
		}

		if ( OrderMeta::has_event( $order, $event->event_id ) ) {
			return new WP_REST_Response( array( 'ok' => true, 'duplicate' => true ), 200 );
		}

		if ( ! $this->belongs_to_order( $order, $event ) ) {
			$this->logger->warning( sprintf( 'Sidecar event %s: payment %s does not belong to order %d.', $event->event_id, $event->payment_id, $event->order_id ) );
			return new WP_Error(
				'payment_mismatch',
				__( 'The payment does not belong to this order.', 'ru-payments-for-woocommerce' ),
				array( 'status' => 409 )
			);
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
			return new WP_REST_Response( array( 'ok' => true, 'stale' => true ), 200 );
		}

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
		self::remember_last_event( $event->provider );

		/**
		 * Fires after a payment event was applied to an order and the order was saved.
		 *
		 * @param \WC_Order    $order  Order.
		 * @param PaymentEvent $event  Event.
		 * @param string       $action StatusApplier action taken.
		 */
		do_action( 'ru_payments_event_applied', $order, $event, $action );

		return new WP_REST_Response( array( 'ok' => true ), 200 );
	}

	/**
	 * Option `ru_payments_last_event`: provider id => Unix time of the last event applied for it (shown
	 * on the Status screen as the last callback time).
	 */
	public const OPTION_LAST_EVENT = 'ru_payments_last_event';

	private static function remember_last_event( string $provider ): void {
		$last = get_option( self::OPTION_LAST_EVENT, array() );
		$last = is_array( $last ) ? $last : array();
		$last[ sanitize_key( $provider ) ] = time();
		update_option( self::OPTION_LAST_EVENT, $last, false );
	}

	/**
	 * Hooked on `rest_request_after_callbacks`: gives our errors the contract's shape
	 * `{"error":{"code":…,"message":…,"field"?:…}}` (401 from the permission callback included).
	 *
	 * @param mixed           $response Response or error.
	 * @param array           $handler  Route handler.
	 * @param WP_REST_Request $request  Request.
	 * @return mixed
	 */
	public function format_error( $response, $handler, $request ) {
		if ( ! $response instanceof WP_Error || ! $request instanceof WP_REST_Request || self::route() !== $request->get_route() ) {
			return $response;
		}
		$data  = $response->get_error_data();
		$error = array(
			'code'    => $response->get_error_code(),
			'message' => $response->get_error_message(),
		);
		if ( is_array( $data ) && isset( $data['field'] ) ) {
			$error['field'] = $data['field'];
		}
		$status = is_array( $data ) && isset( $data['status'] ) ? (int) $data['status'] : 500;
		return new WP_REST_Response( array( 'error' => $error ), $status );
	}

	/**
	 * An order belongs to the event when its bound payment id (if any) matches and its payment
	 * method (if any) is one of ours.
	 */
	private function belongs_to_order( \WC_Order $order, PaymentEvent $event ): bool {
		$payment_id = OrderMeta::payment_id( $order );
		$method     = (string) $order->get_payment_method();
		$belongs    = ( '' === $payment_id || $payment_id === $event->payment_id )
			&& ( '' === $method || str_starts_with( $method, 'ru_payments' ) );

		/**
		 * Filters whether a sidecar event may change the order.
		 *
		 * @param bool         $belongs Default decision.
		 * @param \WC_Order    $order   Order.
		 * @param PaymentEvent $event   Event.
		 */
		return (bool) apply_filters( 'ru_payments_event_belongs_to_order', $belongs, $order, $event );
	}

	private function now(): int {
		return null === $this->clock ? time() : (int) ( $this->clock )();
	}

	private function invalid( string $field ): WP_Error {
		return new WP_Error(
			'invalid_request',
			sprintf(
				/* translators: %s: name of the JSON field. */
				__( 'Invalid or missing field: %s.', 'ru-payments-for-woocommerce' ),
				$field
			),
			array(
				'status' => 400,
				'field'  => $field,
			)
		);
	}
}
