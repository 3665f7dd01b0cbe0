<?php
/**
 * The thank-you page state and the order-status route it polls.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use Rest_Server_Double;
use RuPayments\Frontend\ThankYouPage;
use RuPayments\Gateways\Methods;
use RuPayments\Orders\OrderMeta;
use RuPayments\Rest\OrderStatusController;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Logger;
use WC_Order;
use WP_REST_Request;
use WP_REST_Response;

final class OrderStatusTest extends TestCase {

	private WC_Order $order;

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar();
		( new OrderStatusController( new SidecarClient( new SidecarSettings(), new Logger() ) ) )->register_routes();
		$this->order = RU_Payments_Test_State::add_order( new WC_Order( 31, 'pending', Methods::INDIVIDUALS ) );
		OrderMeta::bind_payment( $this->order, 'pay_status12345678' );
		$this->order->update_meta_data( OrderMeta::STATUS, 'pending' );
		$this->order->save();
	}

	private function poll( string $key = 'wc_order_testkey', int $order_id = 31 ): WP_REST_Response {
		$request = new WP_REST_Request( 'GET', '/ru-payments/v1/order-status' );
		$request->set_query_params( array( 'order_id' => (string) $order_id, 'key' => $key ) );
		return Rest_Server_Double::dispatch( $request );
	}

	public function test_a_wrong_key_looks_like_an_unknown_order(): void {
		$this->assertSame( 404, $this->poll( 'wc_order_other' )->get_status() );
		$this->assertSame( 404, $this->poll( '' )->get_status() );
		$this->assertSame( 404, $this->poll( 'wc_order_testkey', 999 )->get_status() );
		$other = RU_Payments_Test_State::add_order( new WC_Order( 32, 'pending', 'bacs' ) );
		$this->assertSame( 404, $this->poll( 'wc_order_testkey', 32 )->get_status() );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_paid_order_answers_without_asking_the_sidecar(): void {
		$this->order->set_status( 'processing' );
		$this->order->save();

		$response = $this->poll();

		$this->assertSame( 'paid', $response->get_data()['state'] );
		$this->assertTrue( $response->get_data()['final'] );
		$this->assertSame( 'no-store', $response->get_headers()['Cache-Control'] );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_failed_order(): void {
		$this->order->update_meta_data( OrderMeta::STATUS, 'expired' );

		$this->assertSame( 'failed', $this->poll()->get_data()['state'] );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_pending_asks_the_sidecar_at_most_every_ten_seconds_and_changes_nothing(): void {
		RU_Payments_Test_State::queue_http_response( 200, '{"id":"pay_status12345678","status":"paid"}' );
		$before = $this->order->snapshot();

		$first  = $this->poll();
		$second = $this->poll();

		// The provider says paid, the order does not show it yet: never "paid" while it is pending.
		$this->assertSame( 'pending', $first->get_data()['state'], 'displayed' );
		$this->assertSame( 'pending', $second->get_data()['state'] );
		$this->assertFalse( $first->get_data()['final'] );
		$this->assertCount( 1, RU_Payments_Test_State::$http_requests );
		$this->assertSame( 'http://sidecar:8080/v1/payments/pay_status12345678?refresh=1', RU_Payments_Test_State::$http_requests[0]['url'] );
		$this->assertSame( $before, $this->order->snapshot(), 'state changes only through events' );

		// Ten seconds later the sidecar may be asked again.
		RU_Payments_Test_State::$transients = array();
		RU_Payments_Test_State::queue_http_error( 'timeout' );
		$third = $this->poll();
		$this->assertSame( 'pending', $third->get_data()['state'] );
		$this->assertFalse( $third->get_data()['final'] );
		$this->assertSame( 10, RU_Payments_Test_State::$transients['ru_payments_refresh_31']['expiration'] );
	}

	public function test_a_pending_order_never_says_paid_even_when_its_payment_status_says_so(): void {
		$this->order->update_meta_data( \RuPayments\Orders\OrderMeta::STATUS, 'paid' );
		$this->order->save();

		$this->assertSame( 'pending', \RuPayments\Frontend\OrderState::of( $this->order ) );

		$this->order->set_status( 'on-hold' );
		$this->order->update_meta_data( \RuPayments\Orders\OrderMeta::STATUS, 'authorized' );
		$this->order->save();
		$this->assertSame( 'paid', \RuPayments\Frontend\OrderState::of( $this->order ), 'an authorised payment on hold is received' );
	}

	public function test_thank_you_page_shows_the_state_and_polls_only_while_pending(): void {
		$page = new ThankYouPage( array( Methods::INDIVIDUALS ), RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION );
		$page->register();

		ob_start();
		do_action( 'woocommerce_thankyou_' . Methods::INDIVIDUALS, 31 );
		$html = (string) ob_get_clean();

		$this->assertStringContainsString( 'data-state="pending"', $html );
		$this->assertStringContainsString( 'data-endpoint="https://shop.test/wp-json/ru-payments/v1/order-status"', $html );
		$this->assertStringContainsString( 'We are waiting for the payment provider to confirm your payment.', $html );
		$this->assertStringEndsWith( '/assets/js/thankyou.js', RU_Payments_Test_State::$scripts['ru-payments-thankyou']['src'] );
		$this->assertFileExists( RU_PAYMENTS_PLUGIN_DIR . '/assets/js/thankyou.js' );

		RU_Payments_Test_State::$scripts = array();
		$this->order->set_status( 'completed' );
		$this->order->save();
		ob_start();
		do_action( 'woocommerce_thankyou_' . Methods::INDIVIDUALS, 31 );
		$html = (string) ob_get_clean();
		$this->assertStringContainsString( 'Your payment has been received.', $html );
		$this->assertSame( array(), RU_Payments_Test_State::$scripts );
	}
}
