<?php
/**
 * process_payment(): the create-payment call, idempotency keys, redirects and failures.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Checkout\PayerFields;
use RuPayments\Gateways\Gateway;
use RuPayments\Gateways\Methods;
use RuPayments\Orders\OrderMeta;
use WC_Order;
use WC_Order_Item_Product;
use WC_Order_Item_Shipping;
use WC_Order_Item_Tax;
use WC_Product;

final class PaymentProcessorTest extends TestCase {

	private const PAYMENT = '{"id":"pay_abc123456789","order_id":"123","provider":"invoicebox","profile":"default","provider_payment_id":"ib-777","status":"pending","amount":335000,"refunded_amount":0,"captured_amount":0,"currency":"RUB","redirect_url":"https://pay.invoicebox.test/p/777","test":false}';

	private WC_Order $order;

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar();
		$this->order        = RU_Payments_Test_State::add_order( new WC_Order( 123, 'pending', Methods::INDIVIDUALS ) );
		$this->order->total = '3350.00';
		$this->order->add_test_item( new WC_Order_Item_Tax( 1, 20.0 ) );
		$this->order->add_test_item( new WC_Order_Item_Product( 'Чайник', '2500.00', '500.00', array( 1 => '500.00' ), 2, new WC_Product( 1, 'simple', 0, 'A-1' ) ) );
		$this->order->add_test_item( new WC_Order_Item_Shipping( 'Курьер', '350.00', '0', array() ) );
	}

	private function individuals( array $settings = array() ): Gateway {
		return $this->gateway( Methods::INDIVIDUALS, $settings + array( 'error_email' => 'errors@shop.test' ) );
	}

	private function sent( int $index = -1 ): array {
		$requests = RU_Payments_Test_State::$http_requests;
		return $requests[ $index < 0 ? count( $requests ) + $index : $index ];
	}

	private function body( int $index = -1 ): array {
		return json_decode( $this->sent( $index )['args']['body'], true );
	}

	private function key( int $index = -1 ): string {
		return $this->sent( $index )['args']['headers']['Idempotency-Key'];
	}

	private function notices(): array {
		return array_column( RU_Payments_Test_State::$notices, 'message' );
	}

	public function test_success_creates_the_payment_and_redirects_to_the_provider(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::PAYMENT );

		$result = $this->individuals()->process_payment( 123 );

		$this->assertSame( array( 'result' => 'success', 'redirect' => 'https://pay.invoicebox.test/p/777' ), $result );
		$this->assertSame( 'http://sidecar:8080/v1/payments', $this->sent()['url'] );
		$this->assertSame( 'order-123-attempt-1', $this->key() );
		$body = $this->body();
		$this->assertSame(
			array( 'provider', 'order_id', 'order_key', 'amount', 'currency', 'description', 'return_url', 'fail_url', 'profile', 'items', 'two_stage', 'test', 'metadata', 'customer' ),
			array_keys( $body )
		);
		$this->assertSame( 'invoicebox', $body['provider'] );
		$this->assertSame( '123', $body['order_id'] );
		$this->assertSame( 335000, $body['amount'] );
		$this->assertSame( 'RUB', $body['currency'] );
		$this->assertSame( 'Order #123', $body['description'] );
		$this->assertSame( 'https://shop.test/checkout/order-received/123/?key=wc_order_testkey', $body['return_url'] );
		$this->assertSame( 'https://shop.test/checkout/order-pay/123/?pay_for_order=true&key=wc_order_testkey&ru_payments_return=failed', $body['fail_url'] );
		$this->assertSame( 'default', $body['profile'] );
		$this->assertFalse( $body['test'] );
		$this->assertFalse( $body['two_stage'] );
		$this->assertSame( array( 'email' => 'buyer@example.com', 'phone' => '+79990000000', 'name' => 'Иван Петров' ), $body['customer'] );
		$this->assertSame( array( 300000, 35000 ), array_column( $body['items'], 'amount' ) );
		$this->assertSame( 'shipping', $body['items'][1]['type'] );
		$this->assertSame( trim( (string) file_get_contents( dirname( RU_PAYMENTS_PLUGIN_DIR ) . '/version.txt' ) ), $body['metadata']['plugin_version'], 'the app id providers see carries version.txt' );

		$saved = $this->order->saved();
		$this->assertSame( 'pending', $saved['status'], 'the order waits for the sidecar event' );
		$this->assertSame( 'pay_abc123456789', $saved['meta'][ OrderMeta::PAYMENT_ID ] );
		$this->assertSame( 'ib-777', $saved['meta'][ OrderMeta::PROVIDER_PAYMENT_ID ] );
		$this->assertSame( 'pending', $saved['meta'][ OrderMeta::STATUS ] );
		$this->assertSame( 1, $saved['meta'][ OrderMeta::ATTEMPT ] );
		$this->assertSame( array(), $this->order->payment_complete_calls );
		$this->assertStringContainsString( 'payment pay_abc123456789 created with invoicebox (attempt 1)', $this->order->notes[0] );
		$this->assertSame( array(), RU_Payments_Test_State::$notices );
	}

	public function test_double_click_reuses_the_key_and_the_payment(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::PAYMENT );
		RU_Payments_Test_State::queue_http_response( 201, self::PAYMENT ); // The sidecar replays the stored answer.
		$gateway = $this->individuals();

		$first  = $gateway->process_payment( 123 );
		$second = $gateway->process_payment( 123 );

		$this->assertSame( $first, $second );
		$this->assertSame( array( 'order-123-attempt-1', 'order-123-attempt-1' ), array( $this->key( 0 ), $this->key( 1 ) ) );
		$this->assertSame( $this->body( 0 ), $this->body( 1 ), 'same body: the sidecar replays instead of answering 422' );
		$this->assertCount( 1, $this->order->notes, 'the same payment is not announced twice' );
	}

	public function test_failure_shows_no_raw_error_keeps_the_order_and_reports_it(): void {
		RU_Payments_Test_State::queue_http_response( 502, '{"error":{"code":"provider_error","message":"Invoicebox said: merchant 4411 blocked, token=abc"}}' );

		$result = $this->individuals()->process_payment( 123 );

		$this->assertSame( array( 'result' => 'failure' ), $result );
		$this->assertSame( array( 'We could not start the payment. Please try again in a few minutes or choose another payment method.' ), $this->notices() );
		$this->assertSame( 'error', RU_Payments_Test_State::$notices[0]['type'] );
		$this->assertSame( 'pending', $this->order->get_status() );
		$this->assertCount( 2, $this->order->get_items( array( 'line_item', 'shipping' ) ) );
		$this->assertSame( '', OrderMeta::payment_id( $this->order ) );

		$this->assertCount( 1, RU_Payments_Test_State::$mails );
		$mail = RU_Payments_Test_State::$mails[0];
		$this->assertSame( 'errors@shop.test', $mail['to'] );
		$this->assertStringContainsString( 'Order #123', $mail['message'] );
		$this->assertStringContainsString( 'provider_error (HTTP 502)', $mail['message'] );
		$this->assertStringNotContainsString( 'token=abc', $mail['message'] );
		$this->assertStringNotContainsString( self::SECRET, $mail['message'] . $this->logs() );
		$this->assertStringContainsString( 'provider_error', $this->logs() );
	}

	public function test_after_a_5xx_the_retry_sends_the_same_key(): void {
		RU_Payments_Test_State::queue_http_error( 'cURL error 28: timed out' );
		RU_Payments_Test_State::queue_http_response( 201, self::PAYMENT );
		$gateway = $this->individuals();

		$this->assertSame( 'failure', $gateway->process_payment( 123 )['result'] );
		$this->assertSame( 'success', $gateway->process_payment( 123 )['result'] );

		$this->assertSame( array( 'order-123-attempt-1', 'order-123-attempt-1' ), array( $this->key( 0 ), $this->key( 1 ) ) );
	}

	public function test_a_final_refusal_moves_to_a_new_attempt(): void {
		RU_Payments_Test_State::queue_http_response( 400, '{"error":{"code":"invalid_request","message":"bad","field":"items.0.vat"}}' );
		RU_Payments_Test_State::queue_http_response( 201, self::PAYMENT );
		$gateway = $this->individuals();

		$gateway->process_payment( 123 );
		$gateway->process_payment( 123 );

		$this->assertSame( array( 'order-123-attempt-1', 'order-123-attempt-2' ), array( $this->key( 0 ), $this->key( 1 ) ) );
	}

	public function test_a_failed_payment_opens_exactly_one_new_attempt(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::PAYMENT );
		$gateway = $this->individuals();
		$gateway->process_payment( 123 );
		// The sidecar reported the payment as failed (EventsController stores the status).
		$this->order->update_meta_data( OrderMeta::STATUS, 'failed' );
		$this->order->set_status( 'failed' );
		$this->order->save();

		RU_Payments_Test_State::queue_http_error( 'timeout' );
		RU_Payments_Test_State::queue_http_response( 201, str_replace( 'pay_abc123456789', 'pay_new123456789', self::PAYMENT ) );
		$gateway->process_payment( 123 );
		$gateway->process_payment( 123 );

		$this->assertSame( array( 'order-123-attempt-1', 'order-123-attempt-2', 'order-123-attempt-2' ), array( $this->key( 0 ), $this->key( 1 ), $this->key( 2 ) ) );
		$this->assertSame( 'pay_new123456789', OrderMeta::payment_id( $this->order ) );
		$this->assertSame( 'pending', OrderMeta::status( $this->order ) );
		// The order waits for the new payment: the thank-you page polls instead of showing the old failure.
		$this->assertSame( 'pending', $this->order->get_status() );
		$this->assertSame( \RuPayments\Frontend\OrderState::PENDING, \RuPayments\Frontend\OrderState::of( $this->order ) );
	}

	public function test_a_changed_order_gets_a_new_attempt_when_the_sidecar_answers_422(): void {
		RU_Payments_Test_State::queue_http_response( 422, '{"error":{"code":"idempotency_key_reused","message":"This Idempotency-Key was used for a different request","field":"Idempotency-Key"}}' );
		RU_Payments_Test_State::queue_http_response( 201, self::PAYMENT );

		$result = $this->individuals()->process_payment( 123 );

		$this->assertSame( 'success', $result['result'] );
		$this->assertSame( array( 'order-123-attempt-1', 'order-123-attempt-2' ), array( $this->key( 0 ), $this->key( 1 ) ) );
		$this->assertSame( 2, $this->order->saved()['meta'][ OrderMeta::ATTEMPT ] );
	}

	public function test_an_attempt_still_running_asks_the_shopper_to_wait_without_reporting(): void {
		RU_Payments_Test_State::queue_http_response( 409, '{"error":{"code":"idempotency_in_progress","message":"still running"}}' );

		$this->individuals()->process_payment( 123 );

		$this->assertSame( array( 'Your payment is already being prepared. Please wait a few seconds and try again.' ), $this->notices() );
		$this->assertSame( array(), RU_Payments_Test_State::$mails );
		$this->assertSame( 1, $this->order->saved()['meta'][ OrderMeta::ATTEMPT ] );
	}

	public function test_a_manipulated_total_is_refused_before_any_call(): void {
		$this->configure_provider( 'dolyame', array( 'login' => 'l', 'password' => 'p', 'certPath' => '/c', 'keyPath' => '/k' ) );
		$this->order->set_payment_method( Methods::DOLYAME );
		$this->order->total = '30000.01';

		$result = $this->gateway( Methods::DOLYAME )->process_payment( 123 );

		$this->assertSame( array( 'result' => 'failure' ), $result );
		$this->assertSame( array( 'This payment method is not available for this order total. Please choose another payment method.' ), $this->notices() );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_mixed_profiles_are_refused_server_side(): void {
		RU_Payments_Test_State::$options['ru_payments_profiles'] = array( 'seller2' );
		$seller = new WC_Product( 9 );
		$seller->update_meta_data( '_ru_payments_profile', 'seller2' );
		$this->order->add_test_item( new WC_Order_Item_Product( 'Other seller', '1.00', '0', array(), 1, $seller ) );

		$this->individuals()->process_payment( 123 );

		$this->assertSame( array( 'These products are sold by different sellers; please place separate orders.' ), $this->notices() );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_profile_test_mode_and_two_stage_are_sent(): void {
		RU_Payments_Test_State::$options['ru_payments_profiles'] = array( 'seller2' );
		$this->configure_provider( 'sber', array( 'userName' => 'u', 'password' => 'p', 'twoStage' => 'yes' ), 'seller2' );
		RU_Payments_Test_State::queue_http_response( 201, self::PAYMENT );

		$this->individuals( array( 'provider' => 'sber', 'profile' => 'seller2', 'test_mode' => 'yes' ) )->process_payment( 123 );

		$body = $this->body();
		$this->assertSame( 'sber', $body['provider'] );
		$this->assertSame( 'seller2', $body['profile'] );
		$this->assertTrue( $body['test'] );
		$this->assertTrue( $body['two_stage'] );
		$this->assertSame( 'seller2', $this->order->saved()['meta'][ OrderMeta::PROFILE ] );
	}

	public function test_legal_entity_payer_is_validated_saved_and_sent(): void {
		$this->order->set_payment_method( Methods::LEGAL );
		$gateway = $this->gateway( Methods::LEGAL );
		$_POST   = array(
			PayerFields::TYPE    => 'organization',
			PayerFields::COMPANY => 'ООО «Ромашка»',
			PayerFields::INN     => '7707083894',
			PayerFields::KPP     => '773601001',
			PayerFields::ADDRESS => 'Москва',
		);

		$this->assertFalse( $gateway->validate_fields() );
		$this->assertSame( array( 'id' => PayerFields::INN ), RU_Payments_Test_State::$notices[0]['data'], 'the error is shown next to the INN field' );

		RU_Payments_Test_State::$notices = array();
		$_POST[ PayerFields::INN ]        = '7707083893';
		$this->assertTrue( $gateway->validate_fields() );
		RU_Payments_Test_State::queue_http_response( 201, self::PAYMENT );
		$this->assertSame( 'success', $gateway->process_payment( 123 )['result'] );

		$payer = array( 'type' => 'organization', 'name' => 'ООО «Ромашка»', 'inn' => '7707083893', 'kpp' => '773601001', 'legal_address' => 'Москва' );
		$this->assertSame( $payer, $this->body()['payer'] );
		$this->assertSame( $payer, $this->order->saved()['meta'][ OrderMeta::PAYER ] );
		$this->assertSame( $payer['name'], $this->order->get_billing_company(), 'the payer fills the billing company' );
	}

	public function test_payer_refused_by_the_sidecar_is_explained_without_its_text(): void {
		$this->order->set_payment_method( Methods::LEGAL );
		$_POST = array(
			PayerFields::TYPE    => 'entrepreneur',
			PayerFields::COMPANY => 'ИП Петров',
			PayerFields::INN     => '500100732259',
			PayerFields::ADDRESS => 'Москва',
		);
		RU_Payments_Test_State::queue_http_response( 400, '{"error":{"code":"invalid_request","message":"payer.inn: check digit","field":"payer.inn"}}' );

		$this->gateway( Methods::LEGAL, array( 'error_email' => 'errors@shop.test' ) )->process_payment( 123 );

		$this->assertSame( array( 'The payment service did not accept the company details. Please check the INN, KPP and legal address.' ), $this->notices() );
		$this->assertSame( array(), RU_Payments_Test_State::$mails, "a shopper's typo is not the shop's error" );
	}

	public function test_unconfigured_sidecar_fails_cleanly(): void {
		RU_Payments_Test_State::$options = array();

		$result = $this->individuals()->process_payment( 123 );

		$this->assertSame( array( 'result' => 'failure' ), $result );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
		$this->assertCount( 1, RU_Payments_Test_State::$notices );
	}
}
