<?php
/**
 * Events for payments of earlier attempts of the same order, through the REST dispatch double.
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

final class EarlierAttemptsTest extends TestCase {

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

	private function two_attempts(): void {
		$this->order->update_meta_data( OrderMeta::ATTEMPT, 1 );
		OrderMeta::bind_payment( $this->order, 'pay_1' );
		$this->order->update_meta_data( OrderMeta::ATTEMPT, 2 );
		OrderMeta::bind_payment( $this->order, 'pay_2' );
		$this->order->save();
	}

	public function test_an_earlier_attempt_paid_on_an_unpaid_order_pays_it_and_becomes_its_payment(): void {
		$this->two_attempts();

		$response = $this->send( $this->event() );

		$this->assertSame( array( 'received' => 'evt_1' ), $response->get_data() );
		$this->assertSame( 'processing', $this->order->get_status() );
		$this->assertSame( 'pay_1', OrderMeta::payment_id( $this->order ) );
		$this->assertStringContainsString( 'earlier payment attempt (attempt 1, payment pay_1)', implode( "\n", $this->order->notes ) );
	}

	public function test_an_earlier_attempt_paid_after_another_one_is_reported_as_paid_twice_once(): void {
		$this->two_attempts();
		$this->send( $this->event( array( 'event_id' => 'evt_2', 'payment_id' => 'pay_2' ) ) );

		$first  = $this->send( $this->event( array( 'event_id' => 'evt_old' ) ) );
		$second = $this->send( $this->event( array( 'event_id' => 'evt_old_again', 'sequence' => 5 ) ) );

		$this->assertSame( array( 'received' => 'evt_old' ), $first->get_data() );
		$this->assertSame( array( 'received' => 'evt_old_again' ), $second->get_data() );
		$this->assertSame( 'pay_2', OrderMeta::payment_id( $this->order ) );
		$this->assertCount( 1, $this->order->payment_complete_calls );
		$this->assertCount( 1, array_filter( $this->order->notes, static fn ( string $n ): bool => str_contains( $n, 'paid twice' ) ) );
		$this->assertCount( 1, RU_Payments_Test_State::$mails );
		$this->assertStringContainsString( 'was paid twice', RU_Payments_Test_State::$mails[0]['subject'] );
		$this->assertSame( 150000, OrderMeta::extra_payments( $this->order )['pay_1']['amount'] );
	}

	public function test_a_failure_of_an_earlier_attempt_changes_nothing(): void {
		$this->two_attempts();
		$before = $this->order->snapshot();

		$response = $this->send( $this->event( array( 'status' => 'failed' ) ) );

		$this->assertSame( array( 'received' => 'evt_1' ), $response->get_data() );
		$this->assertSame( $before, $this->order->snapshot() );
	}
}
