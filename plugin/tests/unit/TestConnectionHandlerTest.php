<?php
/**
 * The "Test connection" admin-ajax handler.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Admin\TestConnectionHandler;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Logger;
use WP_Send_Json_Double;

final class TestConnectionHandlerTest extends TestCase {

	private TestConnectionHandler $handler;

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar();
		$settings      = new SidecarSettings();
		$this->handler = new TestConnectionHandler( new SidecarClient( $settings, new Logger(), '0.1.0' ), $settings );
		$this->handler->register();
	}

	private function authorise( bool $nonce = true, bool $capability = true ): void {
		$_REQUEST['nonce']           = $nonce ? wp_create_nonce( TestConnectionHandler::ACTION ) : 'forged';
		RU_Payments_Test_State::$caps = $capability ? array( 'manage_woocommerce' ) : array( 'edit_posts' );
	}

	private function call(): WP_Send_Json_Double {
		try {
			do_action( 'wp_ajax_' . TestConnectionHandler::ACTION );
		} catch ( WP_Send_Json_Double $response ) {
			return $response;
		}
		$this->fail( 'The handler must answer with wp_send_json_*().' );
	}

	public function test_refuses_without_a_nonce(): void {
		RU_Payments_Test_State::$caps = array( 'manage_woocommerce' );

		$response = $this->call();

		$this->assertFalse( $response->success );
		$this->assertSame( 403, $response->status );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_refuses_with_a_forged_nonce(): void {
		$this->authorise( false, true );

		$response = $this->call();

		$this->assertSame( 403, $response->status );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_refuses_without_manage_woocommerce(): void {
		$this->authorise( true, false );

		$response = $this->call();

		$this->assertFalse( $response->success );
		$this->assertSame( 403, $response->status );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_success_reports_version_and_providers(): void {
		$this->authorise();
		RU_Payments_Test_State::queue_http_response( 200, '{"ok":true,"store":"ok","version":"0.3.1","providers":["toy","yookassa"]}' );

		$response = $this->call();

		$this->assertTrue( $response->success );
		$this->assertSame( 'Connected. Sidecar version 0.3.1, providers: toy, yookassa.', $response->data['message'] );
		$this->assertSame( array( 'toy', 'yookassa' ), $response->data['providers'] );
		$this->assertSame( 'http://sidecar:8080/v1/readyz', RU_Payments_Test_State::$http_requests[0]['url'] );
	}

	public function errors(): array {
		return array(
			'unreachable'  => array( null, 'Could not reach the sidecar at http://sidecar:8080: cURL error 7' ),
			'unauthorized' => array( array( 401, '{"error":{"code":"unauthorized","message":"bad signature"}}' ), 'rejected the request signature' ),
			'not sidecar'  => array( array( 200, '<html></html>' ), 'answered HTTP 200 but not like the sidecar' ),
			'not ready'    => array( array( 503, '{"error":{"code":"not_ready","message":"store unavailable"}}' ), 'The sidecar answered HTTP 503: store unavailable' ),
			'ok false'     => array( array( 200, '{"ok":false}' ), 'not ready' ),
		);
	}

	/**
	 * @dataProvider errors
	 */
	public function test_failures_give_a_clear_message_without_the_secret( ?array $answer, string $expected ): void {
		$this->authorise();
		if ( null === $answer ) {
			RU_Payments_Test_State::queue_http_error( 'cURL error 7' );
		} else {
			RU_Payments_Test_State::queue_http_response( ...$answer );
		}

		$response = $this->call();

		$this->assertFalse( $response->success );
		$this->assertStringContainsString( $expected, $response->data['message'] );
		$this->assertStringNotContainsString( self::SECRET, json_encode( $response->data ) );
	}

	public function test_not_configured_is_explained(): void {
		$this->authorise();
		RU_Payments_Test_State::$options['ru_payments_sidecar_secret'] = '';

		$response = $this->call();

		$this->assertStringContainsString( 'at least 32 characters', $response->data['message'] );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}
}
