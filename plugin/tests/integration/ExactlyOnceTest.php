<?php
/**
 * The same event delivered several times at once, and again while the shop is still inside
 * payment_complete(): real PHP workers, real MariaDB, real WooCommerce e-mails and stock.
 *
 * @package RuPayments\Tests
 */

final class ExactlyOnceTest extends ShopTestCase {

	protected function tearDown(): void {
		delete_option( 'rup_test_mail_sleep' );
		parent::tearDown();
	}

	public function test_the_same_event_five_times_in_parallel_applies_once(): void {
		$product_id = $this->product( 'kettle' );
		$stock      = $this->stock( $product_id );
		$order      = $this->pending_order( $product_id, 'ru_payments_individuals', 1 );
		$event      = $this->event( $order, 'paid' );

		$answers = $this->deliver_parallel( array_fill( 0, 5, $event ) );

		foreach ( $answers as [ $status, $body ] ) {
			$this->assertSame( 200, $status, $body );
			$this->assertSame( array( 'received' => $event['event_id'] ), json_decode( $body, true ), $body );
		}
		$this->assert_paid_once( $order, $product_id, $stock - 1 );
		$this->assertCount( 1, $this->notes_matching( $this->reload( $order ), '/^RU Payments:/' ), 'one note for one event' );
	}

	public function test_a_redelivery_while_payment_complete_is_still_sending_mails_applies_once(): void {
		update_option( 'rup_test_mail_sleep', 15 );
		$product_id = $this->product( 'lamp' );
		$stock      = $this->stock( $product_id );
		$order      = $this->pending_order( $product_id, 'ru_payments_individuals', 2 );
		$event      = $this->event( $order, 'paid' );

		// The first delivery starts; the re-delivery comes while the first is asleep in its mailer.
		$answers = $this->deliver_parallel( array( $event, $event ), 3.0 );

		$this->assertSame( 200, $answers[0][0], $answers[0][1] );
		$this->assertSame( array( 'received' => $event['event_id'] ), json_decode( $answers[0][1], true ) );
		// The re-delivery is either told it is a duplicate or asked to come back later (503): never applied twice.
		$this->assertContains( $answers[1][0], array( 200, 503 ), $answers[1][1] );
		delete_option( 'rup_test_mail_sleep' );
		[ [ $status, $body ] ] = $this->deliver_parallel( array( $event ) );
		$this->assertSame( 200, $status, $body );
		$this->assertSame( array( 'received' => $event['event_id'] ), json_decode( $body, true ) );
		$this->assert_paid_once( $order, $product_id, $stock - 2 );
		$this->assertCount( 1, $this->notes_matching( $this->reload( $order ), '/^RU Payments:/' ), 'one note for one event' );
	}

	public function test_five_different_paid_events_for_one_order_in_parallel_complete_it_once(): void {
		$product_id = $this->product( 'kettle' );
		$stock      = $this->stock( $product_id );
		$order      = $this->pending_order( $product_id, 'ru_payments_individuals', 1 );
		$events     = array();
		for ( $i = 0; $i < 5; $i++ ) {
			$events[] = $this->event( $order, 'paid', array( 'sequence' => 2 + $i ) );
		}

		foreach ( $this->deliver_parallel( $events ) as [ $status, $body ] ) {
			$this->assertSame( 200, $status, $body );
		}
		$this->assert_paid_once( $order, $product_id, $stock - 1 );
	}

	private function assert_paid_once( WC_Order $order, int $product_id, int $stock ): void {
		$order = $this->reload( $order );
		$this->assertSame( 'processing', $order->get_status() );
		$this->assertCount( 1, $this->notes_matching( $order, '/^Payment complete\.$/' ), 'one transition (payment_complete ran once)' );
		$this->assertCount( 1, $this->notes_matching( $order, '/^RU Payments: payment paid \([^)]*\)\.$/' ), 'one paid note' );
		$this->assertCount( 2, $this->mails_for( $order ), 'one customer and one admin e-mail' );
		$this->assertSame( $stock, $this->stock( $product_id ), 'stock reduced once' );
	}
}
