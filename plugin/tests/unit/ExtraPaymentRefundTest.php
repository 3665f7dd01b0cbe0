<?php
/**
 * The one-click refund of a payment that paid an order a second time.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Admin\ExtraPaymentRefund;
use RuPayments\Orders\OrderMeta;
use RuPayments\Providers\ProviderDirectory;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Logger;
use WC_Order;

final class ExtraPaymentRefundTest extends TestCase {

	private WC_Order $order;

	private ExtraPaymentRefund $refund;

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar();
		RU_Payments_Test_State::$caps = array( 'manage_woocommerce' );
		$client       = new SidecarClient( new SidecarSettings(), new Logger() );
		$this->refund = new ExtraPaymentRefund( $client, new ProviderDirectory( $client ), new Logger() );
		$this->order  = RU_Payments_Test_State::add_order( new WC_Order( 77, 'processing', 'ru_payments_individuals' ) );
		OrderMeta::set_extra_payment( $this->order, 'pay_old', array( 'provider' => 'invoicebox', 'amount' => 150000, 'attempt' => 1, 'status' => 'paid', 'refund' => '' ) );
		$this->order->save();
	}

	public function test_it_is_offered_refunds_the_whole_extra_payment_once_and_leaves_the_order_as_it_is(): void {
		$this->assertArrayHasKey( ExtraPaymentRefund::ORDER_ACTION, $this->refund->order_actions( array(), $this->order ) );
		RU_Payments_Test_State::queue_http_response( 201, '{"refund":{"id":"ref_1","payment_id":"pay_old","amount":150000,"status":"succeeded"},"payment":{"id":"pay_old","status":"refunded"}}' );

		$this->refund->order_action( $this->order );

		$request = RU_Payments_Test_State::$http_requests[0];
		$this->assertSame( 'http://sidecar:8080/v1/payments/pay_old/refunds', $request['url'] );
		$this->assertSame( 150000, json_decode( $request['args']['body'], true )['amount'] );
		$this->assertSame( 'extra-refund-pay_old', $request['args']['headers']['Idempotency-Key'] );
		$this->assertSame( 'refunded', OrderMeta::extra_payments( $this->order )['pay_old']['refund'] );
		$this->assertSame( 'processing', $this->order->get_status() );
		$this->assertSame( array(), $this->order->refunds, 'no WooCommerce refund of the order itself' );
		$this->assertArrayNotHasKey( ExtraPaymentRefund::ORDER_ACTION, $this->refund->order_actions( array(), $this->order ) );
	}

	public function test_a_provider_that_refunds_only_in_its_dashboard_gets_no_button(): void {
		set_transient( ProviderDirectory::TRANSIENT, array( 'providers' => array( 'invoicebox' => array( 'capabilities' => array( 'refund' => false ) ) ), 'fetched_at' => time() ), 600 );

		$this->assertSame( array(), $this->refund->order_actions( array(), $this->order ) );
	}

	public function test_a_failed_refund_keeps_the_button(): void {
		RU_Payments_Test_State::queue_http_response( 502, '{"error":{"code":"provider_error","message":"x"}}' );

		$this->refund->order_action( $this->order );

		$this->assertSame( '', OrderMeta::extra_payments( $this->order )['pay_old']['refund'] );
		$this->assertArrayHasKey( ExtraPaymentRefund::ORDER_ACTION, $this->refund->order_actions( array(), $this->order ) );
	}
}
