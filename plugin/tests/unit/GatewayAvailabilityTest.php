<?php
/**
 * is_available(): limits, currency, BNPL provider configuration and profiles — from data only.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Gateways\Methods;
use WC_Order;
use WC_Order_Item_Product;
use WC_Product;

final class GatewayAvailabilityTest extends TestCase {

	private const DOLYAME = array(
		'login'    => 'shop',
		'password' => 'dolyame-password',
		'certPath' => '/etc/dolyame/cert.pem',
		'keyPath'  => '/etc/dolyame/key.pem',
	);

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar();
		$this->configure_provider( 'dolyame', self::DOLYAME );
	}

	public function totals(): array {
		return array(
			'29 999 ₽'    => array( 29999.00, true ),
			'30 000 ₽'    => array( 30000.00, true ),
			'30 000.01 ₽' => array( 30000.01, false ),
			'30 001 ₽'    => array( 30001.00, false ),
		);
	}

	/**
	 * @dataProvider totals
	 */
	public function test_dolyame_default_maximum_is_inclusive( float $total, bool $available ): void {
		$gateway = $this->gateway( Methods::DOLYAME );
		$this->cart( $total, new WC_Product( 1 ) );

		$this->assertSame( $available, $gateway->is_available() );
		$this->assertSame( 3000000, $gateway->limits()->max );
	}

	public function test_float_noise_in_the_cart_total_is_rounded_by_woocommerce_first(): void {
		$gateway = $this->gateway( Methods::DOLYAME );
		$this->cart( 29999.999999999996, new WC_Product( 1 ) ); // WooCommerce computed 30 000.00.

		$this->assertTrue( $gateway->is_available() );
	}

	public function test_minimum_is_inclusive(): void {
		$gateway = $this->gateway( Methods::INDIVIDUALS, array( 'min_total' => '1000', 'max_total' => '' ) );

		$this->cart( 999.99, new WC_Product( 1 ) );
		$this->assertFalse( $gateway->is_available() );
		$this->cart( 1000.00, new WC_Product( 1 ) );
		$this->assertTrue( $gateway->is_available() );
		$this->cart( 5000000.00, new WC_Product( 1 ) );
		$this->assertTrue( $gateway->is_available(), 'no maximum' );
	}

	public function test_only_roubles(): void {
		$gateway = $this->gateway( Methods::INDIVIDUALS );
		$this->cart( 100.00, new WC_Product( 1 ) );
		RU_Payments_Test_State::$options['woocommerce_currency'] = 'USD';

		$this->assertFalse( $gateway->is_available() );
	}

	public function test_disabled_gateway_is_not_available(): void {
		$gateway = $this->gateway( Methods::INDIVIDUALS, array( 'enabled' => 'no' ) );
		$this->cart( 100.00, new WC_Product( 1 ) );

		$this->assertFalse( $gateway->is_available() );
	}

	public function test_bnpl_needs_its_provider_configured(): void {
		$this->cart( 100.00, new WC_Product( 1 ) );
		$this->assertFalse( $this->gateway( Methods::SBER_BNPL )->is_available(), 'Sber not configured' );
		$this->assertFalse( $this->gateway( Methods::PAYLATE )->is_available(), 'IntellectMoney not configured' );

		$this->configure_provider( 'sber', array( 'userName' => 'shop-api' ) );
		$this->assertFalse( $this->gateway( Methods::SBER_BNPL )->is_available(), 'password missing' );

		$this->configure_provider( 'sber', array( 'userName' => 'shop-api', 'password' => 'p' ) );
		$this->assertTrue( $this->gateway( Methods::SBER_BNPL )->is_available() );

		// Invoicebox methods are served by the sidecar's own configuration too: not required here.
		$this->assertTrue( $this->gateway( Methods::INDIVIDUALS )->is_available() );
	}

	public function test_bnpl_in_test_mode_needs_no_credentials(): void {
		$this->cart( 100.00, new WC_Product( 1 ) );
		$this->assertFalse( $this->gateway( Methods::SBER_BNPL )->is_available(), 'live mode still needs Sber configured' );
		$this->assertTrue( $this->gateway( Methods::SBER_BNPL, array( 'test_mode' => 'yes' ) )->is_available(), 'the simulator stands in' );
		$this->assertTrue( $this->gateway( Methods::PAYLATE, array( 'test_mode' => 'yes' ) )->is_available() );
	}

	public function test_bnpl_provider_must_be_configured_for_the_carts_profile(): void {
		$product = RU_Payments_Test_State::add_product( new WC_Product( 5 ) );
		$product->update_meta_data( '_ru_payments_profile', 'seller2' );
		RU_Payments_Test_State::$options['ru_payments_profiles'] = array( 'seller2' );
		$this->cart( 100.00, $product );

		$this->assertFalse( $this->gateway( Methods::DOLYAME )->is_available(), 'only the default profile is configured' );

		$this->configure_provider( 'dolyame', self::DOLYAME, 'seller2' );
		$this->assertTrue( $this->gateway( Methods::DOLYAME )->is_available() );
	}

	public function test_products_of_different_profiles_make_every_method_unavailable(): void {
		RU_Payments_Test_State::$options['ru_payments_profiles'] = array( 'seller2' );
		$own    = new WC_Product( 1 );
		$seller = new WC_Product( 2 );
		$seller->update_meta_data( '_ru_payments_profile', 'seller2' );
		$this->cart( 100.00, $own, $seller );

		foreach ( array( Methods::INDIVIDUALS, Methods::LEGAL, Methods::DOLYAME ) as $id ) {
			$this->assertFalse( $this->gateway( $id )->is_available(), $id );
		}

		$this->cart( 100.00, $seller, $seller );
		$this->configure_provider( 'dolyame', self::DOLYAME, 'seller2' );
		$this->assertTrue( $this->gateway( Methods::DOLYAME )->is_available(), 'one seller' );
	}

	public function test_mixed_cart_notice_on_classic_checkout(): void {
		RU_Payments_Test_State::$options['ru_payments_profiles'] = array( 'seller2' );
		$seller = new WC_Product( 2 );
		$seller->update_meta_data( '_ru_payments_profile', 'seller2' );
		$plugin = $this->plugin();
		$this->gateway( Methods::INDIVIDUALS, array(), $plugin );
		$plugin->boot();

		$this->cart( 100.00, new WC_Product( 1 ) );
		ob_start();
		do_action( 'woocommerce_review_order_before_payment' );
		$this->assertSame( '', ob_get_clean() );

		$this->cart( 100.00, new WC_Product( 1 ), $seller );
		ob_start();
		do_action( 'woocommerce_review_order_before_payment' );
		$this->assertStringContainsString( 'These products are sold by different sellers; please place separate orders.', (string) ob_get_clean() );
	}

	public function test_mixed_cart_notice_on_the_checkout_block(): void {
		RU_Payments_Test_State::$options['ru_payments_profiles'] = array( 'seller2' );
		$seller = new WC_Product( 2 );
		$seller->update_meta_data( '_ru_payments_profile', 'seller2' );
		$plugin = $this->plugin();
		$this->gateway( Methods::INDIVIDUALS, array(), $plugin );
		$plugin->boot();
		$this->cart( 100.00, new WC_Product( 1 ), $seller );

		RU_Payments_Test_State::$page = '';
		do_action( 'template_redirect' );
		RU_Payments_Test_State::$page = 'checkout';
		do_action( 'template_redirect' );
		$this->assertSame( array(), RU_Payments_Test_State::$notices, 'classic checkout prints its own notice in the payment step' );

		RU_Payments_Test_State::$page = 'checkout-block';
		do_action( 'template_redirect' );
		$this->assertSame( array( 'These products are sold by different sellers; please place separate orders.' ), array_column( RU_Payments_Test_State::$notices, 'message' ) );

		RU_Payments_Test_State::$notices = array();
		$this->cart( 100.00, new WC_Product( 1 ) );
		do_action( 'template_redirect' );
		$this->assertSame( array(), RU_Payments_Test_State::$notices );
	}

	public function test_pay_for_order_page_uses_the_order_total(): void {
		$gateway = $this->gateway( Methods::DOLYAME );
		$this->cart( 100.00, new WC_Product( 1 ) );
		$order        = RU_Payments_Test_State::add_order( new WC_Order( 77, 'pending', Methods::DOLYAME ) );
		$order->total = '30000.01';
		$order->add_test_item( new WC_Order_Item_Product( 'Чайник', '30000.01', '0', array(), 1, new WC_Product( 1 ) ) );
		RU_Payments_Test_State::$query_vars['order-pay'] = '77';

		$this->assertFalse( $gateway->is_available() );

		$order->total = '30000.00';
		$this->assertTrue( $gateway->is_available() );
	}

	public function test_no_cart_means_no_limit_check_and_never_a_remote_call(): void {
		$gateway = $this->gateway( Methods::DOLYAME );

		$this->assertTrue( $gateway->is_available() );
		$this->cart( 100.00, new WC_Product( 1 ) );
		$gateway->is_available();
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_limits_are_saved_as_decimal_text_and_invalid_input_is_refused(): void {
		$gateway = $this->gateway( Methods::INDIVIDUALS, array( 'min_total' => '100' ) );
		$_POST   = array(
			'woocommerce_ru_payments_individuals_enabled'   => '1',
			'woocommerce_ru_payments_individuals_min_total' => '1 500,5',
			'woocommerce_ru_payments_individuals_max_total' => 'a lot',
			'woocommerce_ru_payments_individuals_error_email' => 'not an address',
		);

		$gateway->process_admin_options();

		$saved = RU_Payments_Test_State::$options['woocommerce_ru_payments_individuals_settings'];
		$this->assertSame( '1500.50', $saved['min_total'] );
		$this->assertSame( '', $saved['max_total'], 'the previous (empty) value is kept' );
		$this->assertSame( '', $saved['error_email'] );
		$this->assertCount( 2, \WC_Admin_Settings::$errors );
		$this->assertSame( 150050, $gateway->limits()->min );
	}

	public function test_dolyame_maximum_may_be_lowered_but_never_cleared_or_raised_above_30000(): void {
		$gateway = $this->gateway( Methods::DOLYAME, array( 'max_total' => '10000' ) );
		$this->assertSame( 1000000, $gateway->limits()->max );

		foreach ( array( '' => '30000', '45000' => '30000', '9500.50' => '9500.50' ) as $posted => $kept ) {
			\WC_Admin_Settings::$errors = array();
			$_POST = array(
				'woocommerce_ru_payments_dolyame_enabled'   => '1',
				'woocommerce_ru_payments_dolyame_max_total' => (string) $posted,
			);
			$gateway->process_admin_options();
			$saved = RU_Payments_Test_State::$options['woocommerce_ru_payments_dolyame_settings'];
			$this->assertSame( $kept, $saved['max_total'], "posted \"{$posted}\"" );
			$this->assertCount( '9500.50' === $kept ? 0 : 1, \WC_Admin_Settings::$errors );
		}

		// A value saved before the cap existed (cleared or higher) is still held to it.
		$this->assertSame( 3000000, $this->gateway( Methods::DOLYAME, array( 'max_total' => '' ) )->limits()->max );
		$this->assertSame( 3000000, $this->gateway( Methods::DOLYAME, array( 'max_total' => '50000' ) )->limits()->max );
		$this->assertNull( $this->gateway( Methods::INDIVIDUALS, array( 'max_total' => '' ) )->limits()->max );
	}

	public function test_gateway_basics(): void {
		$gateway = $this->gateway( Methods::LEGAL );

		$this->assertSame( array( 'products', 'refunds' ), $gateway->supports );
		$this->assertTrue( $gateway->has_fields );
		$this->assertSame( 'invoicebox', $gateway->provider() );
		$this->assertSame( 'Pay by invoice (companies and sole traders)', $gateway->get_title() );

		$other = $this->gateway( Methods::INDIVIDUALS, array( 'provider' => 'dolyame' ) );
		$this->assertSame( 'invoicebox', $other->provider(), 'a provider that cannot serve the method falls back to the default' );
		$this->assertSame( 'Card, SBP or online banking', $other->get_title() );
	}

	public function test_split_preview_shows_four_parts_that_add_up(): void {
		$gateway = $this->gateway( Methods::DOLYAME );
		$this->cart( 10000.01, new WC_Product( 1 ) );

		ob_start();
		$gateway->payment_fields();
		$html = (string) ob_get_clean();

		$this->assertStringContainsString( 'data-parts="4"', $html );
		$this->assertStringContainsString( '4 payments of 25%', $html );
		$this->assertStringContainsString( "2\u{00A0}500,01", $html, 'the first part takes the remainder' );
		$this->assertStringContainsString( "3 × <span class=\"woocommerce-Price-amount amount\">2\u{00A0}500,00", $html );
	}

	public function test_minimum_above_maximum_is_reported(): void {
		$gateway = $this->gateway( Methods::INDIVIDUALS );
		$_POST   = array(
			'woocommerce_ru_payments_individuals_min_total' => '500',
			'woocommerce_ru_payments_individuals_max_total' => '100',
		);

		$gateway->process_admin_options();

		$this->assertSame( array( 'The minimum order total is above the maximum, so this payment method will never be offered.' ), \WC_Admin_Settings::$errors );
	}
}
