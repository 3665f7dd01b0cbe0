<?php
/**
 * Refunds, earlier payment attempts, dead letters and replayed nonces against real WooCommerce.
 *
 * @package RuPayments\Tests
 */

use RuPayments\Orders\OrderMeta;
use RuPayments\Signing\RequestSigner;

final class EventOutcomesTest extends ShopTestCase {

	public function test_a_full_refund_at_the_provider_sets_refunded_once(): void {
		$order = $this->pending_order( $this->product( 'kettle' ) );
		$this->deliver_parallel( array( $this->event( $order, 'paid' ) ) );
		$mails = count( $this->mails_for( $order ) );
		$total = (int) round( (float) $order->get_total() * 100 );

		[ [ $status, $body ] ] = $this->deliver_parallel( array( $this->event( $order, 'refunded', array( 'previous_status' => 'paid', 'refunded_amount' => $total, 'sequence' => 3 ) ) ) );

		$this->assertSame( 200, $status, $body );
		$order = $this->reload( $order );
		$this->assertSame( 'refunded', $order->get_status() );
		$this->assertCount( 1, $order->get_refunds() );
		$this->assertSame( (float) $order->get_total(), (float) $order->get_total_refunded() );
		$this->assertCount( 1, $this->notes_matching( $order, '/to Refunded\./' ), 'one status change to Refunded' );
		$this->assertCount( 1, array_slice( $this->mails_for( $order ), $mails ), 'one refund e-mail' );
	}

	public function test_an_earlier_attempt_paid_on_an_unpaid_order_pays_it_with_a_note_naming_the_attempt(): void {
		$order = $this->order_with_two_attempts();

		[ [ $status, $body ] ] = $this->deliver_parallel( array( $this->event( $order, 'paid', array( 'payment_id' => 'pay_' . $order->get_id() . '_1' ) ) ) );

		$this->assertSame( 200, $status, $body );
		$this->assertArrayNotHasKey( 'dead_letter', json_decode( $body, true ) );
		$order = $this->reload( $order );
		$this->assertSame( 'processing', $order->get_status() );
		$this->assertSame( 'pay_' . $order->get_id() . '_1', OrderMeta::payment_id( $order ) );
		$this->assertCount( 1, $this->notes_matching( $order, '/earlier payment attempt \(attempt 1, payment pay_\d+_1\)/' ) );
		$this->assertCount( 2, $this->mails_for( $order ) );
	}

	public function test_an_earlier_attempt_paid_after_another_attempt_paid_is_reported_as_paid_twice(): void {
		$product_id = $this->product( 'kettle' );
		$order      = $this->order_with_two_attempts();
		$this->deliver_parallel( array( $this->event( $order, 'paid', array( 'payment_id' => 'pay_' . $order->get_id() . '_2' ) ) ) );
		$stock = $this->stock( $product_id );

		$twice = $this->event( $order, 'paid', array( 'payment_id' => 'pay_' . $order->get_id() . '_1', 'provider_payment_id' => 'ib-old' ) );
		$answers = $this->deliver_parallel( array( $twice, $twice ) );

		foreach ( $answers as [ $status, $body ] ) {
			$this->assertSame( 200, $status, $body );
			$this->assertSame( array( 'received' => $twice['event_id'] ), json_decode( $body, true ) );
		}
		$order = $this->reload( $order );
		$this->assertSame( 'processing', $order->get_status() );
		$this->assertSame( 'pay_' . $order->get_id() . '_2', OrderMeta::payment_id( $order ) );
		$this->assertCount( 1, $this->notes_matching( $order, '/paid twice/' ) );
		$this->assertArrayHasKey( 'pay_' . $order->get_id() . '_1', OrderMeta::extra_payments( $order ) );
		$admin = array_filter( $this->mails_for( $order ), static fn ( array $m ): bool => str_contains( $m['subject'], 'paid twice' ) );
		$this->assertCount( 1, $admin, 'one admin e-mail' );
		$this->assertSame( get_option( 'admin_email' ), array_values( $admin )[0]['to'] );
		$this->assertSame( $stock, $this->stock( $product_id ), 'stock not reduced again' );
	}

	public function test_events_that_can_never_apply_are_dead_letters(): void {
		$order = $this->pending_order( $this->product( 'kettle' ) );
		OrderMeta::bind_payment( $order, 'pay_' . $order->get_id() . '_1' );
		$order->save();
		$unknown = $this->event( $order, 'paid', array( 'order_id' => '999999' ) );
		$foreign = $this->event( $order, 'paid', array( 'payment_id' => 'pay_someone_else' ) );

		[ $first, $second ] = $this->deliver_parallel( array( $unknown, $foreign ) );

		$this->assertSame( array( 200, (string) wp_json_encode( array( 'received' => $unknown['event_id'], 'dead_letter' => 'unknown_order' ) ) ), $first );
		$this->assertSame( array( 200, (string) wp_json_encode( array( 'received' => $foreign['event_id'], 'dead_letter' => 'payment_of_another_order' ) ) ), $second );
		$this->assertSame( 'pending', $this->reload( $order )->get_status() );
	}

	public function test_one_signed_request_replayed_five_times_at_once_is_accepted_once(): void {
		$order   = $this->pending_order( $this->product( 'kettle' ) );
		$body    = (string) wp_json_encode( $this->event( $order, 'pending', array( 'previous_status' => 'created' ) ) );
		$headers = ( new RequestSigner( ( new \RuPayments\Settings\SidecarSettings() )->secret() ) )->headers( 'POST', '/ru-payments/v1/events', $body );

		$statuses = array_map( static fn ( array $answer ): int => $answer[0], $this->send_parallel( array_fill( 0, 5, array( $body, $headers ) ) ) );

		sort( $statuses );
		$this->assertSame( array( 200, 401, 401, 401, 401 ), $statuses );
	}

	public function test_the_thank_you_status_never_says_paid_while_the_order_is_pending(): void {
		$order = $this->pending_order( $this->product( 'kettle' ) );
		$payment_id = 'pay_' . $order->get_id() . '_1';
		OrderMeta::bind_payment( $order, $payment_id );
		// As if the payment was reported paid but payment_complete() has not finished.
		$order->update_meta_data( OrderMeta::STATUS, 'paid' );
		$order->save();

		$response = wp_remote_get( add_query_arg( array( 'order_id' => $order->get_id(), 'key' => $order->get_order_key() ), $this->shop_url() . '/wp-json/ru-payments/v1/order-status' ) );
		$body     = json_decode( wp_remote_retrieve_body( $response ), true );

		$this->assertSame( 200, wp_remote_retrieve_response_code( $response ) );
		$this->assertSame( 'pending', $body['state'] );
		$this->assertFalse( $body['final'] );
	}

	/** A pending order whose first payment (attempt 1) was replaced by a second one (attempt 2). */
	private function order_with_two_attempts(): WC_Order {
		$order = $this->pending_order( $this->product( 'kettle' ) );
		$order->update_meta_data( OrderMeta::ATTEMPT, 1 );
		OrderMeta::bind_payment( $order, 'pay_' . $order->get_id() . '_1' );
		$order->update_meta_data( OrderMeta::ATTEMPT, 2 );
		OrderMeta::bind_payment( $order, 'pay_' . $order->get_id() . '_2' );
		$order->save();
		return $order;
	}
}
