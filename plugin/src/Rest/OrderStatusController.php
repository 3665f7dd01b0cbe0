<?php
/**
 * GET /wp-json/ru-payments/v1/order-status — what the thank-you page polls.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Rest;

use RuPayments\Background\Reconciler;
use RuPayments\Background\Scheduler;
use RuPayments\Frontend\OrderState;
use RuPayments\Gateways\GatewayOptions;
use RuPayments\Orders\OrderMeta;
use RuPayments\Sidecar\SidecarClient;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;

defined( 'ABSPATH' ) || exit;

/**
 * Answers `{"state":"paid|pending|failed","final":bool,"message":…}` for an order identified by its
 * id and order key (the same credential as the order-received URL; a wrong key looks like an unknown
 * order). While the order is pending it may ask the sidecar to refresh the payment from the provider,
 * at most once every 10 seconds per order; that answer is only displayed (and never as "paid" while
 * the order is unpaid: then the order is reconciled in the background) — the order itself changes
 * only through signed events and the reconciliation.
 */
final class OrderStatusController {

	public const NAMESPACE        = 'ru-payments/v1';
	public const ROUTE            = '/order-status';
	public const REFRESH_INTERVAL = 10;
	public const TRANSIENT_PREFIX = 'ru_payments_refresh_';

	public function __construct( private readonly SidecarClient $client ) {
	}

	public static function url(): string {
		return rest_url( self::NAMESPACE . self::ROUTE );
	}

	/**
	 * Hooked on `rest_api_init`.
	 */
	public function register_routes(): void {
		register_rest_route(
			self::NAMESPACE,
			self::ROUTE,
			array(
				'methods'             => 'GET',
				'callback'            => array( $this, 'handle' ),
				// Public on purpose: guests see their order-received page too. The order key checked in
				// handle() is the credential, exactly as for that page.
				'permission_callback' => '__return_true',
				'args'                => array(
					'order_id' => array(
						'type'     => 'integer',
						'required' => true,
					),
					'key'      => array(
						'type'     => 'string',
						'required' => true,
					),
				),
			)
		);
	}

	public function handle( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$order = wc_get_order( absint( $request->get_param( 'order_id' ) ) );
		$key   = (string) $request->get_param( 'key' );
		if ( ! $order instanceof \WC_Order || '' === $key || ! hash_equals( (string) $order->get_order_key(), $key ) || ! GatewayOptions::is_ours( (string) $order->get_payment_method() ) ) {
			return new WP_Error( 'ru_payments_order_not_found', __( 'Order not found.', 'ru-payments-for-woocommerce' ), array( 'status' => 404 ) );
		}

		$state = OrderState::of( $order );
		if ( OrderState::PENDING === $state ) {
			$state = $this->refreshed_state( $order ) ?? $state;
		}

		$response = new WP_REST_Response(
			array(
				'state'   => $state,
				'final'   => OrderState::PENDING !== $state,
				'message' => OrderState::message( $state ),
			),
			200
		);
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}

	/**
	 * The state the provider reports, asked at most every REFRESH_INTERVAL seconds (null: unknown).
	 */
	private function refreshed_state( \WC_Order $order ): ?string {
		$payment_id = OrderMeta::payment_id( $order );
		if ( '' === $payment_id ) {
			return null;
		}
		$transient = self::TRANSIENT_PREFIX . $order->get_id();
		$cached    = get_transient( $transient );
		if ( is_array( $cached ) ) {
			$status = (string) ( $cached['status'] ?? '' );
		} else {
			$answer = $this->client->get_payment( $payment_id, true );
			$status = ! is_wp_error( $answer ) && is_string( $answer['status'] ?? null ) ? $answer['status'] : '';
			set_transient( $transient, array( 'status' => $status ), self::REFRESH_INTERVAL );
		}
		$state = OrderState::from_payment_status( $status );
		if ( OrderState::PAID === $state ) {
			// The provider says paid but the order does not show it yet: keep saying "waiting" (the
			// order may still be inside payment_complete(), or its event was lost) and let the
			// reconciliation bring the order up to date.
			Scheduler::enqueue_async( Reconciler::HOOK_ORDER, array( $order->get_id() ) );
			return null;
		}
		return '' === $state ? null : $state;
	}
}
