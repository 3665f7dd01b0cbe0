<?php
/**
 * GET|POST /ru-payments/v1/callback/<provider> end to end through the REST server double: the
 * provider's request reaches the sidecar untouched, the sidecar's answer reaches the provider verbatim.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use Rest_Server_Double;
use RuPayments\Plugin;
use RuPayments\Rest\CallbackRelayController;
use RuPayments\Rest\RelayedCallback;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Signing\RequestSigner;
use RuPayments\Support\Logger;
use WC_Order;
use WP_REST_Request;
use WP_REST_Response;

final class CallbackRelayControllerTest extends TestCase {

	private const NOW = 1764072000;

	private const SENDER = '203.0.113.10';

	private const TOY_BODY = '{"id":"toy_42", "status":"paid",  "amount":150000}' . "\n";

	private array $server_backup;

	private CallbackRelayController $controller;

	protected function setUp(): void {
		parent::setUp();
		$this->server_backup = $_SERVER;
		unset( $_SERVER['QUERY_STRING'], $_SERVER['HTTP_X_FORWARDED_FOR'] );
		$_SERVER['REMOTE_ADDR'] = self::SENDER;

		$this->configure_sidecar();
		$client           = new SidecarClient( new SidecarSettings(), new Logger(), '0.1.0', static fn (): int => self::NOW );
		$this->controller = new CallbackRelayController( $client, new Logger() );
		$this->controller->register_routes();
		add_filter( 'rest_pre_serve_request', array( $this->controller, 'serve_raw' ), 10, 3 );
	}

	protected function tearDown(): void {
		$_SERVER = $this->server_backup;
		parent::tearDown();
	}

	/**
	 * A provider's request as WP_REST_Server builds it: $_SERVER's query string, $_GET, headers, php://input.
	 */
	private function delivery( string $method = 'POST', string $provider = 'toy', string $body = self::TOY_BODY, array $headers = array(), ?string $query_string = null ): WP_REST_Request {
		$request = new WP_REST_Request( $method, '/ru-payments/v1/callback/' . $provider );
		$request->set_body( $body );
		foreach ( $headers + array( 'Content-Type' => 'application/json', 'X-Toy-Signature' => 'sha256=abc123' ) as $name => $value ) {
			if ( null !== $value ) {
				$request->set_header( $name, $value );
			}
		}
		if ( null !== $query_string ) {
			$_SERVER['QUERY_STRING'] = $query_string;
			parse_str( $query_string, $get );
			$request->set_query_params( $get );
		}
		return $request;
	}

	private function queue_answer( int $status, array $headers, string $body ): void {
		RU_Payments_Test_State::queue_http_response(
			200,
			(string) json_encode( array( 'status' => $status, 'headers' => (object) $headers, 'body' => $body ) ),
			array( 'content-type' => 'application/json' )
		);
	}

	private function serve( WP_REST_Request $request ): array {
		return Rest_Server_Double::serve( $request );
	}

	private function relayed_call( int $index = -1 ): array {
		$requests = RU_Payments_Test_State::$http_requests;
		$this->assertNotEmpty( $requests, 'the sidecar was called' );
		return $requests[ $index < 0 ? count( $requests ) + $index : $index ];
	}

	private function relayed_payload( int $index = -1 ): array {
		return json_decode( $this->relayed_call( $index )['args']['body'], true );
	}

	/**
	 * The key as documented, computed independently of RelayedCallback.
	 */
	private static function expected_key( string $provider, string $method, string $body, array $headers, array $query, string $ip ): string {
		$canonical = static function ( array $map ): string {
			ksort( $map, SORT_STRING );
			return json_encode( (object) $map, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
		};
		return 'relay-' . hash( 'sha256', $provider . "\n" . $method . "\n" . hash( 'sha256', $body ) . "\n" . $canonical( $headers ) . "\n" . $canonical( $query ) . "\n" . $ip );
	}

	public function test_route_is_public_for_get_and_post_with_a_provider_pattern(): void {
		$route = RU_Payments_Test_State::$rest_routes[0];

		$this->assertSame( 'ru-payments/v1', $route['namespace'] );
		$this->assertSame( '/callback/(?P<provider>[a-z0-9_-]{1,32})', $route['route'] );
		$this->assertSame( 'GET, POST', $route['args']['methods'] );
		$this->assertSame( '__return_true', $route['args']['permission_callback'] );
		$this->assertTrue( CallbackRelayController::is_relay_route( '/ru-payments/v1/callback/yoo_kassa-2' ) );
		$this->assertFalse( CallbackRelayController::is_relay_route( '/ru-payments/v1/events' ) );
		$this->assertFalse( CallbackRelayController::is_relay_route( '/ru-payments/v1/callback/toy/extra' ) );
	}

	public function test_raw_body_bytes_reach_the_sidecar_exactly_in_a_signed_call(): void {
		$raw = "\xff\xfe\x00 <?xml version=\"1.0\" encoding=\"windows-1251\"?>\r\n<a>\xcf\xf0\xe8\xe2\xe5\xf2</a>\n\t  \n";
		$this->queue_answer( 200, array( 'content-type' => 'text/plain' ), 'OK' );

		$this->serve( $this->delivery( 'POST', 'toy', $raw, array( 'Content-Type' => 'application/xml; charset=windows-1251' ) ) );

		$call    = $this->relayed_call();
		$payload = $this->relayed_payload();
		$this->assertSame( 'http://sidecar:8080/v1/relay/callback/toy', $call['url'] );
		$this->assertSame( 'POST', $call['args']['method'] );
		$this->assertSame( 'POST', $payload['method'] );
		$this->assertSame( base64_encode( $raw ), $payload['body_base64'] );
		$this->assertSame( $raw, base64_decode( $payload['body_base64'], true ) );
		$this->assertSame( self::SENDER, $payload['ip'] );

		$headers = $call['args']['headers'];
		$signer  = new RequestSigner( self::SECRET, static fn (): int => self::NOW );
		$this->assertTrue(
			$signer->is_valid( 'POST', '/v1/relay/callback/toy', $call['args']['body'], $headers['X-RUP-Timestamp'], $headers['X-RUP-Nonce'], $headers['X-RUP-Signature'] ),
			'the relay call is signed over the exact bytes sent'
		);
	}

	public function test_whitespace_only_and_empty_bodies_are_relayed_unchanged(): void {
		$this->queue_answer( 200, array(), 'OK' );
		$this->queue_answer( 200, array(), 'OK' );

		$this->serve( $this->delivery( 'POST', 'toy', " \r\n\t " ) );
		$this->serve( $this->delivery( 'POST', 'toy', '' ) );

		$this->assertSame( " \r\n\t ", base64_decode( $this->relayed_payload( 0 )['body_base64'], true ) );
		$this->assertSame( '', $this->relayed_payload( 1 )['body_base64'] );
	}

	public function test_headers_and_query_are_passed_as_the_direct_route_sees_them(): void {
		$this->queue_answer( 200, array(), 'OK' );

		$this->serve(
			$this->delivery(
				'POST',
				'toy',
				self::TOY_BODY,
				array(
					'Content-Type'    => 'application/json; charset=utf-8',
					'X-Toy-Signature' => 'sha256=0f9e',
					'Authorization'   => 'Basic dG95OnNlY3JldA==',
					'User-Agent'      => 'Toy-Notifier/1.0',
					'X-Latin1'        => "caf\xe9",
					'Cookie'          => 'wordpress_logged_in_abc=admin%7C123',
				),
				'a=1&name=%D0%98%D0%B2%D0%B0%D0%BD&params[sign]=s%2Bg&x.y=z&plus=a+b&flag&dup=1&dup=2&rest_route=/ru-payments/v1/callback/toy&bad=%FF'
			)
		);

		$payload = $this->relayed_payload();
		$this->assertSame(
			array(
				'authorization'   => 'Basic dG95OnNlY3JldA==',
				'content-type'    => 'application/json; charset=utf-8',
				'user-agent'      => 'Toy-Notifier/1.0',
				'x-latin1'        => 'café',
				'x-toy-signature' => 'sha256=0f9e',
			),
			$payload['headers'],
			'lower-case dashed names, sorted; ISO-8859-1 bytes kept losslessly; cookies never forwarded'
		);
		$this->assertSame(
			array(
				'a'            => '1',
				'name'         => 'Иван',
				'params[sign]' => 's+g',
				'x.y'          => 'z',
				'plus'         => 'a b',
				'flag'         => '',
				'bad'          => "\u{FFFD}",
			),
			$payload['query'],
			'names as sent (no PHP mangling), duplicates and rest_route left out'
		);
	}

	public function test_get_callbacks_are_relayed_with_their_query_and_empty_maps_as_objects(): void {
		$this->queue_answer( 200, array( 'content-type' => 'text/plain' ), 'OK1234' );

		$response = $this->serve( $this->delivery( 'GET', 'robo', '', array( 'Content-Type' => null, 'X-Toy-Signature' => null ), 'OutSum=100.00&InvId=1234&SignatureValue=ABCDEF' ) );

		$payload = $this->relayed_payload();
		$this->assertSame( 'http://sidecar:8080/v1/relay/callback/robo', $this->relayed_call()['url'] );
		$this->assertSame( 'GET', $payload['method'] );
		$this->assertSame( '', $payload['body_base64'] );
		$this->assertSame( array( 'OutSum' => '100.00', 'InvId' => '1234', 'SignatureValue' => 'ABCDEF' ), $payload['query'] );
		$this->assertStringContainsString( '"headers":{}', $this->relayed_call()['args']['body'], 'an empty map is a JSON object' );
		$this->assertSame( 200, $response['status'] );
		$this->assertSame( 'OK1234', $response['body'] );
	}

	public function test_query_falls_back_to_the_parsed_parameters_without_a_raw_query_string(): void {
		$this->queue_answer( 200, array(), 'OK' );
		$request = $this->delivery();
		$request->set_query_params( array( 'a' => '1', 'params' => array( 'sign' => 'x' ) ) );

		$this->serve( $request );

		$this->assertSame( array( 'a' => '1', 'params[sign]' => 'x' ), $this->relayed_payload()['query'] );
		$this->assertStringContainsString( '"query":{"a":"1"', $this->relayed_call()['args']['body'] );
	}

	/**
	 * @return array<string, array{0: int, 1: array<string,string>, 2: string, 3: string}>
	 */
	public static function sidecar_answers(): array {
		return array(
			'401 JSON rejection'          => array( 401, array( 'content-type' => 'application/json' ), '{"ok":false}', 'application/json' ),
			'200 plain OK'                => array( 200, array( 'content-type' => 'text/plain' ), 'OK', 'text/plain' ),
			'200 JSON with whitespace'    => array( 200, array( 'content-type' => 'application/json' ), "{ \"code\" : 0 }\n", 'application/json' ),
			'XML with a charset'          => array( 200, array( 'Content-Type' => 'application/xml; charset=utf-8' ), '<?xml version="1.0"?><response><result>0</result></response>', 'application/xml; charset=utf-8' ),
			'no headers → text/plain'     => array( 200, array(), 'OK', 'text/plain; charset=utf-8' ),
			'400 with an empty body'      => array( 400, array( 'content-type' => 'text/plain' ), '', 'text/plain' ),
			'Unicode and HTML-ish text'   => array( 200, array( 'content-type' => 'text/plain; charset=utf-8' ), "Принято & <ok/>\r\n", 'text/plain; charset=utf-8' ),
		);
	}

	/**
	 * @dataProvider sidecar_answers
	 */
	public function test_the_sidecar_answer_is_returned_verbatim( int $status, array $headers, string $body, string $content_type ): void {
		$this->queue_answer( $status, $headers, $body );

		$response = $this->serve( $this->delivery() );

		$this->assertSame( $status, $response['status'] );
		$this->assertSame( $body, $response['body'], 'the body is echoed, not JSON-encoded' );
		$this->assertSame( $content_type, $response['headers']['Content-Type'] );
		$this->assertSame( 'nosniff', $response['headers']['X-Content-Type-Options'] );
	}

	public function test_only_safe_headers_are_returned_and_set_cookie_never(): void {
		$this->queue_answer(
			200,
			array(
				'content-type'           => 'application/json',
				'x-notification-id'      => 'n-1',
				'X-Provider-Ack'         => 'yes',
				'set-cookie'             => 'session=1; Path=/',
				'location'               => 'https://evil.example/',
				'cache-control'          => 'public',
				'x-accel-redirect'       => '/protected/wp-config.php',
				'x-sendfile'             => '/etc/passwd',
				'x-content-type-options' => 'none',
				'x-injected'             => "a\r\nSet-Cookie: b=1",
				'bad name'               => 'x',
			),
			'{"ok":true}'
		);

		$response = $this->serve( $this->delivery() );

		$this->assertSame(
			array(
				'X-Content-Type-Options' => 'nosniff',
				'Content-Type'           => 'application/json',
				'x-notification-id'      => 'n-1',
				'x-provider-ack'         => 'yes',
			),
			$response['headers']
		);
		$this->assertSame( '{"ok":true}', $response['body'] );
	}

	public function test_set_cookie_is_dropped_even_when_a_filter_adds_it(): void {
		add_filter(
			'ru_payments_callback_response_headers',
			static fn ( array $headers ): array => $headers + array( 'Set-Cookie' => 'a=1', 'X-Extra' => '1' )
		);
		$this->queue_answer( 200, array( 'content-type' => 'text/plain' ), 'OK' );

		$response = $this->serve( $this->delivery() );

		$this->assertArrayNotHasKey( 'Set-Cookie', $response['headers'] );
		$this->assertSame( '1', $response['headers']['X-Extra'] );
	}

	/**
	 * @return array<string, array{0: callable}>
	 */
	public static function sidecar_failures(): array {
		return array(
			'connection refused'      => array( static fn () => RU_Payments_Test_State::queue_http_error( 'cURL error 7: Failed to connect to sidecar port 8080' ) ),
			'500 internal error'      => array( static fn () => RU_Payments_Test_State::queue_http_response( 500, '{"error":{"code":"internal","message":"boom"}}' ) ),
			'401 bad relay signature' => array( static fn () => RU_Payments_Test_State::queue_http_response( 401, '{"error":{"code":"unauthorized","message":"no"}}' ) ),
			'409 still in progress'   => array( static fn () => RU_Payments_Test_State::queue_http_response( 409, '{"error":{"code":"idempotency_in_progress","message":"wait"}}' ) ),
			'200 without a relay ack' => array( static fn () => RU_Payments_Test_State::queue_http_response( 200, '{"ok":true}' ) ),
			'200 with a bad status'   => array( static fn () => RU_Payments_Test_State::queue_http_response( 200, '{"status":"200","headers":{},"body":"OK"}' ) ),
			'200 not JSON'            => array( static fn () => RU_Payments_Test_State::queue_http_response( 200, '<html>proxy</html>' ) ),
		);
	}

	/**
	 * @dataProvider sidecar_failures
	 */
	public function test_sidecar_down_or_failing_answers_503_and_nothing_else_happens( callable $failure ): void {
		$order = RU_Payments_Test_State::add_order( new WC_Order( 123, 'pending', 'ru_payments_toy' ) );
		$failure();

		$response = $this->serve( $this->delivery() );

		$this->assertSame( 503, $response['status'] );
		$this->assertSame( 'text/plain; charset=utf-8', $response['headers']['Content-Type'] );
		$this->assertSame( '60', $response['headers']['Retry-After'] );
		$this->assertSame( 'The payment service is temporarily unavailable. Please retry later.', $response['body'] );
		$this->assertCount( 1, RU_Payments_Test_State::$http_requests, 'one attempt, no retry loop inside WordPress' );
		$this->assertSame( 'pending', $order->get_status() );
		$this->assertSame( array(), $order->notes );
		$this->assertSame( 0, did_action( 'ru_payments_event_applied' ) );
		$this->assertStringContainsString( 'answered 503', $this->logs() );
	}

	public function test_unconfigured_sidecar_answers_503_without_any_request(): void {
		$this->configure_sidecar( '', '' );

		$response = $this->serve( $this->delivery() );

		$this->assertSame( 503, $response['status'] );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_a_provider_the_sidecar_does_not_know_answers_404(): void {
		RU_Payments_Test_State::queue_http_response( 404, '{"error":{"code":"unknown_provider","message":"Unknown provider"}}' );

		$response = $this->serve( $this->delivery( 'POST', 'nope' ) );

		$this->assertSame( 404, $response['status'] );
		$this->assertSame( 'Unknown payment provider.', $response['body'] );
	}

	/**
	 * @return array<string, array{0: string}>
	 */
	public static function invalid_provider_routes(): array {
		return array(
			'dot'               => array( 'to.y' ),
			'slash'             => array( 'toy/extra' ),
			'33 characters'     => array( str_repeat( 'a', 33 ) ),
			'encoded traversal' => array( '..%2F..%2Fv1%2Fpayments' ),
			'empty'             => array( '' ),
		);
	}

	/**
	 * @dataProvider invalid_provider_routes
	 */
	public function test_an_invalid_provider_id_matches_no_route( string $provider ): void {
		$response = $this->serve( $this->delivery( 'POST', $provider ) );

		$this->assertSame( 404, $response['status'] );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_upper_case_ids_pass_core_case_insensitive_matching_but_are_refused_with_404(): void {
		$response = $this->serve( $this->delivery( 'POST', 'TOY' ) );

		$this->assertSame( 404, $response['status'] );
		$this->assertSame( 'Unknown payment provider.', $response['body'] );
		$this->assertSame( 'text/plain; charset=utf-8', $response['headers']['Content-Type'] );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_a_body_or_query_field_named_provider_does_not_change_the_target(): void {
		$this->queue_answer( 200, array(), 'OK' );

		$this->serve( $this->delivery( 'POST', 'toy', '{"provider":"other"}', array(), 'provider=other' ) );

		$this->assertSame( 'http://sidecar:8080/v1/relay/callback/toy', $this->relayed_call()['url'] );
	}

	public function test_idempotency_key_is_documented_and_stable_for_identical_deliveries(): void {
		for ( $i = 0; $i < 2; $i++ ) {
			$this->queue_answer( 200, array(), 'OK' );
			$this->serve( $this->delivery( 'POST', 'toy', self::TOY_BODY, array(), 'a=1' ) );
		}

		$first  = $this->relayed_call( 0 )['args'];
		$second = $this->relayed_call( 1 )['args'];
		$this->assertSame(
			self::expected_key(
				'toy',
				'POST',
				self::TOY_BODY,
				array( 'content-type' => 'application/json', 'x-toy-signature' => 'sha256=abc123' ),
				array( 'a' => '1' ),
				self::SENDER
			),
			$first['headers']['Idempotency-Key']
		);
		$this->assertMatchesRegularExpression( '/^relay-[0-9a-f]{64}$/', $first['headers']['Idempotency-Key'] );
		$this->assertSame( $first['headers']['Idempotency-Key'], $second['headers']['Idempotency-Key'] );
		$this->assertSame( $first['body'], $second['body'], 'same key, same relay body: the sidecar replays its stored answer' );
		$this->assertNotSame( $first['headers']['X-RUP-Nonce'], $second['headers']['X-RUP-Nonce'] );
	}

	public function test_header_order_does_not_change_the_key(): void {
		$this->queue_answer( 200, array(), 'OK' );
		$this->queue_answer( 200, array(), 'OK' );

		$this->serve( $this->delivery( 'POST', 'toy', self::TOY_BODY, array( 'X-A' => '1', 'X-B' => '2' ) ) );
		$request = new WP_REST_Request( 'POST', '/ru-payments/v1/callback/toy' );
		$request->set_body( self::TOY_BODY );
		foreach ( array( 'X-B' => '2', 'X-Toy-Signature' => 'sha256=abc123', 'X-A' => '1', 'Content-Type' => 'application/json' ) as $name => $value ) {
			$request->set_header( $name, $value );
		}
		$this->serve( $request );

		$this->assertSame( $this->relayed_call( 0 )['args']['headers']['Idempotency-Key'], $this->relayed_call( 1 )['args']['headers']['Idempotency-Key'] );
	}

	public function test_any_difference_makes_a_new_key(): void {
		$deliveries = array(
			'base'      => fn () => $this->delivery(),
			'body'      => fn () => $this->delivery( 'POST', 'toy', self::TOY_BODY . ' ' ),
			'header'    => fn () => $this->delivery( 'POST', 'toy', self::TOY_BODY, array( 'X-Toy-Signature' => 'sha256=abc124' ) ),
			'query'     => fn () => $this->delivery( 'POST', 'toy', self::TOY_BODY, array(), 'retry=2' ),
			'method'    => fn () => $this->delivery( 'GET' ),
			'provider'  => fn () => $this->delivery( 'POST', 'toy2' ),
			'sender ip' => function () {
				$_SERVER['REMOTE_ADDR'] = '2001:db8::7';
				return $this->delivery();
			},
		);
		$keys = array();
		foreach ( $deliveries as $name => $delivery ) {
			$this->queue_answer( 200, array(), 'OK' );
			$this->serve( $delivery() );
			$keys[ $name ] = $this->relayed_call()['args']['headers']['Idempotency-Key'];
			unset( $_SERVER['QUERY_STRING'] );
		}

		$this->assertCount( count( $deliveries ), array_unique( $keys ) );
		$this->assertSame( '2001:db8::7', $this->relayed_payload()['ip'] );
	}

	public function test_relayed_callback_builds_the_same_key_as_documented(): void {
		$callback = new RelayedCallback( 'toy', 'POST', "\xff", array( 'x-b' => '2', 'x-a' => 'é/1' ), array( '0' => 'zero' ), '::1' );

		$this->assertSame(
			self::expected_key( 'toy', 'POST', "\xff", array( 'x-a' => 'é/1', 'x-b' => '2' ), array( '0' => 'zero' ), '::1' ),
			$callback->idempotency_key()
		);
		$this->assertSame( '{"x-a":"é/1","x-b":"2"}', RelayedCallback::canonical_json( $callback->headers ) );
		$this->assertSame( '{"0":"zero"}', RelayedCallback::canonical_json( $callback->query ) );
	}

	public function test_sender_ip_is_remote_addr_and_forwarded_headers_are_not_trusted(): void {
		$this->queue_answer( 200, array(), 'OK' );
		$_SERVER['HTTP_X_FORWARDED_FOR'] = '198.51.100.1';

		$this->serve( $this->delivery( 'POST', 'toy', self::TOY_BODY, array( 'X-Forwarded-For' => '198.51.100.1', 'X-Real-IP' => '198.51.100.2' ) ) );

		$payload = $this->relayed_payload();
		$this->assertSame( self::SENDER, $payload['ip'] );
		$this->assertSame( '198.51.100.1', $payload['headers']['x-forwarded-for'], 'forwarded as a header, never as the sender' );
	}

	public function test_sender_ip_filter_serves_shops_behind_a_trusted_proxy(): void {
		$_SERVER['REMOTE_ADDR'] = '10.0.0.2';
		add_filter(
			'ru_payments_callback_sender_ip',
			static function ( string $ip, WP_REST_Request $request, string $provider ): string {
				return '10.0.0.2' === $ip && 'toy' === $provider ? trim( explode( ',', (string) $request->get_header( 'X-Forwarded-For' ) )[0] ) : $ip;
			},
			10,
			3
		);
		$this->queue_answer( 200, array(), 'OK' );

		$this->serve( $this->delivery( 'POST', 'toy', self::TOY_BODY, array( 'X-Forwarded-For' => '185.71.76.1, 10.0.0.1' ) ) );

		$this->assertSame( '185.71.76.1', $this->relayed_payload()['ip'] );
	}

	/**
	 * @return array<string, array{0: string|null, 1: mixed}>
	 */
	public static function unusable_sender_ips(): array {
		return array(
			'missing REMOTE_ADDR' => array( null, null ),
			'garbage REMOTE_ADDR' => array( '<script>', null ),
			'filter returns junk' => array( self::SENDER, 'not-an-ip' ),
			'filter refuses'      => array( self::SENDER, '' ),
		);
	}

	/**
	 * @dataProvider unusable_sender_ips
	 * @param string|null $remote_addr REMOTE_ADDR (null = unset).
	 * @param mixed       $filtered    What the filter returns (null = no filter).
	 */
	public function test_no_valid_sender_ip_answers_503_without_relaying( ?string $remote_addr, $filtered ): void {
		if ( null === $remote_addr ) {
			unset( $_SERVER['REMOTE_ADDR'] );
		} else {
			$_SERVER['REMOTE_ADDR'] = $remote_addr;
		}
		if ( null !== $filtered ) {
			add_filter( 'ru_payments_callback_sender_ip', static fn () => $filtered );
		}

		$response = $this->serve( $this->delivery() );

		$this->assertSame( 503, $response['status'] );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
		$this->assertStringContainsString( 'sender IP', $this->logs() );
	}

	public function test_too_large_bodies_answer_413_without_relaying(): void {
		$response = $this->serve( $this->delivery( 'POST', 'toy', str_repeat( 'a', CallbackRelayController::MAX_BODY_BYTES + 1 ) ) );

		$this->assertSame( 413, $response['status'] );
		$this->assertSame( 'The callback body is too large.', $response['body'] );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );

		add_filter( 'ru_payments_callback_max_body_bytes', static fn (): int => 10 );
		$this->assertSame( 413, $this->serve( $this->delivery( 'POST', 'toy', '12345678901' ) )['status'] );
		$this->queue_answer( 200, array(), 'OK' );
		$this->assertSame( 200, $this->serve( $this->delivery( 'POST', 'toy', '1234567890' ) )['status'] );
	}

	public function test_the_largest_allowed_body_fits_the_sidecar_api_limit(): void {
		$this->queue_answer( 200, array(), 'OK' );

		$this->serve( $this->delivery( 'POST', 'toy', random_bytes( CallbackRelayController::MAX_BODY_BYTES ) ) );

		$this->assertLessThan( 1024 * 1024 - 100 * 1024, strlen( $this->relayed_call()['args']['body'] ) );
	}

	public function test_head_is_answered_without_relaying(): void {
		$response = $this->serve( $this->delivery( 'HEAD', 'toy', '' ) );

		$this->assertSame( 200, $response['status'] );
		$this->assertSame( '', $response['body'] );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_logs_name_the_provider_but_never_the_body_or_signature_headers(): void {
		$this->queue_answer( 200, array(), 'OK' );
		RU_Payments_Test_State::queue_http_error( 'timeout' );

		$this->serve( $this->delivery( 'POST', 'toy', '{"card":"4111111111111111"}', array( 'X-Toy-Signature' => 'sha256=topsecretsignature' ) ) );
		$this->serve( $this->delivery( 'POST', 'toy', '{"card":"4111111111111111"}', array( 'X-Toy-Signature' => 'sha256=topsecretsignature' ) ) );

		$logs = $this->logs();
		$this->assertStringContainsString( 'Provider callback for \"toy\"', $logs );
		$this->assertStringContainsString( 'answered HTTP 200', $logs );
		$this->assertStringNotContainsString( '4111111111111111', $logs );
		$this->assertStringNotContainsString( 'topsecretsignature', $logs );
		$this->assertStringNotContainsString( self::SECRET, $logs );
	}

	public function test_serve_raw_leaves_other_routes_and_served_requests_alone(): void {
		$other = new WP_REST_Request( 'POST', '/ru-payments/v1/events' );
		$ours  = new WP_REST_Request( 'POST', '/ru-payments/v1/callback/toy' );
		$text  = new WP_REST_Response( 'OK', 200 );

		ob_start();
		$results = array(
			$this->controller->serve_raw( false, $text, $other ),
			$this->controller->serve_raw( true, $text, $ours ),
			$this->controller->serve_raw( false, new WP_REST_Response( array( 'code' => 'rest_forbidden' ), 401 ), $ours ),
		);
		$output = ob_get_clean();

		$this->assertSame( array( false, true, false ), $results );
		$this->assertSame( '', $output );
	}

	public function test_plugin_boot_wires_the_route_and_the_raw_serving_filter(): void {
		RU_Payments_Test_State::$rest_routes = array();
		$plugin                              = new Plugin( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION );
		$plugin->boot();

		$this->assertContains( array( $plugin->callback_relay_controller(), 'serve_raw' ), ru_payments_test_callbacks( 'rest_pre_serve_request' ) );
		do_action( 'rest_api_init' );
		$this->assertContains( '/callback/(?P<provider>[a-z0-9_-]{1,32})', array_column( RU_Payments_Test_State::$rest_routes, 'route' ) );
		$this->assertContains( '/events', array_column( RU_Payments_Test_State::$rest_routes, 'route' ) );
	}

	public function test_a_profile_route_relays_with_the_profile(): void {
		$this->queue_answer( 200, array(), 'OK' );
		$this->queue_answer( 200, array(), 'OK' );

		$default = Rest_Server_Double::serve( $this->delivery() );
		$request = $this->delivery( 'POST', 'sber/profile/seller2' );
		$seller  = Rest_Server_Double::serve( $request );

		$this->assertSame( 200, $default['status'] );
		$this->assertSame( 'OK', $seller['body'] );
		$this->assertArrayNotHasKey( 'profile', $this->relayed_payload( 0 ), 'the default profile is implied' );
		$this->assertSame( 'seller2', $this->relayed_payload( 1 )['profile'] );
		$this->assertSame( 'http://sidecar:8080/v1/relay/callback/sber', $this->relayed_call( 1 )['url'] );
		$this->assertTrue( CallbackRelayController::is_relay_route( '/ru-payments/v1/callback/sber/profile/seller2' ) );
		$this->assertFalse( CallbackRelayController::is_relay_route( '/ru-payments/v1/callback/sber/profile/Seller 2' ) );
	}

	public function test_the_profile_is_part_of_the_idempotency_key(): void {
		$default = new RelayedCallback( 'sber', 'POST', 'x', array(), array(), self::SENDER );
		$named   = new RelayedCallback( 'sber', 'POST', 'x', array(), array(), self::SENDER, 'default' );
		$seller  = new RelayedCallback( 'sber', 'POST', 'x', array(), array(), self::SENDER, 'seller2' );

		$this->assertSame( $default->idempotency_key(), $named->idempotency_key() );
		$this->assertNotSame( $default->idempotency_key(), $seller->idempotency_key() );
	}
}
