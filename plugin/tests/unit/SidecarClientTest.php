<?php
/**
 * Signed calls to the sidecar through wp_remote_request().
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Signing\RequestSigner;
use RuPayments\Support\Logger;

final class SidecarClientTest extends TestCase {

	private const NOW = 1764072000;

	private function client(): SidecarClient {
		return new SidecarClient( new SidecarSettings(), new Logger(), '0.1.0', static fn (): int => self::NOW );
	}

	private function last_request(): array {
		return RU_Payments_Test_State::$http_requests[ count( RU_Payments_Test_State::$http_requests ) - 1 ];
	}

	private function assert_signed( array $request, string $method, string $target ): void {
		$headers = $request['args']['headers'];
		$signer  = new RequestSigner( self::SECRET, static fn (): int => self::NOW );
		$this->assertSame( (string) self::NOW, $headers['X-RUP-Timestamp'] );
		$this->assertTrue(
			$signer->is_valid( $method, $target, (string) $request['args']['body'], $headers['X-RUP-Timestamp'], $headers['X-RUP-Nonce'], $headers['X-RUP-Signature'] ),
			'signature must verify over the exact bytes sent'
		);
	}

	public function test_ready_sends_a_signed_get_and_returns_the_decoded_json(): void {
		$this->configure_sidecar( 'http://sidecar:8080/' );
		RU_Payments_Test_State::queue_http_response( 200, '{"ok":true,"store":"ok","version":"0.1.0","providers":["toy"]}' );

		$result = $this->client()->ready();

		$this->assertSame( array( 'ok' => true, 'store' => 'ok', 'version' => '0.1.0', 'providers' => array( 'toy' ) ), $result );
		$request = $this->last_request();
		$this->assertSame( 'http://sidecar:8080/v1/readyz', $request['url'] );
		$this->assertSame( 'GET', $request['args']['method'] );
		$this->assertNull( $request['args']['body'] );
		$this->assertSame( 0, $request['args']['redirection'] );
		$this->assertSame( SidecarClient::DEFAULT_TIMEOUT, $request['args']['timeout'] );
		$this->assertArrayNotHasKey( 'Idempotency-Key', $request['args']['headers'] );
		$this->assertStringContainsString( 'RU-Payments-for-WooCommerce/0.1.0', $request['args']['headers']['User-Agent'] );
		$this->assert_signed( $request, 'GET', '/v1/readyz' );
	}

	public function test_post_carries_json_body_idempotency_key_and_signature(): void {
		$this->configure_sidecar();
		RU_Payments_Test_State::queue_http_response( 201, '{"id":"pay_1","status":"pending"}' );

		$result = $this->client()->create_payment( array( 'provider' => 'toy', 'order_id' => '123', 'amount' => 150000, 'currency' => 'RUB', 'description' => 'Заказ №123' ), 'order-123-attempt-1' );

		$this->assertSame( array( 'id' => 'pay_1', 'status' => 'pending' ), $result );
		$request = $this->last_request();
		$this->assertSame( 'http://sidecar:8080/v1/payments', $request['url'] );
		$this->assertSame( 'POST', $request['args']['method'] );
		$this->assertSame( 'order-123-attempt-1', $request['args']['headers']['Idempotency-Key'] );
		$this->assertSame( 'application/json', $request['args']['headers']['Content-Type'] );
		$this->assertSame( 'Заказ №123', json_decode( $request['args']['body'], true )['description'] );
		$this->assert_signed( $request, 'POST', '/v1/payments' );
	}

	public function test_post_without_body_sends_an_empty_object_and_a_generated_key(): void {
		$this->configure_sidecar();
		RU_Payments_Test_State::queue_http_response( 200, '{"id":"pay_1"}' );

		$this->client()->request( 'POST', '/v1/payments/pay_1/cancel' );

		$request = $this->last_request();
		$this->assertSame( '{}', $request['args']['body'] );
		$this->assertNotEmpty( $request['args']['headers']['Idempotency-Key'] );
		$this->assert_signed( $request, 'POST', '/v1/payments/pay_1/cancel' );
	}

	public function test_query_string_and_url_path_prefix_are_part_of_the_signed_target(): void {
		$this->configure_sidecar( 'https://gw.example.com/rup' );
		RU_Payments_Test_State::queue_http_response( 200, '{"id":"pay/1"}' );

		$this->client()->get_payment( 'pay/1', true );

		$request = $this->last_request();
		$this->assertSame( 'https://gw.example.com/rup/v1/payments/pay%2F1?refresh=1', $request['url'] );
		$this->assert_signed( $request, 'GET', '/rup/v1/payments/pay%2F1?refresh=1' );
	}

	public function test_refund_and_capture_bodies(): void {
		$this->configure_sidecar();
		RU_Payments_Test_State::queue_http_response( 201, '{"refund":{},"payment":{}}' );
		RU_Payments_Test_State::queue_http_response( 200, '{}' );

		$this->client()->refund_payment( 'pay_1', 5000, 'Damaged', 'refund-1' );
		$this->assertSame( '{"amount":5000,"reason":"Damaged"}', $this->last_request()['args']['body'] );
		$this->assertSame( 'http://sidecar:8080/v1/payments/pay_1/refunds', $this->last_request()['url'] );

		$this->client()->capture_payment( 'pay_1', null, 'capture-1' );
		$this->assertSame( '{}', $this->last_request()['args']['body'] );
	}

	public function test_not_configured_returns_an_error_without_any_request(): void {
		$this->configure_sidecar( 'http://sidecar:8080', 'too-short' );

		$result = $this->client()->ready();

		$this->assertInstanceOf( \WP_Error::class, $result );
		$this->assertSame( 'ru_payments_not_configured', $result->get_error_code() );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_transport_failure_gives_a_shopper_safe_error(): void {
		$this->configure_sidecar();
		RU_Payments_Test_State::queue_http_error( 'cURL error 7: Failed to connect to sidecar port 8080' );

		$result = $this->client()->ready();

		$this->assertSame( 'ru_payments_unreachable', $result->get_error_code() );
		$this->assertStringNotContainsString( 'cURL', $result->get_error_message() );
		$this->assertStringNotContainsString( 'sidecar:8080', $result->get_error_message() );
		$this->assertSame( 'cURL error 7: Failed to connect to sidecar port 8080', $result->get_error_data()['detail'] );
	}

	public function test_error_answers_are_mapped_and_the_raw_message_stays_out_of_the_shopper_message(): void {
		$this->configure_sidecar();
		RU_Payments_Test_State::queue_http_response( 401, '{"error":{"code":"unauthorized","message":"bad signature"}}' );
		RU_Payments_Test_State::queue_http_response( 400, '{"error":{"code":"invalid_request","message":"amount must be an integer","field":"amount"}}' );
		RU_Payments_Test_State::queue_http_response( 502, '<html>Bad gateway</html>' );
		RU_Payments_Test_State::queue_http_response( 200, 'not json' );

		$unauthorized = $this->client()->ready();
		$invalid      = $this->client()->create_payment( array( 'amount' => 1.5 ), 'k1' );
		$bad_gateway  = $this->client()->ready();
		$not_json     = $this->client()->ready();

		$this->assertSame( 'ru_payments_unauthorized', $unauthorized->get_error_code() );
		$this->assertSame( 'ru_payments_sidecar_error', $invalid->get_error_code() );
		$this->assertSame(
			array( 'status' => 400, 'sidecar_code' => 'invalid_request', 'sidecar_message' => 'amount must be an integer', 'field' => 'amount' ),
			$invalid->get_error_data()
		);
		$this->assertStringNotContainsString( 'integer', $invalid->get_error_message() );
		$this->assertSame( array( 'status' => 502 ), $bad_gateway->get_error_data() );
		$this->assertSame( 'ru_payments_bad_response', $not_json->get_error_code() );
	}

	public function test_invalid_idempotency_key_is_refused_before_sending(): void {
		$this->configure_sidecar();

		$result = $this->client()->create_payment( array( 'amount' => 1 ), "bad key\n" );

		$this->assertSame( 'ru_payments_invalid_request', $result->get_error_code() );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_the_secret_never_reaches_the_logs_or_the_request(): void {
		$this->configure_sidecar();
		RU_Payments_Test_State::queue_http_error( 'timeout' );
		RU_Payments_Test_State::queue_http_response( 401, '{"error":{"code":"unauthorized","message":"no"}}' );
		RU_Payments_Test_State::queue_http_response( 200, '{"ok":true}' );

		$this->client()->ready();
		$this->client()->ready();
		$this->client()->ready();

		$this->assertNotSame( '', $this->logs() );
		$this->assertStringNotContainsString( self::SECRET, $this->logs() );
		$this->assertStringNotContainsString( self::SECRET, json_encode( RU_Payments_Test_State::$http_requests ) );
		foreach ( wc_get_logger()->entries as $entry ) {
			$this->assertSame( 'ru-payments', $entry['context']['source'] );
		}
	}

	public function test_relay_callback_posts_the_payload_with_objects_for_empty_maps(): void {
		$this->configure_sidecar();
		RU_Payments_Test_State::queue_http_response( 200, '{"status":401,"headers":{"content-type":"application/json"},"body":"{\\"ok\\":false}"}' );

		$result = $this->client()->relay_callback(
			'toy',
			array( 'method' => 'POST', 'body_base64' => 'AP8=', 'headers' => array(), 'query' => array( '0' => 'a' ), 'ip' => '203.0.113.10' ),
			'relay-abc'
		);

		$this->assertSame( array( 'status' => 401, 'headers' => array( 'content-type' => 'application/json' ), 'body' => '{"ok":false}' ), $result );
		$request = $this->last_request();
		$this->assertSame( 'http://sidecar:8080/v1/relay/callback/toy', $request['url'] );
		$this->assertSame( 'relay-abc', $request['args']['headers']['Idempotency-Key'] );
		$this->assertSame( '{"method":"POST","body_base64":"AP8=","headers":{},"query":{"0":"a"},"ip":"203.0.113.10"}', $request['args']['body'] );
		$this->assert_signed( $request, 'POST', '/v1/relay/callback/toy' );
	}

	public function test_relay_callback_refuses_bad_provider_ids_and_bad_answers(): void {
		$this->configure_sidecar();
		RU_Payments_Test_State::queue_http_response( 200, '{"status":200,"headers":{"x-a":1},"body":"OK"}' );
		RU_Payments_Test_State::queue_http_response( 200, '{"status":700,"headers":{},"body":"OK"}' );

		$invalid = $this->client()->relay_callback( '../payments', array(), 'relay-1' );
		$this->assertSame( 'ru_payments_invalid_request', $invalid->get_error_code() );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );

		$this->assertSame( 'ru_payments_bad_response', $this->client()->relay_callback( 'toy', array(), 'relay-2' )->get_error_code() );
		$this->assertSame( 'ru_payments_bad_response', $this->client()->relay_callback( 'toy', array(), 'relay-3' )->get_error_code() );
	}

	public function test_timeout_is_filterable(): void {
		$this->configure_sidecar();
		add_filter( 'ru_payments_sidecar_timeout', static fn (): int => 3 );
		RU_Payments_Test_State::queue_http_response( 200, '{"ok":true}' );

		$this->client()->ready();

		$this->assertSame( 3, $this->last_request()['args']['timeout'] );
	}

	public function test_put_provider_config_is_a_signed_put_without_an_idempotency_key(): void {
		$this->configure_sidecar();
		RU_Payments_Test_State::queue_http_response( 200, '{"provider":"invoicebox","profile":"seller2","configured":true}' );

		$result = $this->client()->put_provider_config( 'invoicebox', 'seller2', array( 'shopId' => '42', 'testMode' => false ) );

		$this->assertSame( array( 'provider' => 'invoicebox', 'profile' => 'seller2', 'configured' => true ), $result );
		$request = $this->last_request();
		$this->assertSame( 'http://sidecar:8080/v1/providers/invoicebox/config', $request['url'] );
		$this->assertSame( 'PUT', $request['args']['method'] );
		$this->assertSame( '{"profile":"seller2","settings":{"shopId":"42","testMode":false}}', $request['args']['body'] );
		$this->assertArrayNotHasKey( 'Idempotency-Key', $request['args']['headers'] );
		$this->assert_signed( $request, 'PUT', '/v1/providers/invoicebox/config' );
	}

	public function test_put_provider_config_sends_empty_settings_as_an_object_and_maps_a_refused_field(): void {
		$this->configure_sidecar();
		RU_Payments_Test_State::queue_http_response( 400, '{"error":{"code":"invalid_request","message":"Required","field":"settings.apiKey"}}' );

		$result = $this->client()->put_provider_config( 'invoicebox', 'default', array() );

		$this->assertSame( '{"profile":"default","settings":{}}', $this->last_request()['args']['body'] );
		$this->assertSame( 'settings.apiKey', $result->get_error_data()['field'] );
		$this->assertSame( 'ru_payments_invalid_request', $this->client()->put_provider_config( '../x', 'default', array() )->get_error_code() );
	}

	public function test_test_callback_posts_the_relay_url_or_nothing(): void {
		$this->configure_sidecar();
		RU_Payments_Test_State::queue_http_response( 200, '{"ok":true,"status":200,"body":"OK"}' );
		RU_Payments_Test_State::queue_http_response( 200, '{"ok":true,"status":200,"body":"OK"}' );

		$this->client()->test_callback( 'sber', 'default', 'https://shop.test/wp-json/ru-payments/v1/callback/sber' );
		$relay = $this->last_request();
		$this->client()->test_callback( 'sber', 'default', null );
		$direct = $this->last_request();

		$this->assertSame( 'http://sidecar:8080/v1/providers/sber/test-callback', $relay['url'] );
		$this->assertSame( '{"profile":"default","url":"https:\\/\\/shop.test\\/wp-json\\/ru-payments\\/v1\\/callback\\/sber"}', $relay['args']['body'] );
		$this->assertNotEmpty( $relay['args']['headers']['Idempotency-Key'] );
		$this->assertSame( '{"profile":"default"}', $direct['args']['body'] );
	}

	public function test_unsupported_methods_are_refused(): void {
		$this->configure_sidecar();

		$this->assertSame( 'ru_payments_invalid_request', $this->client()->request( 'DELETE', '/v1/payments/x' )->get_error_code() );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}
}
