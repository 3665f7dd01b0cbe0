<?php
/**
 * POST /wp-json/ru-payments/v1/events — payment status events from the sidecar.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Rest;

use RuPayments\Events\EarlierAttempts;
use RuPayments\Events\EventOutcome;
use RuPayments\Events\EventProcessor;
use RuPayments\Orders\StatusApplier;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Signing\NonceStore;
use RuPayments\Signing\RequestSigner;
use RuPayments\Signing\SignatureException;
use RuPayments\Storage\DbMarkers;
use RuPayments\Storage\Markers;
use RuPayments\Storage\MysqlOrderLocks;
use RuPayments\Storage\OrderLocks;
use RuPayments\Support\Logger;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;

defined( 'ABSPATH' ) || exit;

/**
 * Verifies the signature (permission callback), validates the event and hands it to
 * Events\EventProcessor (exactly once per event_id); answers only after the order is saved.
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

	private readonly EventProcessor $processor;

	/**
	 * @param SidecarSettings     $settings Connection settings (the shared secret).
	 * @param NonceStore          $nonces   Replay protection.
	 * @param StatusApplier       $applier  Applies statuses to orders.
	 * @param Logger              $logger   Logger.
	 * @param null|callable():int $clock    Clock for the timestamp check (tests).
	 * @param Markers|null        $markers  Applied-event markers (default: the plugin's table).
	 * @param OrderLocks|null     $locks    Per-order locks (default: MySQL GET_LOCK).
	 */
	public function __construct(
		private readonly SidecarSettings $settings,
		private readonly NonceStore $nonces,
		StatusApplier $applier,
		private readonly Logger $logger,
		?callable $clock = null,
		?Markers $markers = null,
		?OrderLocks $locks = null
	) {
		$this->clock     = $clock;
		$this->verdicts  = new \WeakMap();
		$this->processor = new EventProcessor( $applier, $markers ?? new DbMarkers( $clock ), $locks ?? new MysqlOrderLocks(), new EarlierAttempts( $logger ), $logger, $clock );
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
	 * Applies one event and acknowledges it (sidecar/docs/contract.md): `{"received":<event_id>}`
	 * once it is applied, a duplicate or stale; `{"received":…,"dead_letter":<reason>}` when it can
	 * never apply; 503 `busy` when another request holds the order (the sidecar retries).
	 */
	public function handle( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$data = json_decode( $request->get_body(), true );
		if ( ! is_array( $data ) || array_is_list( $data ) ) {
			return $this->invalid( 'body' );
		}
		$event_id = $data['event_id'] ?? null;
		if ( ! is_string( $event_id ) || ! PaymentEvent::is_valid_id( $event_id ) ) {
			return $this->invalid( 'event_id' );
		}
		if ( is_string( $data['type'] ?? null ) && '' !== $data['type'] && ! PaymentEvent::is_supported_type( $data ) ) {
			$this->logger->info( sprintf( 'Sidecar event %s of unsupported type "%s" acknowledged as a dead letter.', $event_id, sanitize_text_field( $data['type'] ) ) );
			return self::acknowledge( $event_id, EventOutcome::UNSUPPORTED_TYPE );
		}
		try {
			$event = PaymentEvent::from_array( $data );
		} catch ( InvalidEventException $e ) {
			$this->logger->warning( sprintf( 'Sidecar event %s is invalid (field %s); acknowledged as a dead letter.', $event_id, $e->field ) );
			return self::acknowledge( $event_id, EventOutcome::INVALID_EVENT, $e->field );
		}

		$outcome = $this->processor->process( $event );
		if ( ! $outcome->is_acknowledged() ) {
			$response = new WP_REST_Response(
				array(
					'error' => array(
						'code'    => 'busy',
						'message' => __( 'Another event for this order is being applied. Please retry.', 'ru-payments-for-woocommerce' ),
					),
				),
				503
			);
			$response->header( 'Retry-After', '5' );
			return $response;
		}
		if ( EventOutcome::APPLIED === $outcome->kind ) {
			self::remember_last_event( $event->provider );
		}
		return self::acknowledge( $event->event_id, EventOutcome::DEAD_LETTER === $outcome->kind ? $outcome->reason : '' );
	}

	private static function acknowledge( string $event_id, string $dead_letter = '', string $field = '' ): WP_REST_Response {
		$body = array( 'received' => $event_id );
		if ( '' !== $dead_letter ) {
			$body['dead_letter'] = $dead_letter;
		}
		if ( '' !== $field ) {
			$body['field'] = $field;
		}
		return new WP_REST_Response( $body, 200 );
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
