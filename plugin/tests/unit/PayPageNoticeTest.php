<?php
/**
 * The pay page tells a shopper back from a declined payment what happened.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Frontend\PayPageNotice;
use RuPayments\Gateways\Methods;
use RuPayments\Orders\OrderMeta;
use WC_Order;

final class PayPageNoticeTest extends TestCase {

	private function order( string $status, string $payment_status = 'pending', bool $bound = true ): WC_Order {
		$order = RU_Payments_Test_State::add_order( new WC_Order( 41, $status, Methods::DOLYAME ) );
		if ( $bound ) {
			OrderMeta::bind_payment( $order, 'pay_declined12345678' );
			$order->update_meta_data( OrderMeta::STATUS, $payment_status );
		}
		$order->save();
		return $order;
	}

	/** What WooCommerce's pay page prints above the form (the hook it fires, with its arguments). */
	private function render( WC_Order $order ): string {
		( new PayPageNotice() )->register();
		ob_start();
		do_action( 'before_woocommerce_pay_form', $order, 'Pay for order', array() );
		return (string) ob_get_clean();
	}

	public function test_the_fail_url_is_the_pay_page_marked_as_a_return_from_the_provider(): void {
		$url = PayPageNotice::fail_url( $this->order( 'pending' ) );
		$this->assertStringStartsWith( 'https://shop.test/checkout/order-pay/41/?', $url );
		parse_str( (string) parse_url( $url, PHP_URL_QUERY ), $query );
		$this->assertSame( array( 'pay_for_order' => 'true', 'key' => 'wc_order_testkey', 'ru_payments_return' => 'failed' ), $query );
	}

	public function test_a_failed_order_says_the_payment_did_not_go_through(): void {
		$html = $this->render( $this->order( 'failed', 'failed' ) );
		$this->assertStringContainsString( 'woocommerce-error', $html );
		$this->assertStringContainsString( 'The payment did not go through.', $html );
	}

	public function test_a_return_through_the_fail_url_says_so_before_the_event_arrives(): void {
		$_GET[ PayPageNotice::RETURN_ARG ] = 'failed';
		$this->assertStringContainsString( 'The payment did not go through.', $this->render( $this->order( 'pending' ) ) );
	}

	public function test_nothing_for_a_pending_order_opened_without_the_marker(): void {
		$this->assertSame( '', $this->render( $this->order( 'pending' ) ) );
	}

	public function test_nothing_once_paid_even_through_the_fail_url(): void {
		$_GET[ PayPageNotice::RETURN_ARG ] = 'failed';
		$this->assertSame( '', $this->render( $this->order( 'processing', 'paid' ) ) );
	}

	public function test_nothing_for_an_order_without_an_ru_payments_payment(): void {
		$_GET[ PayPageNotice::RETURN_ARG ] = 'failed';
		$this->assertSame( '', $this->render( $this->order( 'failed', 'failed', false ) ) );
	}
}
