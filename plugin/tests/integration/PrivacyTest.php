<?php
/**
 * The personal-data exporter and eraser as WordPress's Tools → Export / Erase Personal Data call
 * them (through the registered callbacks), and the suggested privacy-policy text, on the real shop.
 *
 * @package RuPayments\Tests
 */

final class PrivacyTest extends ShopTestCase {

	private const PAYER = array(
		'type'          => 'organization',
		'name'          => 'ООО «Ромашка»',
		'inn'           => '7707083893',
		'kpp'           => '773601001',
		'legal_address' => '117997, г. Москва, ул. Вавилова, д. 19',
	);

	private string $email;
	private string $erasure_setting;

	protected function setUp(): void {
		$this->email           = 'privacy-' . wp_generate_password( 8, false ) . '@example.test';
		$this->erasure_setting = (string) get_option( 'woocommerce_erasure_request_removes_order_data', 'no' );
	}

	protected function tearDown(): void {
		update_option( 'woocommerce_erasure_request_removes_order_data', $this->erasure_setting );
	}

	private function paid_invoice_order( string $email ): WC_Order {
		$order = $this->pending_order( $this->product( 'kettle' ), 'ru_payments_legal' );
		$order->set_billing_email( $email );
		$order->update_meta_data( '_ru_payments_payer', self::PAYER );
		$order->update_meta_data( '_ru_payments_provider', 'invoicebox' );
		$order->update_meta_data( '_ru_payments_provider_payment_id', 'ib-' . $order->get_id() );
		$order->update_meta_data( '_ru_payments_payment_id', 'pay_' . $order->get_id() . '_2' );
		$order->update_meta_data( '_ru_payments_attempt_payments', array( 'pay_' . $order->get_id() . '_1' => 1, 'pay_' . $order->get_id() . '_2' => 2 ) );
		$order->save();
		return $order;
	}

	/** @return callable */
	private function privacy_callback( string $filter, string $key ): callable {
		$registered = apply_filters( $filter, array() );
		$this->assertArrayHasKey( 'ru-payments-for-woocommerce', $registered );
		return $registered['ru-payments-for-woocommerce'][ $key ];
	}

	public function test_the_export_holds_the_payer_and_the_payment_references_of_that_shopper_only(): void {
		$mine   = $this->paid_invoice_order( $this->email );
		$others = $this->paid_invoice_order( 'someone-else-' . wp_generate_password( 6, false ) . '@example.test' );

		$export = $this->privacy_callback( 'wp_privacy_personal_data_exporters', 'callback' )( $this->email, 1 );

		$this->assertTrue( $export['done'] );
		$this->assertSame( array( 'ru-payments-order-' . $mine->get_id() ), array_column( $export['data'], 'item_id' ) );
		$values = array_column( $export['data'][0]['data'], 'value', 'name' );
		$this->assertSame( 'ООО «Ромашка»', $values['Company or sole trader'] );
		$this->assertSame( '7707083893', $values['INN'] );
		$this->assertSame( '773601001', $values['KPP'] );
		$this->assertSame( self::PAYER['legal_address'], $values['Legal address'] );
		$this->assertSame( 'ib-' . $mine->get_id() . ' (invoicebox)', $values['Payment id at the payment provider'] );
		$this->assertSame( 'pay_' . $mine->get_id() . '_1, pay_' . $mine->get_id() . '_2', $values['Payment attempts at the RU Payments sidecar'] );
		$this->assertStringNotContainsString( 'ib-' . $others->get_id() . ' ', (string) wp_json_encode( $export, JSON_UNESCAPED_UNICODE ) );
	}

	public function test_erasure_keeps_the_details_while_the_shop_keeps_order_data(): void {
		update_option( 'woocommerce_erasure_request_removes_order_data', 'no' );
		$order = $this->paid_invoice_order( $this->email );

		$result = $this->privacy_callback( 'wp_privacy_personal_data_erasers', 'callback' )( $this->email, 1 );

		$this->assertFalse( $result['items_removed'] );
		$this->assertTrue( $result['items_retained'] );
		$this->assertSame( self::PAYER, $this->reload( $order )->get_meta( '_ru_payments_payer', true ) );
	}

	public function test_erasure_removes_the_payer_and_the_references_and_nothing_of_other_shoppers(): void {
		update_option( 'woocommerce_erasure_request_removes_order_data', 'yes' );
		$mine   = $this->paid_invoice_order( $this->email );
		$others = $this->paid_invoice_order( 'someone-else-' . wp_generate_password( 6, false ) . '@example.test' );

		$result = $this->privacy_callback( 'wp_privacy_personal_data_erasers', 'callback' )( $this->email, 1 );

		$this->assertTrue( $result['items_removed'] );
		$this->assertTrue( $result['done'] );
		$fresh = $this->reload( $mine );
		foreach ( array( '_ru_payments_payer', '_ru_payments_provider_payment_id', '_ru_payments_payment_id', '_ru_payments_attempt_payments' ) as $key ) {
			$this->assertSame( '', $fresh->get_meta( $key, true ), $key );
		}
		$this->assertSame( array(), $this->privacy_callback( 'wp_privacy_personal_data_exporters', 'callback' )( $this->email, 1 )['data'] );
		$this->assertSame( self::PAYER, $this->reload( $others )->get_meta( '_ru_payments_payer', true ) );
	}

	public function test_the_policy_guide_suggests_text_about_the_sidecar_and_the_providers(): void {
		require_once ABSPATH . 'wp-admin/includes/class-wp-privacy-policy-content.php';
		require_once ABSPATH . 'wp-admin/includes/misc.php';
		require_once ABSPATH . 'wp-admin/includes/class-wp-screen.php';
		require_once ABSPATH . 'wp-admin/includes/screen.php';
		set_current_screen( 'options-privacy' ); // wp_add_privacy_policy_content() works in wp-admin only.
		// admin_init with only the plugin's own callback on it (the rest of wp-admin is not booted here).
		$saved = $GLOBALS['wp_filter']['admin_init'];
		$ours  = array();
		foreach ( $saved->callbacks as $callbacks ) {
			foreach ( $callbacks as $callback ) {
				if ( is_array( $callback['function'] ) && $callback['function'][0] instanceof \RuPayments\Privacy\PrivacyPolicy ) {
					$ours[] = $callback['function'];
				}
			}
		}
		$this->assertCount( 1, $ours, 'the policy text is added on admin_init' );
		remove_all_actions( 'admin_init' );
		add_action( 'admin_init', $ours[0] );
		try {
			do_action( 'admin_init' );
		} finally {
			$GLOBALS['wp_filter']['admin_init'] = $saved;
			$GLOBALS['current_screen']          = null;
		}

		$policies = array_column( WP_Privacy_Policy_Content::get_suggested_policy_text(), 'policy_text', 'plugin_name' );

		$this->assertArrayHasKey( 'RU Payments for WooCommerce', $policies );
		$this->assertStringContainsString( 'INN', $policies['RU Payments for WooCommerce'] );
		$this->assertStringContainsString( 'Invoicebox', $policies['RU Payments for WooCommerce'] );
	}
}
