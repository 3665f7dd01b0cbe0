<?php
/**
 * Status screen: on-demand sidecar check and "Send test callback"; product and category profiles.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Admin\CategoryProfileField;
use RuPayments\Admin\ProductProfileField;
use RuPayments\Admin\SidecarStatusHandler;
use RuPayments\Admin\StatusSection;
use RuPayments\Admin\TestCallbackHandler;
use RuPayments\Admin\TestConnectionHandler;
use RuPayments\Profiles\Profiles;
use RuPayments\Providers\ProviderDirectory;
use RuPayments\Providers\ProviderSettings;
use RuPayments\Rest\EventsController;
use RuPayments\Settings\CallbackMode;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Logger;
use WC_Product;
use WP_Send_Json_Double;
use WP_Term;

final class AdminStatusTest extends TestCase {

	private ProviderDirectory $directory;

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar();
		$client          = new SidecarClient( new SidecarSettings(), new Logger() );
		$this->directory = new ProviderDirectory( $client );
		$explainer       = new TestConnectionHandler( $client, new SidecarSettings() );
		( new TestCallbackHandler( $client, new CallbackMode( $this->directory ), new Profiles(), $explainer ) )->register();
		( new SidecarStatusHandler( $client, $this->directory, $explainer ) )->register();
	}

	private function ajax( string $action, array $post = array(), bool $nonce = true, bool $capability = true ): WP_Send_Json_Double {
		$_POST = $_REQUEST = $post + array( 'nonce' => $nonce ? wp_create_nonce( $action ) : 'forged' );
		RU_Payments_Test_State::$caps = $capability ? array( 'manage_woocommerce' ) : array( 'edit_posts' );
		try {
			do_action( 'wp_ajax_' . $action );
		} catch ( WP_Send_Json_Double $response ) {
			return $response;
		}
		$this->fail( 'The handler must answer with wp_send_json_*().' );
	}

	public function test_test_callback_needs_a_nonce_and_the_capability(): void {
		$this->assertSame( 403, $this->ajax( TestCallbackHandler::ACTION, array( 'provider' => 'sber' ), false )->status );
		$this->assertSame( 403, $this->ajax( TestCallbackHandler::ACTION, array( 'provider' => 'sber' ), true, false )->status );
		$this->assertSame( 400, $this->ajax( TestCallbackHandler::ACTION, array( 'provider' => 'paypal' ) )->status );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_test_callback_in_relay_mode_targets_this_site(): void {
		RU_Payments_Test_State::queue_http_response( 200, '{"ok":true,"status":200,"body":"OK"}' );

		$response = $this->ajax( TestCallbackHandler::ACTION, array( 'provider' => 'sber', 'profile' => 'default' ) );

		$this->assertTrue( $response->success );
		$this->assertSame( 'OK: the test notification was delivered and accepted (HTTP 200).', $response->data['message'] );
		$this->assertSame( 'http://sidecar:8080/v1/providers/sber/test-callback', RU_Payments_Test_State::$http_requests[0]['url'] );
		$this->assertSame( array( 'profile' => 'default', 'url' => 'https://shop.test/wp-json/ru-payments/v1/callback/sber' ), json_decode( RU_Payments_Test_State::$http_requests[0]['args']['body'], true ) );
	}

	public function test_test_callback_in_direct_mode_lets_the_sidecar_use_its_own_url_and_reports_errors(): void {
		RU_Payments_Test_State::$options[ CallbackMode::OPTION ] = CallbackMode::DIRECT;
		RU_Payments_Test_State::queue_http_response( 200, '{"ok":false,"status":403,"body":"<b>signature mismatch</b>"}' );

		$response = $this->ajax( TestCallbackHandler::ACTION, array( 'provider' => 'invoicebox' ) );

		$this->assertFalse( $response->success );
		$this->assertSame( 'The test notification was not accepted (HTTP 403): signature mismatch', $response->data['message'] );
		$this->assertSame( array( 'profile' => 'default' ), json_decode( RU_Payments_Test_State::$http_requests[0]['args']['body'], true ) );
	}

	public function test_sidecar_check_refreshes_the_provider_states(): void {
		RU_Payments_Test_State::queue_http_response( 200, '{"ok":true,"store":"ok","version":"0.3.0","providers":["koshelek"]}' );
		RU_Payments_Test_State::queue_http_response( 200, '{"providers":[{"id":"koshelek","name":"Koshelek","configured":true,"callback_url":"https://pay.test/callbacks/koshelek"}]}' );

		$response = $this->ajax( SidecarStatusHandler::ACTION );

		$this->assertTrue( $response->success );
		$this->assertSame( 'The sidecar is reachable (version 0.3.0).', $response->data['message'] );
		$this->assertSame( 'configured', $response->data['providers']['koshelek'] );
		$this->assertSame( 'not configured', $response->data['providers']['sber'] );
		$this->assertTrue( $this->directory->is_configured_in_sidecar( 'koshelek' ) );
	}

	public function test_a_provider_the_sidecar_disabled_shows_why_in_words(): void {
		RU_Payments_Test_State::queue_http_response( 200, '{"ok":true,"store":"ok","version":"0.3.0","providers":["sber"]}' );
		RU_Payments_Test_State::queue_http_response( 200, '{"providers":[{"id":"koshelek","name":"Koshelek","configured":false,"profiles":[],"config_error":"Invalid configuration: providers.koshelek.storeId: Required <b>x</b>","callback_url":"https://pay.test/callbacks/koshelek"}]}' );

		$response = $this->ajax( SidecarStatusHandler::ACTION );
		ob_start();
		( new StatusSection( new Profiles(), new ProviderSettings(), $this->directory ) )->output();
		$html = (string) ob_get_clean();

		$this->assertStringStartsWith( 'disabled: the sidecar\'s configuration file has an error in this provider\'s settings', $response->data['providers']['koshelek'] );
		$this->assertStringEndsWith( 'The sidecar says: Invalid configuration: providers.koshelek.storeId: Required x', $response->data['providers']['koshelek'] );
		$this->assertSame( 'not configured', $response->data['providers']['sber'] );
		$this->assertStringContainsString( 'The sidecar says: Invalid configuration: providers.koshelek.storeId: Required x', $html );
	}

	public function test_status_screen_makes_no_remote_call_and_shows_what_is_known(): void {
		$this->configure_provider( 'sber', array( 'userName' => 'u', 'password' => 'sber-SECRET' ) );
		RU_Payments_Test_State::$options[ EventsController::OPTION_LAST_EVENT ] = array( 'sber' => 1764072000 );

		ob_start();
		( new StatusSection( new Profiles(), new ProviderSettings(), $this->directory ) )->output();
		$html = (string) ob_get_clean();

		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
		$this->assertStringContainsString( 'id="ru-payments-sidecar-status"', $html );
		$this->assertSame( 5, substr_count( $html, 'class="button ru-payments-test-callback"' ) );
		$this->assertStringContainsString( 'Configured: default', $html );
		$this->assertStringContainsString( '2025-11-25 12:00', $html );
		$this->assertStringContainsString( 'unknown (check the sidecar)', $html );
		$this->assertStringNotContainsString( 'sber-SECRET', $html );
		$this->assertTrue( $GLOBALS['hide_save_button'] );
		unset( $GLOBALS['hide_save_button'] );
	}

	public function test_product_profile_is_saved_as_product_meta(): void {
		RU_Payments_Test_State::$options['ru_payments_profiles'] = array( 'seller2' );
		RU_Payments_Test_State::$caps                          = array( 'edit_product' );
		$field   = new ProductProfileField( new Profiles() );
		$product = new WC_Product( 4 );

		$_POST = array( '_ru_payments_profile' => 'seller2' );
		$field->save( $product );
		$this->assertSame( 'seller2', $product->get_meta( '_ru_payments_profile' ) );

		$_POST = array( '_ru_payments_profile' => 'unknown' );
		$field->save( $product );
		$this->assertSame( 'seller2', $product->get_meta( '_ru_payments_profile' ), 'unknown profiles are ignored' );

		$_POST = array( '_ru_payments_profile' => '' );
		$field->save( $product );
		$this->assertSame( '', $product->get_meta( '_ru_payments_profile' ) );

		$GLOBALS['product_object'] = $product;
		ob_start();
		$field->render();
		$html = (string) ob_get_clean();
		unset( $GLOBALS['product_object'] );
		$this->assertStringContainsString( '<option value="seller2">seller2</option>', $html );
	}

	public function test_category_profile_needs_the_nonce_and_capability(): void {
		RU_Payments_Test_State::$options['ru_payments_profiles'] = array( 'seller2' );
		$field = new CategoryProfileField( new Profiles() );

		RU_Payments_Test_State::$caps = array( 'manage_product_terms' );
		$_POST                        = array( 'ru_payments_profile' => 'seller2' );
		$field->save( 12 );
		$this->assertSame( '', get_term_meta( 12, 'ru_payments_profile', true ), 'no nonce' );

		$_POST = array( 'ru_payments_profile' => 'seller2', CategoryProfileField::NONCE => wp_create_nonce( CategoryProfileField::NONCE ) );
		RU_Payments_Test_State::$caps = array();
		$field->save( 12 );
		$this->assertSame( '', get_term_meta( 12, 'ru_payments_profile', true ), 'no capability' );

		RU_Payments_Test_State::$caps = array( 'manage_product_terms' );
		$field->save( 12 );
		$this->assertSame( 'seller2', get_term_meta( 12, 'ru_payments_profile', true ) );

		ob_start();
		$field->render_edit( new WP_Term( 12 ) );
		$this->assertStringContainsString( "value=\"seller2\"  selected='selected'", (string) ob_get_clean() );
	}
}
