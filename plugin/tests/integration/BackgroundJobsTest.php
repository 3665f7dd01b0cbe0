<?php
/**
 * Background work against the real shop, sidecar and its simulators: the Action Scheduler
 * actions are run the way the queue runner runs them (do_action on their hook, in this process,
 * on the shop's database).
 *
 * @package RuPayments\Tests
 */

use RuPayments\Background\HoldStockGuard;
use RuPayments\Background\LapseMailer;
use RuPayments\Background\Reconciler;
use RuPayments\Background\Scheduler;
use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\PaymentStatus;
use RuPayments\Plugin;

final class BackgroundJobsTest extends ShopTestCase {

	public function test_the_recurring_actions_are_scheduled_in_the_ru_payments_group(): void {
		do_action( 'action_scheduler_before_process_queue' );

		foreach ( array( Reconciler::HOOK_ALL, LapseMailer::HOOK ) as $hook ) {
			$this->assertTrue( as_has_scheduled_action( $hook, array(), Scheduler::GROUP ), $hook );
		}
	}

	public function test_a_paid_order_whose_event_was_lost_is_brought_up_to_date_by_the_reconciliation(): void {
		$product_id = $this->product( 'kettle' );
		$stock      = $this->stock( $product_id );
		// The sidecar's event goes to an order that no longer exists (a dead letter): the event is lost
		// for the order that the payment is bound to.
		$gone    = $this->pending_order( $product_id );
		$payment = $this->create_payment( $gone );
		$gone->delete( true );
		$order = $this->pending_order( $product_id );
		OrderMeta::bind_payment( $order, $payment['id'] );
		$order->set_date_created( time() - Reconciler::FIRST_AFTER - 60 );
		$order->save();
		$this->pay_on_simulator( $payment );
		$this->wait_for_sidecar_status( $payment['id'], PaymentStatus::PAID );
		$this->assertSame( 'pending', $this->reload( $order )->get_status(), 'no event reached this order' );

		// The scheduled run, as Action Scheduler's queue runner calls it.
		do_action( Reconciler::HOOK_ALL );

		$order = $this->reload( $order );
		$this->assertSame( 'processing', $order->get_status() );
		$this->assertCount( 1, $this->notes_matching( $order, '/brought up to date/' ) );
		$this->assertCount( 2, $this->mails_for( $order ) );
		$this->assertSame( $stock - 1, $this->stock( $product_id ) );

		do_action( Reconciler::HOOK_ORDER, $order->get_id() );
		$this->assertCount( 1, $this->notes_matching( $this->reload( $order ), '/brought up to date/' ), 'a second run changes nothing' );
	}

	public function test_an_unanswered_order_is_asked_again_later_and_later(): void {
		$order = $this->pending_order( $this->product( 'kettle' ) );
		$this->create_payment( $order, true );

		do_action( Reconciler::HOOK_ORDER, $order->get_id() );
		$first = $this->reload( $order )->get_meta( Reconciler::META, true );
		do_action( Reconciler::HOOK_ORDER, $order->get_id() );
		$second = $this->reload( $order )->get_meta( Reconciler::META, true );

		$this->assertSame( array( 1, 2 ), array( $first['count'], $second['count'] ) );
		$this->assertGreaterThan( $first['next'] - time(), $second['next'] - time(), 'backing off' );
		$this->assertSame( 'pending', $this->reload( $order )->get_status() );
	}

	public function test_an_open_bnpl_payment_is_not_cancelled_by_the_hold_stock_timer_but_an_order_without_payment_is(): void {
		$order = $this->pending_order( $this->product( 'kettle' ), 'ru_payments_dolyame' );
		$this->create_payment( $order, true );
		$plain = $this->pending_order( $this->product( 'kettle' ), 'ru_payments_legal' );

		$this->assertFalse( apply_filters( 'woocommerce_cancel_unpaid_order', true, $this->reload( $order ) ) );
		$this->assertTrue( apply_filters( 'woocommerce_cancel_unpaid_order', true, $plain ) );
		$this->assertTrue( apply_filters( 'woocommerce_cancel_unpaid_order', true, $this->pending_order( $this->product( 'kettle' ), 'ru_payments_individuals' ) ), 'card payments keep the timer' );
	}

	public function test_a_lapsing_authorisation_is_mailed_to_the_admin_once(): void {
		$order = $this->pending_order( $this->product( 'sofa' ), 'ru_payments_sber_bnpl' );
		OrderMeta::bind_payment( $order, 'pay_lapse_' . $order->get_id() );
		$order->update_meta_data( OrderMeta::PROVIDER, 'sber' );
		$order->update_meta_data( OrderMeta::STATUS, PaymentStatus::AUTHORIZED );
		OrderMeta::record_authorization( $order, time() - 6 * DAY_IN_SECONDS - 3600, 3500000 );
		$order->set_status( 'on-hold' );
		$order->save();

		do_action( LapseMailer::HOOK );
		do_action( LapseMailer::HOOK );

		$mails = array_values( array_filter( $this->mails_for( $order ), static fn ( array $m ): bool => str_contains( $m['subject'], 'lapse within 24 hours' ) ) );
		$this->assertCount( 1, $mails );
		$this->assertSame( get_option( 'admin_email' ), $mails[0]['to'] );
	}

	/**
	 * A real payment in the sidecar for the order, made through the gateway as at checkout.
	 *
	 * @return array<string,mixed> The sidecar's Payment.
	 */
	private function create_payment( WC_Order $order, bool $bind = false ): array {
		$gateway = WC()->payment_gateways()->payment_gateways()[ $order->get_payment_method() ];
		$result  = $gateway->process_payment( $order->get_id() );
		$this->assertSame( 'success', $result['result'] ?? null, wp_json_encode( $result ) );
		$fresh   = $this->reload( $order );
		$payment = Plugin::instance()->client()->get_payment( OrderMeta::payment_id( $fresh ) );
		$this->assertIsArray( $payment );
		return $payment;
	}

	/** @param array<string,mixed> $payment Payment with its simulator redirect_url. */
	private function pay_on_simulator( array $payment ): void {
		$response = wp_remote_post( (string) $payment['redirect_url'], array( 'body' => array( 'action' => 'pay' ), 'redirection' => 0 ) );
		$this->assertNotWPError( $response );
		$this->assertContains( wp_remote_retrieve_response_code( $response ), array( 200, 303 ) );
	}

	private function wait_for_sidecar_status( string $payment_id, string $status ): void {
		for ( $i = 0; $i < 50; $i++ ) {
			$payment = Plugin::instance()->client()->get_payment( $payment_id );
			if ( is_array( $payment ) && $status === ( $payment['status'] ?? '' ) ) {
				return;
			}
			usleep( 200000 );
		}
		$this->fail( "The sidecar never reported $status for $payment_id." );
	}

	private function assertNotWPError( $value ): void {
		$this->assertFalse( is_wp_error( $value ), is_wp_error( $value ) ? $value->get_error_message() : '' );
	}
}
