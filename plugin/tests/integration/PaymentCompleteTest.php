<?php
/**
 * A signed "paid" event against real WooCommerce: payment_complete() as WooCommerce runs it.
 *
 * @package RuPayments\Tests
 */

final class PaymentCompleteTest extends ShopTestCase {

	public function test_paid_event_completes_the_payment_once_with_stock_mails_and_date(): void {
		$product_id = (int) json_decode( (string) getenv( 'RUP_SHOP_INFO' ), true )['products']['kettle'];
		$stock      = $this->stock( $product_id );
		$order      = $this->pending_order( $product_id, 'ru_payments_individuals', 2 );
		$completed  = did_action( 'woocommerce_payment_complete' );

		[ [ $status, $body ] ] = $this->deliver_parallel( array( $this->event( $order, 'paid' ) ) );

		$this->assertSame( 200, $status, $body );
		$order = $this->reload( $order );
		$this->assertSame( 'processing', $order->get_status() );
		$this->assertNotNull( $order->get_date_paid() );
		$this->assertSame( 'ib-' . $order->get_id(), $order->get_transaction_id() );
		$this->assertSame( $stock - 2, $this->stock( $product_id ) );
		$this->assertCount( 2, $this->mails_for( $order ), 'one customer and one admin e-mail' );
		$this->assertSame( $completed, did_action( 'woocommerce_payment_complete' ), 'it ran in the shop\'s own request, not in this process' );
	}
}
