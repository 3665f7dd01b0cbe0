<?php
/**
 * The refunded lines sent with a refund, and the edited basket sent with a lower capture.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Gateways\Methods;
use RuPayments\Orders\OrderMeta;
use RuPayments\Payments\AuthorizationProcessor;
use RuPayments\Support\Logger;
use WC_Order;
use WC_Order_Item_Product;
use WC_Order_Item_Shipping;
use WC_Order_Item_Tax;
use WC_Product;

final class ItemsOnRefundAndCaptureTest extends TestCase {

	private WC_Order $order;

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar();
		$this->order        = RU_Payments_Test_State::add_order( new WC_Order( 61, 'processing', Methods::DOLYAME ) );
		$this->order->total = '3600.00';
		$this->order->add_test_item( new WC_Order_Item_Tax( 1, 20.0 ) );
		// Kettles 2 × 1000 ₽ + 20 % VAT, and 1200 ₽ shipping without VAT.
		$this->order->add_test_item( new WC_Order_Item_Product( 'Чайник', '2000.00', '400.00', array( 1 => '400.00' ), 2, new WC_Product( 7, 'simple', 0, 'KETTLE' ) ) );
		$this->order->add_test_item( new WC_Order_Item_Shipping( 'Курьер', '1200.00', '0', array() ) );
		OrderMeta::bind_payment( $this->order, 'pay_items1' );
		$this->order->save();
		$this->gateway( Methods::DOLYAME );
	}

	private static function refund_answer( int $amount ): string {
		return (string) json_encode(
			array(
				'refund'  => array( 'id' => 'ref_i1', 'payment_id' => 'pay_items1', 'provider_refund_id' => 'prov-1', 'amount' => $amount, 'status' => 'pending' ),
				'payment' => array( 'id' => 'pay_items1', 'status' => 'paid', 'amount' => 360000, 'refunded_amount' => 0 ),
			)
		);
	}

	private function body( int $index = 0 ): array {
		return json_decode( RU_Payments_Test_State::$http_requests[ $index ]['args']['body'], true );
	}

	private function refund( string $amount, array $line_items ) {
		return wc_create_refund(
			array(
				'order_id'       => 61,
				'amount'         => $amount,
				'line_items'     => $line_items,
				'refund_payment' => true,
			)
		);
	}

	public function test_a_refund_of_lines_sends_those_lines_positive(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::refund_answer( 132000 ) );

		// One kettle (1000 + 200 VAT) and the shipping.
		$result = $this->refund(
			'2400.00',
			array(
				0 => array( 'qty' => 1, 'refund_total' => '1000.00', 'refund_tax' => array( 1 => '200.00' ) ),
				1 => array( 'qty' => 0, 'refund_total' => '1200.00' ),
			)
		);

		$this->assertIsObject( $result );
		$this->assertSame(
			array(
				'amount' => 240000,
				'items'  => array(
					array( 'sku' => 'KETTLE', 'name' => 'Чайник', 'quantity' => 1, 'amount' => 120000, 'type' => 'goods', 'vat' => 'vat20' ),
					array( 'name' => 'Shipping: Курьер', 'quantity' => 1, 'amount' => 120000, 'type' => 'shipping', 'vat' => 'none' ),
				),
			),
			$this->body()
		);
	}

	public function test_lines_that_do_not_add_up_to_the_refund_are_not_sent(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::refund_answer( 150000 ) );

		// One kettle ticked, but 1500 ₽ typed as the refund amount.
		$this->refund( '1500.00', array( 0 => array( 'qty' => 1, 'refund_total' => '1000.00', 'refund_tax' => array( 1 => '200.00' ) ) ) );

		$this->assertSame( array( 'amount' => 150000 ), $this->body() );
	}

	public function test_an_amount_only_refund_sends_no_lines(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::refund_answer( 50000 ) );

		$this->refund( '500.00', array() );

		$this->assertSame( array( 'amount' => 50000 ), $this->body() );
	}

	private function authorize( string $total ): void {
		$this->order->set_status( 'on-hold' );
		$this->order->total = $total;
		$this->order->update_meta_data( OrderMeta::STATUS, 'authorized' );
		$this->order->update_meta_data( OrderMeta::PROVIDER, 'dolyame' );
		OrderMeta::record_authorization( $this->order, time(), 480000 );
		$this->order->save();
		RU_Payments_Test_State::queue_http_response( 200, (string) json_encode( array( 'id' => 'pay_items1', 'status' => 'paid', 'amount' => 480000, 'captured_amount' => 360000 ) ) );
	}

	public function test_a_capture_of_an_edited_order_sends_its_basket_with_the_amount(): void {
		// Authorised 4800 ₽; the manager removed a kettle, so the order is 3600 ₽ now.
		$this->authorize( '3600.00' );

		$result = ( new AuthorizationProcessor( $this->plugin()->client(), new Logger() ) )->capture( $this->order );

		$this->assertTrue( $result );
		$body = $this->body();
		$this->assertSame( 360000, $body['amount'] );
		$this->assertSame( array( 240000, 120000 ), array_column( $body['items'], 'amount' ) );
		$this->assertSame( array( 2, 1 ), array_column( $body['items'], 'quantity' ) );
	}

	public function test_a_capture_of_the_whole_authorisation_sends_no_basket(): void {
		$this->authorize( '4800.00' );

		( new AuthorizationProcessor( $this->plugin()->client(), new Logger() ) )->capture( $this->order );

		$this->assertSame( '{}', RU_Payments_Test_State::$http_requests[0]['args']['body'] );
	}
}
