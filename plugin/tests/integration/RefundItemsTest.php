<?php
/**
 * A WooCommerce refund of order lines reaches the provider as those lines: a real Dolyame (test
 * mode, the sidecar's simulator) payment, paid through the simulator's buyer form, refunded with
 * wc_create_refund() line items; the simulator's own record of the refund is the witness.
 *
 * @package RuPayments\Tests
 */

use RuPayments\Orders\OrderMeta;
use RuPayments\Plugin;

final class RefundItemsTest extends ShopTestCase {

	private function sidecar_url(): string {
		return rtrim( (string) getenv( 'RUP_SIDECAR_URL' ), '/' );
	}

	/** A Dolyame order for 2 kettles and a lamp, paid through the simulator's buyer form. */
	private function paid_dolyame_order(): WC_Order {
		$order = wc_create_order();
		$order->add_product( wc_get_product( $this->product( 'kettle' ) ), 2 );
		$order->add_product( wc_get_product( $this->product( 'lamp' ) ), 1 );
		$order->set_billing_email( 'shopper-' . wp_generate_password( 6, false ) . '@example.test' );
		$order->set_billing_phone( '+79990000000' );
		$order->set_payment_method( 'ru_payments_dolyame' );
		$order->set_currency( 'RUB' );
		$order->calculate_totals();
		$order->set_status( 'pending' );
		$order->save();

		$gateway = WC()->payment_gateways()->payment_gateways()['ru_payments_dolyame'];
		$result  = $gateway->process_payment( $order->get_id() );
		$this->assertSame( 'success', $result['result'] ?? null, 'payment created: ' . wp_json_encode( $result ) );
		$this->assertStringContainsString( '/sim/dolyame/form/', $result['redirect'] );

		$approve = wp_remote_post( $result['redirect'], array( 'body' => array( 'action' => 'approve' ), 'redirection' => 0 ) );
		$this->assertSame( 303, wp_remote_retrieve_response_code( $approve ), 'the buyer approved' );

		$payment_id = OrderMeta::payment_id( $this->reload( $order ) );
		$this->wait_until( fn (): bool => 'paid' === ( Plugin::instance()->client()->get_payment( $payment_id, true )['status'] ?? null ), 'the sidecar reports the payment paid' );
		$this->wait_until( fn (): bool => $this->reload( $order )->is_paid(), 'the order is paid (the sidecar event arrived)' );
		return $this->reload( $order );
	}

	private function wait_until( callable $condition, string $what ): void {
		for ( $i = 0; $i < 100; $i++ ) {
			if ( $condition() ) {
				return;
			}
			usleep( 200000 );
		}
		$this->fail( 'Still waiting: ' . $what );
	}

	/** @return array<string,mixed> The Dolyame simulator's view of the order. */
	private function simulator_order( WC_Order $order ): array {
		$payment  = Plugin::instance()->client()->get_payment( OrderMeta::payment_id( $order ) );
		$response = wp_remote_get( $this->sidecar_url() . '/sim/dolyame/control/orders/' . rawurlencode( (string) $payment['provider_payment_id'] ) );
		$this->assertSame( 200, wp_remote_retrieve_response_code( $response ) );
		return json_decode( wp_remote_retrieve_body( $response ), true );
	}

	private function line( WC_Order $order, string $product ): WC_Order_Item_Product {
		foreach ( $order->get_items() as $item ) {
			if ( $item instanceof WC_Order_Item_Product && $item->get_product_id() === $this->product( $product ) ) {
				return $item;
			}
		}
		$this->fail( 'No ' . $product . ' line' );
	}

	/**
	 * 1000 ₽ back on the lamp (a damaged one kept by the shopper). From the amount alone the
	 * sidecar would return one kettle (exactly 1000 ₽), so the simulator's record shows whether the
	 * shop's own line arrived.
	 */
	public function test_a_refund_on_the_lamp_line_reaches_dolyame_as_that_line(): void {
		$order = $this->paid_dolyame_order();
		$lamp  = $this->line( $order, 'lamp' );
		$this->assertSame( array(), array_filter( $lamp->get_taxes()['total'] ?? array() ), 'the test shop charges no tax' );

		$refund = wc_create_refund(
			array(
				'order_id'       => $order->get_id(),
				'amount'         => '1000.00',
				'reason'         => 'lamp damaged, kept by the shopper',
				'line_items'     => array(
					$lamp->get_id() => array(
						'qty'          => 1,
						'refund_total' => '1000.00',
					),
				),
				'refund_payment' => true,
			)
		);

		$this->assertInstanceOf( WC_Order_Refund::class, $refund, is_wp_error( $refund ) ? $refund->get_error_message() : '' );
		$this->assertTrue( $refund->get_refunded_payment() );
		$refunds = $this->simulator_order( $order )['refund_info']['items'] ?? array();
		$this->assertCount( 1, $refunds );
		$kopecks = static fn ( $rubles ): int => (int) round( (float) $rubles * 100 );
		$this->assertSame( 100000, $kopecks( $refunds[0]['refunded_amount'] ) );
		$returned = array_map( static fn ( array $i ): array => array( $i['name'], $i['quantity'], $kopecks( $i['price'] ) ), $refunds[0]['returned_items'] );
		$this->assertSame( array( array( $lamp->get_name(), 1, 100000 ) ), $returned, 'the refunded lamp line, not a kettle the sidecar picked for the amount' );
	}
}
