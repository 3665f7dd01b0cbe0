<?php
/**
 * Checkout block integrations: public data only, activity independent of the cart.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use Automattic\WooCommerce\Blocks\Assets\AssetDataRegistry;
use Automattic\WooCommerce\Blocks\Package;
use Automattic\WooCommerce\Blocks\Payments\PaymentMethodRegistry;
use RU_Payments_Test_State;
use RuPayments\Blocks\MethodIntegration;
use RuPayments\Gateways\Methods;
use WC_Product;

final class BlocksIntegrationTest extends TestCase {

	private const SECRETS = array( 'dolyame-password-XYZ', 'sber-password-XYZ', 'invoicebox-key-XYZ', 'token-XYZ' );

	private PaymentMethodRegistry $registry;

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar();
		$this->configure_provider( 'dolyame', array( 'login' => 'shop', 'password' => self::SECRETS[0], 'certPath' => '/c.pem', 'keyPath' => '/k.pem', 'authKey' => self::SECRETS[3] ) );
		$this->configure_provider( 'invoicebox', array( 'apiVersion' => 'v3', 'shopId' => '1', 'apiKey' => self::SECRETS[2], 'notificationToken' => self::SECRETS[3] ) );

		$plugin = $this->plugin();
		$this->gateway( Methods::INDIVIDUALS, array( 'min_total' => '100', 'max_total' => '' ), $plugin );
		$this->gateway( Methods::LEGAL, array( 'enabled' => 'no' ), $plugin );
		$this->gateway( Methods::DOLYAME, array( 'test_mode' => 'yes', 'error_email' => 'errors@shop.test' ), $plugin );
		$this->gateway( Methods::SBER_BNPL, array(), $plugin );
		$this->gateway( Methods::PAYLATE, array(), $plugin );
		$plugin->boot();

		$this->registry = new PaymentMethodRegistry();
		do_action( 'woocommerce_blocks_payment_method_type_registration', $this->registry );
	}

	public function test_one_integration_per_gateway(): void {
		$this->assertSame( array( Methods::INDIVIDUALS, Methods::LEGAL, Methods::DOLYAME, Methods::SBER_BNPL, Methods::PAYLATE ), array_keys( $this->registry->registered ) );
		$this->assertContainsOnlyInstancesOf( MethodIntegration::class, $this->registry->registered );
	}

	public function test_payment_method_data_keys_and_values(): void {
		$data = $this->registry->registered[ Methods::DOLYAME ]->get_payment_method_data();

		$this->assertSame( array( 'title', 'description', 'min_total', 'max_total', 'supports', 'icons', 'split', 'legal_entity', 'test_mode' ), array_keys( $data ) );
		$this->assertSame( 'Dolyame', $data['title'] );
		$this->assertNull( $data['min_total'] );
		$this->assertSame( 3000000, $data['max_total'] );
		$this->assertSame( array( 'products', 'refunds' ), $data['supports'] );
		$this->assertSame( array(), $data['icons'] );
		$this->assertSame( array( 'parts' => 4 ), $data['split'] );
		$this->assertFalse( $data['legal_entity'] );
		$this->assertTrue( $data['test_mode'] );

		$individuals = $this->registry->registered[ Methods::INDIVIDUALS ]->get_payment_method_data();
		$this->assertSame( 10000, $individuals['min_total'] );
		$this->assertNull( $individuals['max_total'] );
		$this->assertNull( $individuals['split'] );
		$this->assertTrue( $this->registry->registered[ Methods::LEGAL ]->get_payment_method_data()['legal_entity'] );
	}

	public function test_no_secret_reaches_the_browser(): void {
		$printed = json_encode( $this->registry->get_all_registered_script_data() + Package::container()->get( AssetDataRegistry::class )->printed() );

		foreach ( self::SECRETS as $secret ) {
			$this->assertStringNotContainsString( $secret, $printed );
		}
		$this->assertStringNotContainsString( self::SECRET, $printed );
		$this->assertStringNotContainsString( 'errors@shop.test', $printed );
		$this->assertStringNotContainsString( 'sidecar:8080', $printed );
	}

	public function test_is_active_ignores_the_cart(): void {
		$active = static fn ( PaymentMethodRegistry $registry ): array => array_keys( array_filter( $registry->registered, static fn ( $i ): bool => $i->is_active() ) );
		$expected = array( Methods::INDIVIDUALS, Methods::DOLYAME );

		$this->assertSame( $expected, $active( $this->registry ), 'no cart' );
		$this->cart( 50.00, new WC_Product( 1 ) ); // Below the individuals minimum.
		$this->assertSame( $expected, $active( $this->registry ) );
		$this->cart( 1000000.00, new WC_Product( 1 ) ); // Above the Dolyame maximum.
		$this->assertSame( $expected, $active( $this->registry ) );
		RU_Payments_Test_State::$options['woocommerce_currency'] = 'EUR';
		$this->assertSame( $expected, $active( $this->registry ) );
	}

	public function test_ru_payments_data_lists_the_active_methods(): void {
		$printed = Package::container()->get( AssetDataRegistry::class )->printed();

		$this->assertSame( array( 'methods' => array( Methods::INDIVIDUALS, Methods::DOLYAME ) ), $printed['ru_payments_data'] );
	}

	public function test_script_registration_and_translations(): void {
		$handles = $this->registry->registered[ Methods::DOLYAME ]->get_payment_method_script_handles();
		$this->registry->registered[ Methods::INDIVIDUALS ]->get_payment_method_script_handles();

		$this->assertSame( array( 'ru-payments-blocks' ), $handles );
		$script = RU_Payments_Test_State::$registered_scripts['ru-payments-blocks'];
		$this->assertStringEndsWith( '/build/index.js', $script['src'] );
		$this->assertTrue( $script['args'] );
		$this->assertSame( array( 'ru-payments-for-woocommerce', RU_PAYMENTS_PLUGIN_DIR . '/languages' ), RU_Payments_Test_State::$script_translations['ru-payments-blocks'] );
	}

	public function test_script_dependencies_come_from_the_asset_file(): void {
		$dir = sys_get_temp_dir() . '/ru-payments-plugin-' . bin2hex( random_bytes( 4 ) );
		mkdir( $dir . '/build', 0777, true );
		file_put_contents( $dir . '/build/index.asset.php', "<?php return array( 'dependencies' => array( 'wc-blocks-registry', 'wp-i18n' ), 'version' => 'abc123' );" );
		try {
			MethodIntegration::register_script( $dir . '/ru-payments-for-woocommerce.php', '9.9.9' );
			$script = RU_Payments_Test_State::$registered_scripts['ru-payments-blocks'];
			$this->assertSame( array( 'wc-blocks-registry', 'wp-i18n' ), $script['deps'] );
			$this->assertSame( 'abc123', $script['ver'] );
		} finally {
			unlink( $dir . '/build/index.asset.php' );
			rmdir( $dir . '/build' );
			rmdir( $dir );
		}
	}
}
