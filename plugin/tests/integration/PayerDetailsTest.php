<?php
/**
 * The legal-entity payer where the shop manager looks, on real WooCommerce: the order screen hook
 * and the admin's new-order e-mail as WooCommerce's own WC_Email sends it.
 *
 * @package RuPayments\Tests
 */

final class PayerDetailsTest extends ShopTestCase {

	private const PAYER = array(
		'type'          => 'entrepreneur',
		'name'          => 'ИП Иванов Иван Иванович',
		'inn'           => '500100732259',
		'kpp'           => '',
		'legal_address' => '125009, г. Москва, ул. Тверская, д. 1',
	);

	private function invoice_order(): WC_Order {
		$product_id = (int) json_decode( (string) getenv( 'RUP_SHOP_INFO' ), true )['products']['kettle'];
		$order      = $this->pending_order( $product_id, 'ru_payments_legal' );
		$order->update_meta_data( '_ru_payments_payer', self::PAYER );
		$order->save();
		return $order;
	}

	public function test_the_order_screen_shows_the_payer(): void {
		$order = $this->invoice_order();
		ob_start();
		do_action( 'woocommerce_admin_order_data_after_billing_address', $order );
		$html = (string) ob_get_clean();

		$this->assertStringContainsString( 'ИП Иванов Иван Иванович', $html );
		$this->assertStringContainsString( '500100732259', $html );
		$this->assertStringContainsString( 'ул. Тверская', $html );
		$this->assertStringNotContainsString( 'KPP', $html, 'a sole trader has no KPP' );
	}

	public function test_the_admin_new_order_email_carries_the_payer_and_the_customer_email_does_not(): void {
		$order = $this->invoice_order();
		[ [ $status, $body ] ] = $this->deliver_parallel( array( $this->event( $order, 'paid' ) ) );
		$this->assertSame( 200, $status, $body );

		$mails = $this->mails_for( $order );
		$admin = array_values( array_filter( $mails, static fn( $m ) => str_contains( $m['to'], (string) get_option( 'admin_email' ) ) ) );
		$other = array_values( array_filter( $mails, static fn( $m ) => ! str_contains( $m['to'], (string) get_option( 'admin_email' ) ) ) );
		$this->assertCount( 1, $admin );
		$this->assertStringContainsString( '500100732259', $admin[0]['message'] );
		$this->assertNotEmpty( $other );
		$this->assertStringNotContainsString( '500100732259', $other[0]['message'] );
	}
}
