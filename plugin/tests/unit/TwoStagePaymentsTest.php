<?php
/**
 * Two-stage payments: capture on status change and by order action, cancellation of the hold,
 * the paid event after a capture, and the lapse warning.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use Rest_Server_Double;
use RuPayments\Admin\AdminNotices;
use RuPayments\Admin\AuthorizationLapseNotice;
use RuPayments\Admin\AuthorizationMetaBox;
use RuPayments\Gateways\Methods;
use RuPayments\Orders\AuthorizationHooks;
use RuPayments\Orders\AuthorizationLapse;
use RuPayments\Orders\LapsingAuthorizations;
use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\StatusApplier;
use RuPayments\Payments\AuthorizationProcessor;
use RuPayments\Rest\EventsController;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Signing\NonceStore;
use RuPayments\Signing\RequestSigner;
use RuPayments\Support\Logger;
use WC_Order;
use WP_REST_Request;
use WP_REST_Response;

final class TwoStagePaymentsTest extends TestCase {

	private const NOW = 1764072000;

	private const DAY = 86400;

	private const PAYMENT = 'pay_auth1';

	private WC_Order $order;

	private AuthorizationHooks $hooks;

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar();
		RU_Payments_Test_State::$caps = array( 'manage_woocommerce' );

		$this->hooks = new AuthorizationHooks( new AuthorizationProcessor( $this->plugin()->client(), new Logger(), static fn (): int => self::NOW ) );
		$this->hooks->register();
		$events = new EventsController( new SidecarSettings(), new NonceStore( new \Markers_Double() ), new StatusApplier(), new Logger(), static fn (): int => self::NOW, new \Markers_Double(), new \Order_Locks_Double() );
		$events->register_routes();

		$this->order = $this->authorized_order( 77, '2000.00', 200000, self::NOW - 2 * self::DAY );
	}

	/**
	 * An on-hold order whose Sber payment is authorised (as the `authorized` event leaves it).
	 */
	private function authorized_order( int $id, string $total, int $authorized, int $authorized_at, string $provider = 'sber' ): WC_Order {
		$order        = RU_Payments_Test_State::add_order( new WC_Order( $id, 'on-hold', Methods::SBER_BNPL ) );
		$order->total = $total;
		OrderMeta::bind_payment( $order, self::PAYMENT );
		$order->update_meta_data( OrderMeta::STATUS, 'authorized' );
		$order->update_meta_data( OrderMeta::PROVIDER, $provider );
		OrderMeta::record_authorization( $order, $authorized_at, $authorized );
		$order->set_transaction_id( 'sber-order-1' );
		$order->save();
		return $order;
	}

	private static function payment( string $status, int $captured = 0 ): string {
		return (string) json_encode(
			array(
				'id'                  => self::PAYMENT,
				'order_id'            => '77',
				'provider'            => 'sber',
				'provider_payment_id' => 'sber-order-1',
				'status'              => $status,
				'amount'              => 200000,
				'refunded_amount'     => 0,
				'captured_amount'     => $captured,
				'currency'            => 'RUB',
			)
		);
	}

	private static function sber_refusal(): string {
		return (string) json_encode(
			array(
				'error' => array(
					'code'       => 'sber_hold_expired',
					'message'    => 'The payment provider refused the operation.',
					'message_ru' => 'Срок удержания средств (7 дней) истёк: Сбер снял блокировку, списать деньги уже нельзя. Оформите новый заказ.',
					'message_en' => 'The 7-day hold has expired: Sber released the money and it can no longer be captured. Create a new order.',
				),
			)
		);
	}

	/**
	 * What the shop manager does on the order screen: picks a status and saves.
	 */
	private function change_status( string $status ): void {
		$this->order->set_status( $status, '', true );
		$this->order->save();
	}

	private function requests(): array {
		return array_map(
			static fn ( array $r ): array => array(
				'url'  => $r['url'],
				'key'  => $r['args']['headers']['Idempotency-Key'] ?? null,
				'body' => $r['args']['body'],
			),
			RU_Payments_Test_State::$http_requests
		);
	}

	private function notices(): array {
		$notices = get_transient( AdminNotices::TRANSIENT_PREFIX . '1' );
		return is_array( $notices ) ? $notices : array();
	}

	private function send_event( array $overrides ): WP_REST_Response {
		$event = array_merge(
			array(
				'event_id'            => 'evt_paid',
				'type'                => 'payment.status_changed',
				'payment_id'          => self::PAYMENT,
				'order_id'            => '77',
				'provider'            => 'sber',
				'provider_payment_id' => 'sber-order-1',
				'status'              => 'paid',
				'previous_status'     => 'authorized',
				'amount'              => 200000,
				'refunded_amount'     => 0,
				'currency'            => 'RUB',
				'sequence'            => 3,
				'occurred_at'         => '2025-11-25T12:00:00.000Z',
				'test'                => false,
			),
			$overrides
		);
		$body    = (string) json_encode( $event );
		$signer  = new RequestSigner( self::SECRET, static fn (): int => self::NOW );
		$request = new WP_REST_Request( 'POST', '/ru-payments/v1/events' );
		$request->set_body( $body );
		foreach ( $signer->headers( 'POST', '/ru-payments/v1/events', $body ) as $name => $value ) {
			$request->set_header( $name, $value );
		}
		return Rest_Server_Double::dispatch( $request );
	}

	// ---- Capture on status change -------------------------------------------------------------

	public function test_processing_captures_the_full_authorisation_without_an_amount(): void {
		RU_Payments_Test_State::queue_http_response( 200, self::payment( 'paid', 200000 ) );

		$this->change_status( 'processing' );

		$this->assertSame(
			array(
				array(
					'url'  => 'http://sidecar:8080/v1/payments/pay_auth1/capture',
					'key'  => 'capture-77-pay_auth1',
					'body' => '{}',
				),
			),
			$this->requests()
		);
		$this->assertSame( 'processing', $this->order->get_status() );
		$this->assertSame( 'paid', $this->order->saved()['meta'][ OrderMeta::STATUS ] );
		$this->assertSame( self::NOW, $this->order->saved()['meta'][ OrderMeta::CAPTURED_AT ] );
		$this->assertContains( 'RU Payments: captured the authorised payment of 2000.00 (payment pay_auth1).', $this->order->notes );
		$this->assertSame( array(), $this->order->payment_complete_calls );
		$this->assertSame( array(), $this->notices() );
	}

	public function test_a_reduced_total_captures_only_the_total_in_exact_kopecks(): void {
		$this->order->total = '1234.57';
		RU_Payments_Test_State::queue_http_response( 200, self::payment( 'paid', 123457 ) );

		$this->change_status( 'processing' );

		$this->assertSame( '{"amount":123457}', $this->requests()[0]['body'] );
		$this->assertSame( 'capture-77-pay_auth1', $this->requests()[0]['key'] );
		$this->assertContains( 'RU Payments: captured 1234.57 of the authorised 2000.00 (payment pay_auth1), as the order total is lower. The provider releases the rest of the held money.', $this->order->notes );
	}

	public function test_refunds_recorded_on_the_order_lower_the_captured_amount(): void {
		$this->order->refunds[] = array( 'id' => 1, 'amount' => '0.10', 'reason' => '', 'refunded_payment' => false );
		RU_Payments_Test_State::queue_http_response( 200, self::payment( 'paid', 199990 ) );

		$this->change_status( 'completed' );

		$this->assertSame( '{"amount":199990}', $this->requests()[0]['body'] );
		$this->assertSame( 'completed', $this->order->get_status() );
	}

	public function test_completed_captures_and_keeps_the_chosen_status(): void {
		RU_Payments_Test_State::queue_http_response( 200, self::payment( 'paid', 200000 ) );

		$this->change_status( 'completed' );

		$this->assertCount( 1, RU_Payments_Test_State::$http_requests );
		$this->assertSame( 'completed', $this->order->saved()['status'] );
		$this->assertSame( array( array( 'on-hold', 'completed' ) ), $this->order->status_changes );
	}

	public function test_repeated_status_changes_call_the_sidecar_exactly_once(): void {
		RU_Payments_Test_State::queue_http_response( 200, self::payment( 'paid', 200000 ) );

		$this->change_status( 'processing' );
		$this->change_status( 'completed' );
		$this->change_status( 'processing' );
		$this->change_status( 'completed' );

		$this->assertCount( 1, RU_Payments_Test_State::$http_requests );
		$this->assertSame( 'completed', $this->order->get_status() );
	}

	public function test_orders_of_other_gateways_or_not_authorised_payments_are_left_alone(): void {
		$other = RU_Payments_Test_State::add_order( new WC_Order( 78, 'on-hold', 'bacs' ) );
		$other->update_meta_data( OrderMeta::STATUS, 'authorized' );
		OrderMeta::bind_payment( $other, 'pay_x' );
		$other->set_status( 'processing' );
		$other->save();

		$this->order->update_meta_data( OrderMeta::STATUS, 'pending' );
		$this->change_status( 'processing' );

		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_refused_capture_sets_the_order_back_to_on_hold_with_a_note_and_a_notice(): void {
		RU_Payments_Test_State::queue_http_response( 409, self::sber_refusal() );

		$this->change_status( 'processing' );

		$this->assertSame( 'on-hold', $this->order->saved()['status'] );
		$this->assertSame( array( array( 'on-hold', 'processing' ), array( 'processing', 'on-hold' ) ), $this->order->status_changes );
		$refusal = 'RU Payments: the payment could not be captured. Срок удержания средств (7 дней) истёк: Сбер снял блокировку, списать деньги уже нельзя. Оформите новый заказ. Error code: sber_hold_expired.';
		$this->assertContains( $refusal, $this->order->notes );
		// WooCommerce's note about the manager's change comes first, the revert last.
		$this->assertSame( 'RU Payments: the payment could not be captured, so the order was set back to On hold. Order status changed from processing to on-hold.', end( $this->order->notes ) );
		$this->assertStringNotContainsString( 'provider refused the operation', implode( "\n", $this->order->notes ) );

		$notices = $this->notices();
		$this->assertCount( 1, $notices );
		$this->assertSame( 'error', $notices[0]['type'] );
		$this->assertStringStartsWith( 'RU Payments, order #77: the payment could not be captured, so the order is on hold again. Срок удержания', $notices[0]['message'] );

		// No "your order is being processed" e-mail for it.
		$this->assertFalse( apply_filters( 'woocommerce_email_enabled_customer_processing_order', true, $this->order, null ) );
		$this->assertTrue( apply_filters( 'woocommerce_email_enabled_customer_processing_order', true, new WC_Order( 5, 'processing' ), null ) );

		// Still authorised: the manager can try again (409 leaves the key usable).
		$this->assertTrue( AuthorizationLapse::is_authorized( $this->order ) );
		RU_Payments_Test_State::queue_http_response( 200, self::payment( 'paid', 200000 ) );
		$this->change_status( 'processing' );
		$this->assertSame( 'capture-77-pay_auth1', $this->requests()[1]['key'] );
		$this->assertSame( 'processing', $this->order->get_status() );
	}

	public function test_a_refused_capture_of_a_completed_order_blocks_the_completed_email(): void {
		RU_Payments_Test_State::queue_http_error( 'cURL error 28: Operation timed out' );

		$this->change_status( 'completed' );

		$this->assertSame( 'on-hold', $this->order->get_status() );
		$this->assertFalse( apply_filters( 'woocommerce_email_enabled_customer_completed_order', true, $this->order, null ) );
		$this->assertStringContainsString( 'did not answer, so it is not known whether the payment was captured', $this->notices()[0]['message'] );
		$this->assertStringContainsString( 'Error code: ru_payments_unreachable.', implode( "\n", $this->order->notes ) );
	}

	public function test_a_final_client_error_moves_the_next_try_to_a_new_key(): void {
		RU_Payments_Test_State::queue_http_response( 400, (string) json_encode( array( 'error' => array( 'code' => 'partial_capture_not_supported', 'message' => 'x', 'field' => 'amount' ) ) ) );
		$this->order->total = '1500.00';

		$this->change_status( 'processing' );

		$this->assertSame( 'on-hold', $this->order->get_status() );
		$this->assertStringContainsString( 'This provider captures only the whole authorised amount.', $this->notices()[0]['message'] );

		$this->order->total = '2000.00';
		RU_Payments_Test_State::queue_http_response( 200, self::payment( 'paid', 200000 ) );
		$this->change_status( 'processing' );

		$this->assertSame( array( 'capture-77-pay_auth1', 'capture-77-pay_auth1-2' ), array_column( $this->requests(), 'key' ) );
		$this->assertSame( '{}', $this->requests()[1]['body'] );
	}

	public function test_a_key_used_with_another_amount_is_replaced_once(): void {
		RU_Payments_Test_State::queue_http_response( 422, (string) json_encode( array( 'error' => array( 'code' => 'idempotency_key_reused', 'message' => 'x' ) ) ) );
		RU_Payments_Test_State::queue_http_response( 200, self::payment( 'paid', 200000 ) );

		$this->change_status( 'processing' );

		$this->assertSame( array( 'capture-77-pay_auth1', 'capture-77-pay_auth1-2' ), array_column( $this->requests(), 'key' ) );
		$this->assertSame( 'processing', $this->order->get_status() );
	}

	public function test_a_total_above_the_authorisation_is_refused_without_a_call(): void {
		$this->order->total = '2000.01';

		$this->change_status( 'processing' );

		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
		$this->assertSame( 'on-hold', $this->order->get_status() );
		$this->assertStringContainsString( 'The order total (2000.01) is above the amount the customer authorised (2000.00)', $this->notices()[0]['message'] );
	}

	public function test_a_capture_running_elsewhere_keeps_the_chosen_status(): void {
		RU_Payments_Test_State::queue_http_response( 409, (string) json_encode( array( 'error' => array( 'code' => 'idempotency_in_progress', 'message' => 'x' ) ) ) );

		$this->change_status( 'processing' );

		$this->assertSame( 'processing', $this->order->get_status() );
		$this->assertSame( 'warning', $this->notices()[0]['type'] );
	}

	public function test_notices_are_shown_once_to_shop_managers(): void {
		AdminNotices::add( 'Order #77: <b>refused</b>' );
		$notices = new AdminNotices();

		ob_start();
		$notices->render();
		$first = (string) ob_get_clean();
		ob_start();
		$notices->render();
		$second = (string) ob_get_clean();

		$this->assertStringContainsString( 'notice-error', $first );
		$this->assertStringContainsString( 'Order #77: &lt;b&gt;refused&lt;/b&gt;', $first );
		$this->assertSame( '', $second );
	}

	// ---- The paid event after a capture ------------------------------------------------------

	public function test_the_paid_event_after_a_capture_does_not_complete_the_order_again(): void {
		RU_Payments_Test_State::queue_http_response( 200, self::payment( 'paid', 200000 ) );
		$this->change_status( 'completed' );

		$response = $this->send_event( array() );

		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( array(), $this->order->payment_complete_calls );
		$this->assertSame( 'completed', $this->order->saved()['status'] );
		$this->assertSame( array( array( 'on-hold', 'completed' ) ), $this->order->status_changes );
		$this->assertCount( 1, RU_Payments_Test_State::$http_requests );
		$this->assertStringContainsString( 'The payment was captured from this order already, so its status was not changed.', end( $this->order->notes ) );
	}

	public function test_the_paid_event_after_a_capture_keeps_even_a_status_set_back_by_hand(): void {
		RU_Payments_Test_State::queue_http_response( 200, self::payment( 'paid', 200000 ) );
		$this->change_status( 'processing' );
		$this->change_status( 'on-hold' );

		$this->send_event( array() );

		$this->assertSame( array(), $this->order->payment_complete_calls );
		$this->assertSame( 'on-hold', $this->order->get_status() );
	}

	public function test_a_paid_event_for_an_authorisation_completes_the_order_without_a_capture(): void {
		// E.g. captured in the provider's dashboard: the event completes the order, nothing is captured.
		$this->send_event( array() );

		$this->assertSame( array( 'sber-order-1' ), $this->order->payment_complete_calls );
		$this->assertSame( 'processing', $this->order->get_status() );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	// ---- Order action -------------------------------------------------------------------------

	public function test_the_order_action_is_offered_for_authorised_payments_only(): void {
		$actions = apply_filters( 'woocommerce_order_actions', array( 'send_order_details' => 'Send' ), $this->order );
		$this->assertSame( 'Capture payment (RU Payments)', $actions[ AuthorizationHooks::ORDER_ACTION ] );

		$paid = new WC_Order( 79, 'processing', Methods::SBER_BNPL );
		$this->assertSame( array( 'send_order_details' => 'Send' ), apply_filters( 'woocommerce_order_actions', array( 'send_order_details' => 'Send' ), $paid ) );

		RU_Payments_Test_State::$caps = array( 'edit_shop_orders' );
		$this->assertArrayNotHasKey( AuthorizationHooks::ORDER_ACTION, apply_filters( 'woocommerce_order_actions', array(), $this->order ) );
	}

	public function test_the_order_action_captures_and_completes_the_payment_once(): void {
		RU_Payments_Test_State::queue_http_response( 200, self::payment( 'paid', 200000 ) );

		do_action( 'woocommerce_order_action_' . AuthorizationHooks::ORDER_ACTION, $this->order );

		$this->assertSame( array( 'capture-77-pay_auth1' ), array_column( $this->requests(), 'key' ) );
		$this->assertSame( array( 'sber-order-1' ), $this->order->payment_complete_calls );
		$this->assertSame( 'processing', $this->order->saved()['status'] );
		$this->assertSame( 'success', $this->notices()[0]['type'] );

		$this->send_event( array() );

		$this->assertCount( 1, $this->order->payment_complete_calls );
		$this->assertCount( 1, RU_Payments_Test_State::$http_requests );
		$this->assertSame( 'processing', $this->order->get_status() );
	}

	public function test_the_order_action_respects_the_paid_status_setting(): void {
		$this->gateway( Methods::SBER_BNPL, array( 'paid_status' => 'completed' ) );
		( new \RuPayments\Orders\PaidStatus() )->register();
		RU_Payments_Test_State::queue_http_response( 200, self::payment( 'paid', 200000 ) );

		do_action( 'woocommerce_order_action_' . AuthorizationHooks::ORDER_ACTION, $this->order );

		$this->assertSame( 'completed', $this->order->get_status() );
		$this->assertCount( 1, RU_Payments_Test_State::$http_requests );
	}

	public function test_a_refused_order_action_leaves_the_order_on_hold(): void {
		RU_Payments_Test_State::queue_http_response( 502, (string) json_encode( array( 'error' => array( 'code' => 'provider_error', 'message' => 'Payment provider error' ) ) ) );

		do_action( 'woocommerce_order_action_' . AuthorizationHooks::ORDER_ACTION, $this->order );

		$this->assertSame( 'on-hold', $this->order->get_status() );
		$this->assertSame( array(), $this->order->payment_complete_calls );
		$this->assertStringContainsString( 'The payment provider did not complete the capture.', $this->notices()[0]['message'] );
		$this->assertStringContainsString( 'Error code: provider_error.', end( $this->order->notes ) );
	}

	public function test_the_order_action_needs_manage_woocommerce(): void {
		RU_Payments_Test_State::$caps = array( 'edit_shop_orders' );

		do_action( 'woocommerce_order_action_' . AuthorizationHooks::ORDER_ACTION, $this->order );

		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	// ---- Cancellation ---------------------------------------------------------------------------

	public function test_cancelling_the_order_releases_the_hold(): void {
		RU_Payments_Test_State::queue_http_response( 200, self::payment( 'cancelled' ) );

		$this->change_status( 'cancelled' );

		$this->assertSame(
			array(
				array(
					'url'  => 'http://sidecar:8080/v1/payments/pay_auth1/cancel',
					'key'  => 'cancel-77-pay_auth1',
					'body' => '{}',
				),
			),
			$this->requests()
		);
		$this->assertSame( 'cancelled', $this->order->saved()['status'] );
		$this->assertSame( 'cancelled', $this->order->saved()['meta'][ OrderMeta::STATUS ] );
		$this->assertContains( 'RU Payments: the authorisation of payment pay_auth1 was cancelled; the held money is released to the customer.', $this->order->notes );

		// The sidecar's cancelled event only adds a note; nothing is cancelled twice.
		$this->send_event( array( 'event_id' => 'evt_cancel', 'status' => 'cancelled' ) );
		$this->assertCount( 1, RU_Payments_Test_State::$http_requests );
	}

	public function test_a_refused_cancellation_is_noted_and_shown(): void {
		RU_Payments_Test_State::queue_http_response( 502, (string) json_encode( array( 'error' => array( 'code' => 'provider_error', 'message' => 'Payment provider error' ) ) ) );

		$this->change_status( 'cancelled' );

		$this->assertSame( 'cancelled', $this->order->get_status() );
		$this->assertStringStartsWith( 'RU Payments: the authorisation could not be cancelled, so the customer\'s money stays held until it is cancelled or lapses.', $this->order->notes[ count( $this->order->notes ) - 2 ] );
		$this->assertStringContainsString( 'Error code: provider_error.', implode( "\n", $this->order->notes ) );
		$this->assertStringContainsString( 'its authorisation could not be cancelled', $this->notices()[0]['message'] );
	}

	public function test_a_cancelled_event_does_not_call_the_sidecar(): void {
		$this->send_event( array( 'event_id' => 'evt_expired', 'status' => 'expired' ) );

		$this->assertSame( 'cancelled', $this->order->get_status() );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	// ---- Lapse warning --------------------------------------------------------------------------

	public function test_the_authorized_event_records_when_and_how_much_was_authorised(): void {
		$order = RU_Payments_Test_State::add_order( new WC_Order( 90, 'pending', Methods::SBER_BNPL ) );
		OrderMeta::bind_payment( $order, self::PAYMENT );
		$order->save();

		$this->send_event(
			array(
				'event_id'        => 'evt_auth',
				'order_id'        => '90',
				'status'          => 'authorized',
				'previous_status' => 'pending',
				'amount'          => 150000,
				'sequence'        => 2,
				'occurred_at'     => '2025-11-20T09:30:00.000Z',
			)
		);

		$this->assertSame( 'on-hold', $order->saved()['status'] );
		$this->assertSame( 1763631000, $order->saved()['meta'][ OrderMeta::AUTHORIZED_AT ] );
		$this->assertSame( 150000, $order->saved()['meta'][ OrderMeta::AUTHORIZED_AMOUNT ] );
		$this->assertSame( 1763631000 + 7 * self::DAY, AuthorizationLapse::deadline( $order ) );
	}

	public function test_an_event_without_a_usable_time_uses_the_time_it_arrived(): void {
		$this->send_event( array( 'event_id' => 'evt_auth2', 'status' => 'authorized', 'previous_status' => 'pending', 'occurred_at' => 'tomorrow' ) );

		$this->assertSame( self::NOW, OrderMeta::authorized_at( $this->order ) );
	}

	public function test_lapse_periods_are_seven_days_for_sber_and_dolyame(): void {
		$this->assertSame( 7 * self::DAY, AuthorizationLapse::period( 'sber' ) );
		$this->assertSame( 7 * self::DAY, AuthorizationLapse::period( 'dolyame' ) );
		$this->assertSame( AuthorizationLapse::DEFAULT_PERIOD, AuthorizationLapse::period( 'toy' ) );
		$this->assertSame( self::DAY, AuthorizationLapse::WARN_BEFORE );
	}

	public function test_the_order_screen_shows_the_capture_deadline(): void {
		( new AuthorizationMetaBox() )->add( 'shop_order', $this->order );
		$this->assertArrayHasKey( AuthorizationMetaBox::ID, RU_Payments_Test_State::$meta_boxes['shop_order'] );

		$html = AuthorizationMetaBox::box_html( $this->order, self::NOW );
		$this->assertStringContainsString( 'Capture by 2025-11-30 12:00 or the authorisation lapses.', $html );
		$this->assertStringContainsString( 'The customer authorised 2000.00 RUB on 2025-11-23 12:00', $html );

		$this->assertStringContainsString( 'The authorisation lapsed on 2025-11-30 12:00', AuthorizationMetaBox::box_html( $this->order, self::NOW + 6 * self::DAY ) );
	}

	public function test_no_box_for_orders_without_an_authorisation(): void {
		$order = new WC_Order( 91, 'processing', Methods::SBER_BNPL );

		( new AuthorizationMetaBox() )->add( 'shop_order', $order );

		$this->assertSame( array(), RU_Payments_Test_State::$meta_boxes );
		$this->assertSame( '', AuthorizationMetaBox::box_html( $order, self::NOW ) );
	}

	public function test_the_notice_lists_authorisations_lapsing_within_24_hours(): void {
		// Lapses in 23 h 59 min: listed. In 24 h 1 min: not yet. Captured or not on-hold: never.
		$soon = $this->authorized_order( 80, '100.00', 10000, self::NOW - 6 * self::DAY - 60 );
		$this->authorized_order( 81, '100.00', 10000, self::NOW - 6 * self::DAY + 60 );
		$lapsed = $this->authorized_order( 82, '100.00', 10000, self::NOW - 8 * self::DAY, 'dolyame' );
		$paid   = $this->authorized_order( 83, '100.00', 10000, self::NOW - 6 * self::DAY - 60 );
		$paid->set_status( 'processing' );
		$paid->update_meta_data( OrderMeta::STATUS, 'paid' );
		$paid->save();
		$foreign = $this->authorized_order( 84, '100.00', 10000, self::NOW - 6 * self::DAY - 60 );
		$foreign->set_payment_method( 'bacs' );
		$foreign->save();

		$lapsing = new LapsingAuthorizations( static fn (): int => self::NOW );
		$this->assertSame( array( 82, 80 ), array_column( $lapsing->all(), 'id' ) );

		// HPOS-safe query: wc_get_orders() with a meta_query, on-hold only.
		$query = RU_Payments_Test_State::$order_queries[0];
		$this->assertSame( array( 'wc-on-hold' ), $query['status'] );
		$this->assertSame( OrderMeta::AUTHORIZED_AT, $query['meta_query'][0]['key'] );
		$this->assertSame( 'NUMERIC', $query['meta_query'][0]['type'] );
		$this->assertSame( self::NOW + self::DAY - 7 * self::DAY, $query['meta_query'][0]['value'] );

		RU_Payments_Test_State::$current_screen = (object) array( 'id' => 'woocommerce_page_wc-orders' );
		ob_start();
		( new AuthorizationLapseNotice( $lapsing, static fn (): int => self::NOW ) )->notice();
		$html = (string) ob_get_clean();

		$this->assertStringContainsString( 'lapse within 24 hours', $html );
		$this->assertStringContainsString( 'Order #80: capture by ' . gmdate( 'Y-m-d H:i', $soon->get_meta( OrderMeta::AUTHORIZED_AT ) + 7 * self::DAY ), $html );
		$this->assertStringContainsString( 'Order #82: the authorisation lapsed on ' . gmdate( 'Y-m-d H:i', $lapsed->get_meta( OrderMeta::AUTHORIZED_AT ) + 7 * self::DAY ), $html );
		$this->assertStringContainsString( 'href="https://shop.test/wp-admin/post.php?post=80&amp;action=edit"', $html );
		$this->assertStringNotContainsString( '#81', $html );
		$this->assertStringNotContainsString( '#83', $html );
		$this->assertStringNotContainsString( '#84', $html );
		$this->assertStringNotContainsString( '#77', $html );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests, 'no sidecar call on page load' );
	}

	public function test_the_list_is_cached_for_15_minutes_and_forgotten_after_a_capture(): void {
		$this->authorized_order( 80, '100.00', 10000, self::NOW - 6 * self::DAY - 60 );
		$lapsing = new LapsingAuthorizations( static fn (): int => self::NOW );

		$lapsing->all();
		$lapsing->all();

		$this->assertCount( 1, RU_Payments_Test_State::$order_queries );
		$this->assertSame( 900, RU_Payments_Test_State::$transients[ LapsingAuthorizations::TRANSIENT ]['expiration'] );

		RU_Payments_Test_State::queue_http_response( 200, self::payment( 'paid', 10000 ) );
		$order = wc_get_order( 80 );
		$order->set_status( 'processing' );
		$order->save();

		$this->assertArrayNotHasKey( LapsingAuthorizations::TRANSIENT, RU_Payments_Test_State::$transients );
		$this->assertSame( array(), $lapsing->all() );
	}

	public function test_the_notice_is_for_shop_managers_on_woocommerce_screens_only(): void {
		$this->authorized_order( 80, '100.00', 10000, self::NOW - 6 * self::DAY - 60 );
		$notice = new AuthorizationLapseNotice( new LapsingAuthorizations( static fn (): int => self::NOW ), static fn (): int => self::NOW );

		RU_Payments_Test_State::$current_screen = (object) array( 'id' => 'dashboard' );
		ob_start();
		$notice->notice();
		$this->assertSame( '', ob_get_clean() );

		RU_Payments_Test_State::$current_screen = (object) array( 'id' => 'woocommerce_page_wc-orders' );
		RU_Payments_Test_State::$caps           = array();
		ob_start();
		$notice->notice();
		$this->assertSame( '', ob_get_clean() );
		$this->assertSame( array(), RU_Payments_Test_State::$order_queries );
	}

	public function test_binding_a_new_payment_forgets_the_old_authorisation(): void {
		OrderMeta::bind_payment( $this->order, 'pay_new' );

		$this->assertNull( OrderMeta::authorized_at( $this->order ) );
		$this->assertNull( OrderMeta::authorized_amount( $this->order ) );
		$this->assertFalse( OrderMeta::is_captured( $this->order ) );
	}
}
