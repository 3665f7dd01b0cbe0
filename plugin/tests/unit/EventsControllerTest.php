<?php
/**
 * POST /ru-payments/v1/events end to end through the REST dispatch double.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use Rest_Server_Double;
use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\StatusApplier;
use RuPayments\Plugin;
use RuPayments\Rest\EventsController;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Signing\NonceStore;
use RuPayments\Signing\RequestSigner;
use RuPayments\Support\Logger;
use WC_Order;
use WP_REST_Request;
use WP_REST_Response;

final class EventsControllerTest extends TestCase {

	private const NOW = 1764072000;

	private WC_Order $order;

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar();
		$controller = new EventsController( new SidecarSettings(), new NonceStore( new \Markers_Double() ), new StatusApplier(), new Logger(), static fn (): int => self::NOW, new \Markers_Double(), new \Order_Locks_Double() );
		$controller->register_routes();
		add_filter( 'rest_request_after_callbacks', array( $controller, 'format_error' ), 10, 3 );
		$this->order = RU_Payments_Test_State::add_order( new WC_Order( 123, 'pending', 'ru_payments_toy' ) );
	}

	private function event( array $overrides = array() ): array {
		return array_merge(
			array(
				'event_id'            => 'evt_1',
				'type'                => 'payment.status_changed',
				'payment_id'          => 'pay_1',
				'order_id'            => '123',
				'provider'            => 'toy',
				'provider_payment_id' => 'toy_42',
				'status'              => 'paid',
				'previous_status'     => 'pending',
				'amount'              => 150000,
				'refunded_amount'     => 0,
				'currency'            => 'RUB',
				'sequence'            => 2,
				'occurred_at'         => '2026-11-25T12:00:00.000Z',
				'test'                => false,
			),
			$overrides
		);
	}

	private function request( $body, array $header_overrides = array(), ?string $secret = null, int $timestamp = self::NOW ): WP_REST_Request {
		$body    = is_string( $body ) ? $body : json_encode( $body, JSON_UNESCAPED_UNICODE );
		$signer  = new RequestSigner( $secret ?? self::SECRET, static fn (): int => $timestamp );
		$headers = array_merge( $signer->headers( 'POST', '/ru-payments/v1/events', $body ), $header_overrides );
		$request = new WP_REST_Request( 'POST', '/ru-payments/v1/events' );
		$request->set_body( $body );
		foreach ( $headers as $name => $value ) {
			if ( null !== $value ) {
				$request->set_header( $name, $value );
			}
		}
		return $request;
	}

	private function send( $body, array $header_overrides = array(), ?string $secret = null, int $timestamp = self::NOW ): WP_REST_Response {
		return Rest_Server_Double::dispatch( $this->request( $body, $header_overrides, $secret, $timestamp ) );
	}

	public function test_route_is_registered_for_post_with_a_real_permission_callback(): void {
		$route = RU_Payments_Test_State::$rest_routes[0];

		$this->assertSame( 'ru-payments/v1', $route['namespace'] );
		$this->assertSame( '/events', $route['route'] );
		$this->assertSame( 'POST', $route['args']['methods'] );
		$this->assertIsCallable( $route['args']['permission_callback'] );
		$this->assertNotSame( '__return_true', $route['args']['permission_callback'] );
	}

	public function test_valid_paid_event_completes_the_payment_and_answers_after_save(): void {
		$response = $this->send( $this->event() );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( array( 'received' => 'evt_1' ), $response->get_data() );
		$this->assertSame( array( 'toy_42' ), $this->order->payment_complete_calls );
		$this->assertSame( 'processing', $this->order->get_status() );
		$this->assertSame( 'toy_42', $this->order->get_transaction_id() );
		$this->assertContains( 'RU Payments: payment paid (provider toy, ID toy_42).', $this->order->notes );

		$saved = $this->order->saved();
		$this->assertSame( 'processing', $saved['status'] );
		$this->assertSame( array( 'evt_1' ), $saved['meta'][ OrderMeta::EVENT_IDS ] );
		$this->assertSame( 2, $saved['meta'][ OrderMeta::LAST_SEQUENCE ] );
		$this->assertSame( 'paid', $saved['meta'][ OrderMeta::STATUS ] );
		$this->assertSame( 1, did_action( 'ru_payments_event_applied' ) );
	}

	public function test_duplicate_event_id_changes_nothing(): void {
		$this->send( $this->event() );
		$before = $this->order->snapshot();

		$response = $this->send( $this->event() );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( array( 'received' => 'evt_1' ), $response->get_data() );
		$this->assertSame( $before, $this->order->snapshot() );
		$this->assertCount( 1, $this->order->payment_complete_calls );
	}

	public function test_duplicate_is_recognised_even_with_a_different_later_payload(): void {
		$this->send( $this->event() );
		$before = $this->order->snapshot();

		$response = $this->send( $this->event( array( 'status' => 'refunded', 'sequence' => 9 ) ) );

		$this->assertSame( array( 'received' => 'evt_1' ), $response->get_data() );
		$this->assertSame( $before, $this->order->snapshot() );
	}

	public function test_stale_sequence_is_ignored_with_a_note(): void {
		$this->send( $this->event( array( 'event_id' => 'evt_3', 'status' => 'paid', 'sequence' => 3 ) ) );
		$notes_before = count( $this->order->notes );

		$response = $this->send( $this->event( array( 'event_id' => 'evt_2', 'status' => 'pending', 'sequence' => 2 ) ) );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( array( 'received' => 'evt_2' ), $response->get_data() );
		$this->assertSame( 'processing', $this->order->get_status() );
		$this->assertCount( $notes_before + 1, $this->order->notes );
		$this->assertStringContainsString( 'out-of-order', end( $this->order->notes ) );
		$saved = $this->order->saved();
		$this->assertSame( 3, $saved['meta'][ OrderMeta::LAST_SEQUENCE ] );
		$this->assertSame( array( 'evt_3', 'evt_2' ), $saved['meta'][ OrderMeta::EVENT_IDS ] );

		$again = $this->send( $this->event( array( 'event_id' => 'evt_2', 'status' => 'pending', 'sequence' => 2 ) ) );
		$this->assertSame( array( 'received' => 'evt_2' ), $again->get_data() );
		$this->assertCount( $notes_before + 1, $this->order->notes );
	}

	public function test_equal_sequence_is_stale(): void {
		$this->send( $this->event( array( 'event_id' => 'evt_a', 'status' => 'authorized', 'sequence' => 2 ) ) );

		$response = $this->send( $this->event( array( 'event_id' => 'evt_b', 'status' => 'failed', 'sequence' => 2 ) ) );

		$this->assertSame( array( 'received' => 'evt_b' ), $response->get_data() );
		$this->assertSame( 'on-hold', $this->order->get_status() );
	}

	public function test_events_in_order_walk_through_the_statuses(): void {
		$this->send( $this->event( array( 'event_id' => 'e1', 'status' => 'pending', 'sequence' => 1 ) ) );
		$this->assertSame( 'pending', $this->order->get_status() );
		$this->send( $this->event( array( 'event_id' => 'e2', 'status' => 'paid', 'sequence' => 2 ) ) );
		$this->assertSame( 'processing', $this->order->get_status() );
		$this->send( $this->event( array( 'event_id' => 'e3', 'status' => 'partially_refunded', 'sequence' => 3, 'refunded_amount' => 100 ) ) );
		$this->assertSame( 'processing', $this->order->get_status() );
		$this->send( $this->event( array( 'event_id' => 'e4', 'status' => 'refunded', 'sequence' => 4, 'refunded_amount' => 150000 ) ) );

		$this->assertSame( 'refunded', $this->order->saved()['status'] );
		$this->assertSame( array( 'e1', 'e2', 'e3', 'e4' ), OrderMeta::event_ids( $this->order ) );
	}

	public function rejected_requests(): array {
		return array(
			'forged signature'       => array( array( 'X-RUP-Signature' => 'v1=' . str_repeat( '0', 64 ) ), null, self::NOW, 'bad_signature' ),
			'wrong secret'           => array( array(), str_repeat( 'w', 40 ), self::NOW, 'bad_signature' ),
			'stale timestamp'        => array( array(), null, self::NOW - 301, 'stale_timestamp' ),
			'future timestamp'       => array( array(), null, self::NOW + 301, 'stale_timestamp' ),
			'missing signature'      => array( array( 'X-RUP-Signature' => null ), null, self::NOW, 'missing_header' ),
			'malformed nonce'        => array( array( 'X-RUP-Nonce' => 'short' ), null, self::NOW, 'malformed_header' ),
		);
	}

	/**
	 * @dataProvider rejected_requests
	 */
	public function test_bad_signatures_are_rejected_with_401_and_nothing_changes( array $headers, ?string $secret, int $timestamp, string $reason ): void {
		$before = $this->order->snapshot();

		$response = $this->send( $this->event(), $headers, $secret, $timestamp );

		$this->assertSame( 401, $response->get_status() );
		$this->assertSame( 'unauthorized', $response->get_data()['error']['code'] );
		$this->assertSame( $before, $this->order->snapshot() );
		$this->assertSame( array(), RU_Payments_Test_State::$transients, 'a rejected request must not burn a nonce' );
		$this->assertStringContainsString( $reason, $this->logs() );
	}

	public function test_body_tampered_after_signing_is_rejected(): void {
		$request = $this->request( $this->event() );
		$request->set_body( json_encode( $this->event( array( 'status' => 'refunded' ) ) ) );

		$response = Rest_Server_Double::dispatch( $request );

		$this->assertSame( 401, $response->get_status() );
		$this->assertSame( 'pending', $this->order->get_status() );
	}

	public function test_replayed_request_is_rejected_and_nothing_changes(): void {
		$request = $this->request( $this->event( array( 'status' => 'pending', 'sequence' => 1 ) ) );
		$this->assertSame( 200, Rest_Server_Double::dispatch( $request )->get_status() );
		$before = $this->order->snapshot();

		// A replay is a new HTTP request carrying the same bytes and headers.
		$response = Rest_Server_Double::dispatch( clone $request );

		$this->assertSame( 401, $response->get_status() );
		$this->assertSame( $before, $this->order->snapshot() );
		$this->assertStringContainsString( 'replayed_nonce', $this->logs() );
	}

	public function test_validly_signed_new_body_reusing_a_nonce_is_rejected(): void {
		$first = $this->request( $this->event( array( 'status' => 'pending', 'sequence' => 1 ) ) );
		Rest_Server_Double::dispatch( $first );
		$before = $this->order->snapshot();

		$nonce  = $first->get_header( 'X-RUP-Nonce' );
		$body   = json_encode( $this->event( array( 'event_id' => 'evt_2' ) ) );
		$signer = new RequestSigner( self::SECRET );
		$replay = $this->request(
			$body,
			array(
				'X-RUP-Nonce'     => $nonce,
				'X-RUP-Signature' => $signer->sign( 'POST', '/ru-payments/v1/events', (string) self::NOW, $nonce, $body ),
			)
		);

		$this->assertSame( 401, Rest_Server_Double::dispatch( $replay )->get_status() );
		$this->assertSame( $before, $this->order->snapshot() );
		$this->assertStringContainsString( 'replayed_nonce', $this->logs() );
	}

	public function test_unconfigured_secret_rejects_everything(): void {
		RU_Payments_Test_State::$options['ru_payments_sidecar_secret'] = '';

		$response = $this->send( $this->event(), array(), '' );

		$this->assertSame( 401, $response->get_status() );
		$this->assertSame( 'pending', $this->order->get_status() );
	}

	public function unidentifiable_payloads(): array {
		return array(
			'not json'         => array( 'nope', 'body' ),
			'json list'        => array( '[1,2]', 'body' ),
			'missing event_id' => array( array( 'event_id' => null ), 'event_id' ),
			'empty event_id'   => array( array( 'event_id' => '' ), 'event_id' ),
		);
	}

	/**
	 * @dataProvider unidentifiable_payloads
	 */
	public function test_a_payload_without_an_event_id_is_a_400_naming_the_field( $payload, string $field ): void {
		$before = $this->order->snapshot();

		$response = $this->send( is_string( $payload ) ? $payload : $this->event( $payload ) );

		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( 'invalid_request', $response->get_data()['error']['code'] );
		$this->assertSame( $field, $response->get_data()['error']['field'] );
		$this->assertStringContainsString( $field, $response->get_data()['error']['message'] );
		$this->assertSame( $before, $this->order->snapshot() );
	}

	public function invalid_payloads(): array {
		return array(
			'missing type'             => array( array( 'type' => null ), 'type' ),
			'missing payment_id'       => array( array( 'payment_id' => null ), 'payment_id' ),
			'order_id not numeric'     => array( array( 'order_id' => 'abc' ), 'order_id' ),
			'order_id zero'            => array( array( 'order_id' => 0 ), 'order_id' ),
			'unknown status'           => array( array( 'status' => 'succeeded' ), 'status' ),
			'bad previous_status'      => array( array( 'previous_status' => 'weird' ), 'previous_status' ),
			'amount float'             => array( array( 'amount' => 1500.5 ), 'amount' ),
			'amount string'            => array( array( 'amount' => '150000' ), 'amount' ),
			'amount negative'          => array( array( 'amount' => -1 ), 'amount' ),
			'refunded_amount bad'      => array( array( 'refunded_amount' => 'x' ), 'refunded_amount' ),
			'currency lower'           => array( array( 'currency' => 'rub' ), 'currency' ),
			'sequence missing'         => array( array( 'sequence' => null ), 'sequence' ),
			'test not bool'            => array( array( 'test' => 'yes' ), 'test' ),
			'provider_payment_id list' => array( array( 'provider_payment_id' => array() ), 'provider_payment_id' ),
		);
	}

	/**
	 * @dataProvider invalid_payloads
	 */
	public function test_an_identified_but_invalid_event_is_a_dead_letter_naming_the_field( array $payload, string $field ): void {
		$before = $this->order->snapshot();

		$response = $this->send( $this->event( $payload ) );

		// It can never apply: acknowledged, so the sidecar stops retrying and shows it.
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( array( 'received' => 'evt_1', 'dead_letter' => 'invalid_event', 'field' => $field ), $response->get_data() );
		$this->assertSame( $before, $this->order->snapshot() );
	}

	public function test_unknown_order_is_a_dead_letter(): void {
		$response = $this->send( $this->event( array( 'order_id' => '999' ) ) );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( array( 'received' => 'evt_1', 'dead_letter' => 'unknown_order' ), $response->get_data() );
	}

	public function test_an_order_busy_with_another_event_asks_the_sidecar_to_retry_and_changes_nothing(): void {
		\Order_Locks_Double::$busy = array( 123 );
		$before                    = $this->order->snapshot();

		$response = $this->send( $this->event() );

		$this->assertSame( 503, $response->get_status() );
		$this->assertSame( 'busy', $response->get_data()['error']['code'] );
		$this->assertSame( $before, $this->order->snapshot() );

		\Order_Locks_Double::$busy = array();
		$this->assertSame( array( 'received' => 'evt_1' ), $this->send( $this->event() )->get_data() );
		$this->assertSame( 'processing', $this->order->get_status() );
	}

	public function test_event_for_a_payment_of_another_order_is_a_dead_letter(): void {
		$this->order->update_meta_data( OrderMeta::PAYMENT_ID, 'pay_other' );
		$this->order->save();
		$before = $this->order->snapshot();

		$response = $this->send( $this->event() );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( array( 'received' => 'evt_1', 'dead_letter' => 'payment_of_another_order' ), $response->get_data() );
		$this->assertSame( $before, $this->order->snapshot() );
	}

	public function test_matching_bound_payment_is_accepted(): void {
		OrderMeta::bind_payment( $this->order, 'pay_1' );
		$this->order->save();

		$this->assertSame( 200, $this->send( $this->event() )->get_status() );
	}

	public function test_order_paid_with_another_gateway_is_refused(): void {
		$order = RU_Payments_Test_State::add_order( new WC_Order( 124, 'pending', 'bacs' ) );

		$response = $this->send( $this->event( array( 'order_id' => 124 ) ) );

		$this->assertSame( array( 'received' => 'evt_1', 'dead_letter' => 'order_not_ours' ), $response->get_data() );
		$this->assertSame( 'pending', $order->get_status() );
	}

	public function test_unsupported_event_type_is_acknowledged_and_ignored(): void {
		$before = $this->order->snapshot();

		$response = $this->send( $this->event( array( 'type' => 'refund.created' ) ) );

		$this->assertSame( array( 'received' => 'evt_1', 'dead_letter' => 'unsupported_type' ), $response->get_data() );
		$this->assertSame( $before, $this->order->snapshot() );
	}

	public function test_logs_never_contain_the_secret(): void {
		$this->send( $this->event() );
		$this->send( $this->event(), array( 'X-RUP-Signature' => 'v1=' . str_repeat( '0', 64 ) ) );
		$this->send( $this->event( array( 'order_id' => '999', 'event_id' => 'evt_9' ) ) );

		$this->assertStringNotContainsString( self::SECRET, $this->logs() );
	}

	public function test_plugin_boot_wires_the_route_and_the_error_format(): void {
		RU_Payments_Test_State::$rest_routes = array();
		RU_Payments_Test_State::$hooks       = array();
		( new Plugin( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION ) )->boot();
		do_action( 'rest_api_init' );

		$response = $this->send( $this->event(), array( 'X-RUP-Signature' => null ) );

		$this->assertSame( 401, $response->get_status() );
		$this->assertSame( array( 'code', 'message' ), array_keys( $response->get_data()['error'] ) );
	}

	public function test_refund_event_repeated_records_one_provider_refund(): void {
		$this->order->set_status( 'processing' );
		$this->order->total = '1500.00';
		$this->order->save();
		$event = $this->event( array( 'event_id' => 'evt_r', 'status' => 'partially_refunded', 'previous_status' => 'paid', 'refunded_amount' => 50000, 'sequence' => 3 ) );

		$first  = $this->send( $event );
		$second = $this->send( $event );

		$this->assertSame( array( 'received' => 'evt_r' ), $first->get_data() );
		$this->assertSame( array( 'received' => 'evt_r' ), $second->get_data() );
		$this->assertCount( 1, $this->order->refunds );
		$this->assertSame( '500.00', $this->order->refunds[0]['amount'] );
		$this->assertSame( 'processing', $this->order->get_status() );
	}

	public function test_the_last_event_time_is_remembered_per_provider(): void {
		$this->send( $this->event() );

		$last = get_option( EventsController::OPTION_LAST_EVENT );
		$this->assertArrayHasKey( 'toy', $last );
		$this->assertEqualsWithDelta( time(), $last['toy'], 5 );
	}

	public function test_a_second_permission_check_of_the_same_request_is_not_a_replay(): void {
		// WordPress core asks again after the response, to build the Allow header (rest_send_allow_header).
		$controller = new EventsController( new SidecarSettings(), new NonceStore( new \Markers_Double() ), new StatusApplier(), new Logger(), static fn (): int => self::NOW, new \Markers_Double(), new \Order_Locks_Double() );
		$request    = $this->request( $this->event( array( 'status' => 'pending', 'sequence' => 1 ) ) );

		$this->assertTrue( $controller->check_permission( $request ) );
		$this->assertTrue( $controller->check_permission( $request ) );
		$this->assertStringNotContainsString( 'replayed_nonce', $this->logs() );
		$this->assertInstanceOf( \WP_Error::class, $controller->check_permission( clone $request ) );
	}
}
