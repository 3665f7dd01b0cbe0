<?php
/**
 * The per-gateway paid order status and the error report for failed payments.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Gateways\Methods;
use RuPayments\Orders\FailedPaymentNotifier;
use RuPayments\Orders\PaidStatus;
use RuPayments\Orders\StatusApplier;
use RuPayments\Rest\PaymentEvent;
use RuPayments\Support\ErrorReporter;
use RuPayments\Support\Logger;
use WC_Order;

final class PaidStatusTest extends TestCase {

	protected function setUp(): void {
		parent::setUp();
		( new PaidStatus() )->register();
	}

	private function settings( string $gateway, array $settings ): void {
		RU_Payments_Test_State::$options[ 'woocommerce_' . $gateway . '_settings' ] = $settings;
	}

	public function paid_statuses(): array {
		return array(
			'WooCommerce default' => array( '', 'processing' ),
			'processing'          => array( 'processing', 'processing' ),
			'completed'           => array( 'completed', 'completed' ),
			'on-hold'             => array( 'on-hold', 'on-hold' ),
			'invalid value'       => array( 'trash', 'processing' ),
		);
	}

	/**
	 * @dataProvider paid_statuses
	 */
	public function test_paid_event_moves_the_order_to_the_configured_status( string $setting, string $expected ): void {
		$this->settings( Methods::INDIVIDUALS, array( 'paid_status' => $setting ) );
		$order = new WC_Order( 7, 'pending', Methods::INDIVIDUALS );

		$action = ( new StatusApplier() )->apply( $order, 'paid', 'invoicebox', 'ib-1' );

		$this->assertSame( StatusApplier::ACTION_PAYMENT_COMPLETE, $action );
		$this->assertSame( $expected, $order->saved()['status'] );
		$this->assertSame( array( array( 'pending', $expected ) ), $order->status_changes, 'one status change' );
		$this->assertSame( 'ib-1', $order->get_transaction_id() );
	}

	public function test_other_gateways_are_left_alone(): void {
		$this->settings( 'bacs', array( 'paid_status' => 'completed' ) );
		$order = new WC_Order( 8, 'pending', 'bacs' );

		$order->payment_complete();

		$this->assertSame( 'processing', $order->get_status() );
	}

	public function test_failed_event_sends_the_error_report(): void {
		$this->settings( Methods::DOLYAME, array( 'error_email' => 'errors@shop.test' ) );
		( new FailedPaymentNotifier( new ErrorReporter( new Logger() ) ) )->register();
		$order = new WC_Order( 9, 'pending', Methods::DOLYAME );
		$event = new PaymentEvent( 'evt_1', 'payment.status_changed', 'pay_1', 9, 'dolyame', 'd-1', 'failed', 'pending', 100, 0, 'RUB', 2 );

		do_action( 'ru_payments_event_applied', $order, $event, StatusApplier::ACTION_FAILED );
		do_action( 'ru_payments_event_applied', $order, $event, StatusApplier::ACTION_FAILED );
		do_action( 'ru_payments_event_applied', $order, $event, StatusApplier::ACTION_NOTE );

		$this->assertCount( 1, RU_Payments_Test_State::$mails, 'throttled, and only for failures' );
		$this->assertSame( 'errors@shop.test', RU_Payments_Test_State::$mails[0]['to'] );
		$this->assertStringContainsString( 'Order #9', RU_Payments_Test_State::$mails[0]['message'] );
		$this->assertStringContainsString( 'pay_1', RU_Payments_Test_State::$mails[0]['message'] );
	}

	public function test_no_report_without_an_address(): void {
		$this->settings( Methods::DOLYAME, array( 'error_email' => '' ) );
		( new FailedPaymentNotifier( new ErrorReporter( new Logger() ) ) )->register();
		$event = new PaymentEvent( 'evt_1', 'payment.status_changed', 'pay_1', 9, 'dolyame', 'd-1', 'failed', 'pending', 100, 0, 'RUB', 2 );

		do_action( 'ru_payments_event_applied', new WC_Order( 9, 'pending', Methods::DOLYAME ), $event, StatusApplier::ACTION_FAILED );

		$this->assertSame( array(), RU_Payments_Test_State::$mails );
	}
}
