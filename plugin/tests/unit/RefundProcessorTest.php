<?php
/**
 * process_refund() and refunds reported by sidecar events.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Gateways\Gateway;
use RuPayments\Gateways\Methods;
use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\ProviderRefunds;
use RuPayments\Orders\StatusApplier;
use RuPayments\Payments\RefundLedger;
use WC_Order;
use WP_Error;

final class RefundProcessorTest extends TestCase {

	private WC_Order $order;

	private Gateway $gateway;

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar();
		$this->order        = RU_Payments_Test_State::add_order( new WC_Order( 55, 'processing', Methods::INDIVIDUALS ) );
		$this->order->total = '3000.00';
		OrderMeta::bind_payment( $this->order, 'pay_refund1234567' );
		$this->order->save();
		$this->gateway = $this->gateway( Methods::INDIVIDUALS );
	}

	private static function answer( string $refund_id, int $amount, string $status = 'succeeded', int $refunded = 0 ): string {
		return (string) json_encode(
			array(
				'refund'  => array( 'id' => $refund_id, 'payment_id' => 'pay_refund1234567', 'provider_refund_id' => 'prov-' . $refund_id, 'amount' => $amount, 'status' => $status ),
				'payment' => array( 'id' => 'pay_refund1234567', 'status' => 'partially_refunded', 'amount' => 300000, 'refunded_amount' => $refunded ?: $amount ),
			)
		);
	}

	private function keys(): array {
		return array_map( static fn ( array $r ): string => $r['args']['headers']['Idempotency-Key'], RU_Payments_Test_State::$http_requests );
	}

	/**
	 * The shop manager's "Refund via RU Payments" button: wc_create_refund() with refund_payment.
	 */
	private function refund( string $amount, string $reason = '' ) {
		return wc_create_refund(
			array(
				'order_id'       => 55,
				'amount'         => $amount,
				'reason'         => $reason,
				'refund_payment' => true,
			)
		);
	}

	public function test_success_adds_a_note_with_the_provider_refund_id(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::answer( 'ref_1', 50050 ) );

		$result = $this->gateway->process_refund( 55, '500.50', 'Damaged' );

		$this->assertTrue( $result );
		$request = RU_Payments_Test_State::$http_requests[0];
		$this->assertSame( 'http://sidecar:8080/v1/payments/pay_refund1234567/refunds', $request['url'] );
		$this->assertSame( '{"amount":50050,"reason":"Damaged"}', $request['args']['body'] );
		$this->assertSame( array( 'refund-55-50050-0' ), $this->keys() );
		$this->assertStringContainsString( 'refunded 500.50 (provider refund ID prov-ref_1, refund ref_1)', end( $this->order->notes ) );
		$this->assertSame( 'ref_1', RefundLedger::entries( $this->order )[0]['id'] );
	}

	public function test_amount_is_converted_exactly(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::answer( 'ref_1', 115 ) );

		$this->gateway->process_refund( 55, '1.15', '' );

		$this->assertSame( '{"amount":115}', RU_Payments_Test_State::$http_requests[0]['args']['body'] );
	}

	public function test_refusal_is_a_clear_wp_error_never_true(): void {
		RU_Payments_Test_State::queue_http_response( 400, '{"error":{"code":"amount_too_large","message":"At most 100 kopecks can be refunded","field":"amount"}}' );
		RU_Payments_Test_State::queue_http_response( 502, '{"error":{"code":"refund_failed","message":"raw provider text"}}' );

		$too_large = $this->gateway->process_refund( 55, '2000.00', '' );
		$failed    = $this->gateway->process_refund( 55, '10.00', '' );

		$this->assertInstanceOf( WP_Error::class, $too_large );
		$this->assertSame( 'The amount is more than can still be refunded for this payment.', $too_large->get_error_message() );
		$this->assertInstanceOf( WP_Error::class, $failed );
		$this->assertStringNotContainsString( 'raw provider text', $failed->get_error_message() );
		$this->assertSame( array(), RefundLedger::entries( $this->order ) );
	}

	public function test_refund_without_a_payment_or_amount_is_refused(): void {
		$order = RU_Payments_Test_State::add_order( new WC_Order( 56, 'processing', Methods::INDIVIDUALS ) );

		$this->assertInstanceOf( WP_Error::class, $this->gateway->process_refund( 56, '10', '' ) );
		$this->assertInstanceOf( WP_Error::class, $this->gateway->process_refund( 55, '0', '' ) );
		$this->assertInstanceOf( WP_Error::class, $this->gateway->process_refund( 55, null, '' ) );
		$this->assertFalse( $this->gateway->can_refund_order( $order ) );
		$this->assertTrue( $this->gateway->can_refund_order( $this->order ) );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_same_amount_double_click_makes_one_sidecar_refund(): void {
		// The second click reaches the server while the first request is still waiting for the
		// sidecar; the sidecar answers it 409 (same key, still running).
		RU_Payments_Test_State::queue_http_callback(
			function (): array {
				RU_Payments_Test_State::queue_http_response( 409, '{"error":{"code":"idempotency_in_progress","message":"still running"}}' );
				$second = $this->refund( '500.00' );
				$this->assertInstanceOf( WP_Error::class, $second );
				$this->assertSame( 'A refund of this amount is already being processed. Wait a moment and reload the order.', $second->get_error_message() );
				return array(
					'response' => array( 'code' => 201 ),
					'body'     => self::answer( 'ref_1', 50000 ),
					'headers'  => array(),
				);
			}
		);

		$first = $this->refund( '500.00' );

		$this->assertIsObject( $first );
		$this->assertSame( array( 'refund-55-50000-0', 'refund-55-50000-0' ), $this->keys(), 'one key: the sidecar refunds once' );
		$this->assertCount( 1, $this->order->refunds, 'WooCommerce keeps one refund record' );
		$this->assertCount( 1, RefundLedger::entries( $this->order ) );
	}

	public function test_a_replayed_answer_is_not_recorded_twice(): void {
		// Both clicks computed the key before either finished; the first completes while the second
		// waits, so the sidecar replays the first answer to the second.
		RU_Payments_Test_State::queue_http_callback(
			function (): array {
				RU_Payments_Test_State::queue_http_response( 201, self::answer( 'ref_1', 50000 ) );
				$this->assertIsObject( $this->refund( '500.00' ) );
				return array(
					'response' => array( 'code' => 201 ),
					'body'     => self::answer( 'ref_1', 50000 ),
					'headers'  => array(),
				);
			}
		);

		$second = $this->refund( '500.00' );

		$this->assertInstanceOf( WP_Error::class, $second );
		$this->assertStringContainsString( 'already made and recorded', $second->get_error_message() );
		$this->assertSame( array( 'refund-55-50000-0', 'refund-55-50000-0' ), $this->keys() );
		$this->assertCount( 1, $this->order->refunds );
		$this->assertCount( 1, RefundLedger::entries( $this->order ) );
	}

	public function test_a_lost_answer_is_retried_with_the_same_key(): void {
		RU_Payments_Test_State::queue_http_error( 'cURL error 28: timed out' );
		RU_Payments_Test_State::queue_http_response( 201, self::answer( 'ref_1', 50000 ) );

		$lost  = $this->refund( '500.00' );
		$retry = $this->refund( '500.00' );

		$this->assertInstanceOf( WP_Error::class, $lost );
		$this->assertStringContainsString( 'will not be made twice', $lost->get_error_message() );
		$this->assertIsObject( $retry );
		$this->assertSame( array( 'refund-55-50000-0', 'refund-55-50000-0' ), $this->keys() );
		$this->assertCount( 1, $this->order->refunds );
	}

	public function test_a_deliberate_second_refund_of_the_same_amount_gets_a_new_key(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::answer( 'ref_1', 50000 ) );
		RU_Payments_Test_State::queue_http_response( 201, self::answer( 'ref_2', 50000, 'pending', 100000 ) );

		$this->refund( '500.00' );
		$this->refund( '500.00' );

		$this->assertSame( array( 'refund-55-50000-0', 'refund-55-50000-1' ), $this->keys() );
		$this->assertCount( 2, $this->order->refunds );
		$this->assertStringContainsString( 'requested; the provider is processing it', end( $this->order->notes ) );
	}

	public function test_event_for_a_refund_the_plugin_made_creates_no_second_record(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::answer( 'ref_1', 50000 ) );
		$this->refund( '500.00' );

		( new StatusApplier() )->apply( $this->order, 'partially_refunded', 'invoicebox', 'ib-1', 50000 );

		$this->assertCount( 1, $this->order->refunds );
	}

	public function test_provider_side_refund_event_creates_one_record_without_calling_the_gateway(): void {
		$applier = new StatusApplier( new ProviderRefunds() );

		$applier->apply( $this->order, 'partially_refunded', 'invoicebox', 'ib-1', 70000 );
		$applier->apply( $this->order, 'partially_refunded', 'invoicebox', 'ib-1', 70000 );

		$this->assertCount( 1, $this->order->refunds );
		$this->assertSame( '700.00', $this->order->refunds[0]['amount'] );
		$this->assertFalse( $this->order->refunds[0]['refunded_payment'], 'refund_payment => false' );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests, 'the gateway was not asked to refund' );
		$this->assertSame( 'provider', RefundLedger::entries( $this->order )[0]['source'] );
		$this->assertContains( 'RU Payments: a refund of 700.00 was made at the payment provider and has been recorded in this order.', $this->order->notes );
	}

	public function test_provider_side_full_refund_records_only_the_missing_part(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::answer( 'ref_1', 100000 ) );
		$this->refund( '1000.00' );

		$action = ( new StatusApplier() )->apply( $this->order, 'refunded', 'invoicebox', 'ib-1', 300000 );
		$this->order->save();

		$this->assertSame( array( '1000.00', '2000.00' ), array_column( $this->order->refunds, 'amount' ) );
		$this->assertSame( 'refunded', $this->order->get_status() );
		$this->assertContains( $action, array( 'refunded', 'note' ) );
	}

	public function test_a_lost_answer_later_reported_by_an_event_is_matched_not_recorded_twice(): void {
		RU_Payments_Test_State::queue_http_error( 'timeout' );
		$this->refund( '500.00' );
		// The refund did happen; the sidecar's event arrived and was recorded as a provider refund.
		( new StatusApplier() )->apply( $this->order, 'partially_refunded', 'invoicebox', 'ib-1', 50000 );
		$this->assertCount( 1, $this->order->refunds );

		RU_Payments_Test_State::queue_http_response( 201, self::answer( 'ref_1', 50000 ) );
		$retry = $this->refund( '500.00' );

		$this->assertInstanceOf( WP_Error::class, $retry );
		$this->assertCount( 1, $this->order->refunds, 'still one record' );
		$this->assertSame( 'ref_1', RefundLedger::entries( $this->order )[0]['id'] );
	}

	public function test_refund_button_is_offered_only_when_the_provider_refunds_through_its_api(): void {
		// Nothing known about the provider yet: keep the button (the sidecar still refuses clearly).
		$this->assertTrue( $this->gateway->can_refund_order( $this->order ) );

		$this->order->update_meta_data( OrderMeta::PROVIDER, 'intellectmoney' );
		set_transient(
			\RuPayments\Providers\ProviderDirectory::TRANSIENT,
			array(
				'fetched_at' => 1,
				'providers'  => array(
					'intellectmoney' => array( 'capabilities' => array( 'refund' => false ) ),
					'invoicebox'     => array( 'capabilities' => array( 'refund' => true ) ),
				),
			)
		);
		$this->assertFalse( $this->gateway->can_refund_order( $this->order ) );

		$this->order->update_meta_data( OrderMeta::PROVIDER, 'invoicebox' );
		$this->assertTrue( $this->gateway->can_refund_order( $this->order ) );
		$this->assertFalse( $this->gateway->can_refund_order( false ) );
	}
}
