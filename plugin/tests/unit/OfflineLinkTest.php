<?php
/**
 * «Плати частями» payment links from the order screen: the meta box, the create handler and the
 * status endpoint the meta box polls.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use Rest_Server_Double;
use RuPayments\Admin\OfflineLinkHandler;
use RuPayments\Admin\OfflineLinkMetaBox;
use RuPayments\Admin\TestConnectionHandler;
use RuPayments\Gateways\Methods;
use RuPayments\Orders\OfflineLink;
use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\StatusApplier;
use RuPayments\Payments\PaymentRequest;
use RuPayments\Payments\PaymentRequestBuilder;
use RuPayments\Plugin;
use RuPayments\Profiles\ProfileResolver;
use RuPayments\Providers\ProviderSettings;
use RuPayments\Rest\EventsController;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Signing\NonceStore;
use RuPayments\Signing\RequestSigner;
use RuPayments\Support\Logger;
use WC_Order;
use WC_Order_Item_Product;
use WC_Order_Item_Shipping;
use WC_Order_Item_Tax;
use WC_Product;
use WP_REST_Request;
use WP_Send_Json_Double;

final class OfflineLinkTest extends TestCase {

	private const NOW        = 1764072000; // 2025-11-25 12:00 UTC.
	private const PAYMENT_ID = 'pay_offline12345678';
	private const URL        = 'https://3dsec.sberbank.ru/payment/merchants/sbersafe/payment_ru.html?mdOrder=4f1c-77&lang=ru';

	private WC_Order $order;

	private Plugin $plugin;

	private int $now = self::NOW;

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar();
		$this->order        = RU_Payments_Test_State::add_order( new WC_Order( 123, 'pending', 'cod' ) );
		$this->order->total = '3350.00';
		$this->order->add_test_item( new WC_Order_Item_Tax( 1, 20.0 ) );
		$this->order->add_test_item( new WC_Order_Item_Product( 'Чайник', '2500.00', '500.00', array( 1 => '500.00' ), 2, new WC_Product( 1, 'simple', 0, 'A-1' ) ) );
		$this->order->add_test_item( new WC_Order_Item_Shipping( 'Курьер', '350.00', '0', array() ) );

		$this->plugin = $this->plugin();
		$this->gateway( Methods::SBER_BNPL, array( 'title' => 'Плати частями' ), $this->plugin );

		$settings = new SidecarSettings();
		$client   = new SidecarClient( $settings, new Logger() );
		( new OfflineLinkHandler(
			$client,
			new ProfileResolver(),
			new ProviderSettings(),
			fn (): array => $this->plugin->gateways(),
			new TestConnectionHandler( $client, $settings ),
			new Logger(),
			new PaymentRequestBuilder(),
			fn (): int => $this->now
		) )->register();
	}

	/**
	 * A few bytes that start like a PNG, as base64.
	 */
	private static function png(): string {
		return base64_encode( "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0!\0\0\0!\x08\x06\0\0\0" );
	}

	private static function answer( array $overrides = array() ): string {
		return (string) json_encode(
			array_merge(
				array(
					'payment'     => array(
						'id'                  => self::PAYMENT_ID,
						'order_id'            => '123',
						'provider'            => 'sber',
						'profile'             => 'default',
						'provider_payment_id' => '4f1c-77',
						'status'              => 'pending',
						'amount'              => 335000,
						'redirect_url'        => self::URL,
						'test'                => false,
					),
					'paymentUrl'  => self::URL,
					'qrSvg'       => '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 33 33"><path d="M0 0h33v33H0z"/></svg>',
					'qrPngBase64' => self::png(),
					'smsText'     => 'Заказ №123: 3 350,00 ₽. Оплата частями через «Плати частями» от Сбера: ' . self::URL,
					'lang'        => 'ru',
					'expiresAt'   => '2025-11-28T12:00:00.000Z',
				),
				$overrides
			),
			JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES
		);
	}

	private function ajax( string $action, array $post = array( 'order_id' => '123' ), bool $nonce = true, bool $capability = true ): WP_Send_Json_Double {
		$_POST                        = $post + array( 'nonce' => $nonce ? wp_create_nonce( $action ) : 'forged' );
		$_REQUEST                     = $_POST;
		RU_Payments_Test_State::$caps = $capability ? array( 'manage_woocommerce' ) : array( 'edit_shop_orders' );
		try {
			do_action( 'wp_ajax_' . $action );
		} catch ( WP_Send_Json_Double $response ) {
			return $response;
		}
		$this->fail( 'The handler must answer with wp_send_json_*().' );
	}

	private function create(): WP_Send_Json_Double {
		return $this->ajax( OfflineLinkHandler::ACTION );
	}

	private function sent( int $index = -1 ): array {
		$requests = RU_Payments_Test_State::$http_requests;
		return $requests[ $index < 0 ? count( $requests ) + $index : $index ];
	}

	private function keys(): array {
		return array_map( static fn ( array $request ): string => $request['args']['headers']['Idempotency-Key'], RU_Payments_Test_State::$http_requests );
	}

	// ---- Refusals ----------------------------------------------------------------------------------

	public function test_create_refuses_a_missing_or_forged_nonce_and_a_user_without_the_capability(): void {
		$before = $this->order->snapshot();

		$this->assertSame( 403, $this->ajax( OfflineLinkHandler::ACTION, array( 'order_id' => '123' ), false )->status );
		$this->assertSame( 403, $this->ajax( OfflineLinkHandler::ACTION, array( 'order_id' => '123' ), true, false )->status );
		$_POST = $_REQUEST = array( 'order_id' => '123' );
		RU_Payments_Test_State::$caps = array( 'manage_woocommerce' );
		try {
			do_action( 'wp_ajax_' . OfflineLinkHandler::ACTION );
			$this->fail( 'no answer' );
		} catch ( WP_Send_Json_Double $response ) {
			$this->assertSame( 403, $response->status, 'no nonce at all' );
		}

		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
		$this->assertSame( $before, $this->order->snapshot() );
		$this->assertSame( array(), ru_payments_test_callbacks( 'wp_ajax_nopriv_' . OfflineLinkHandler::ACTION ) );
	}

	public function test_create_refuses_unknown_and_not_pending_orders(): void {
		$this->assertSame( 404, $this->ajax( OfflineLinkHandler::ACTION, array( 'order_id' => '999' ) )->status );

		$this->order->set_status( 'processing' );
		$response = $this->create();
		$this->assertSame( 409, $response->status );
		$this->assertStringContainsString( 'Pending payment', $response->data['message'] );

		$this->order->set_status( 'pending' );
		$this->order->currency = 'USD';
		$this->assertStringContainsString( 'roubles only', $this->create()->data['message'] );

		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	// ---- The request -------------------------------------------------------------------------------

	public function test_create_sends_the_checkout_body_with_lang_under_the_offline_key(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::answer() );

		$response = $this->create();

		$this->assertTrue( $response->success, (string) json_encode( $response->data ) );
		$request = $this->sent();
		$this->assertSame( 'http://sidecar:8080/v1/providers/sber/offline-links', $request['url'] );
		$this->assertSame( 'POST', $request['args']['method'] );
		$this->assertSame( 'offline-123-1', $request['args']['headers']['Idempotency-Key'] );
		$this->assertArrayHasKey( RequestSigner::HEADER_SIGNATURE, $request['args']['headers'] );
		$this->assertStringNotContainsString( self::SECRET, (string) json_encode( $request ) );

		// The same money and basket rules as the checkout: the builder's body, plus the SMS language.
		$expected = ( new PaymentRequestBuilder() )->build(
			$this->order,
			new PaymentRequest( Methods::SBER_BNPL, 'sber', 'default', $this->order->get_checkout_order_received_url() )
		);
		$expected['lang'] = 'ru';
		$body             = json_decode( $request['args']['body'], true );
		$this->assertEquals( $expected, $body );
		$this->assertSame( 'sber', $body['provider'] );
		$this->assertSame( 335000, $body['amount'] );
		$this->assertSame( 335000, array_sum( array_column( $body['items'], 'amount' ) ) );
		$this->assertSame( 'ru_payments_sber_bnpl', $body['metadata']['gateway'] );
		$this->assertFalse( $body['test'] );
		$this->assertFalse( $body['two_stage'] );
	}

	public function test_test_mode_and_two_stage_follow_the_gateway_and_the_provider_settings(): void {
		$this->gateway( Methods::SBER_BNPL, array( 'test_mode' => 'yes' ), $this->plugin );
		$this->configure_provider( 'sber', array( 'userName' => 'shop-api', 'password' => 'p', 'twoStage' => 'yes' ) );
		RU_Payments_Test_State::queue_http_response( 201, self::answer() );

		$this->create();

		$body = json_decode( $this->sent()['args']['body'], true );
		$this->assertTrue( $body['test'] );
		$this->assertTrue( $body['two_stage'] );
	}

	/**
	 * @return array<string,array{0: int, 1: array<int,string>, 2: string}>
	 */
	public function languages(): array {
		return array(
			'guest order, Russian admin'        => array( 0, array(), 'ru' ),
			'guest order, English admin'        => array( 0, array( 1 => 'en_US' ), 'en' ),
			'customer chose English'            => array( 7, array( 7 => 'en_GB' ), 'en' ),
			'customer without a locale of own'  => array( 7, array( 1 => 'en_US' ), 'ru' ),
		);
	}

	/**
	 * @dataProvider languages
	 *
	 * @param array<int,string> $locales User locales.
	 */
	public function test_sms_language_follows_the_customer_or_the_admin( int $customer, array $locales, string $lang ): void {
		$this->order->customer_id            = $customer;
		RU_Payments_Test_State::$user_locales = $locales;
		RU_Payments_Test_State::queue_http_response( 201, self::answer() );

		$this->create();

		$this->assertSame( $lang, json_decode( $this->sent()['args']['body'], true )['lang'] );
	}

	// ---- The answer --------------------------------------------------------------------------------

	public function test_create_binds_the_payment_and_shows_qr_link_sms_and_expiry(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::answer() );

		$response = $this->create();

		$this->assertTrue( $response->success );
		$this->assertSame( 'pending', $response->data['state'] );
		$this->assertStringContainsString( 'The link is ready', $response->data['message'] );

		$saved = $this->order->saved();
		$this->assertSame( 'pending', $saved['status'], 'the order waits for the signed event' );
		$this->assertSame( self::PAYMENT_ID, $saved['meta'][ OrderMeta::PAYMENT_ID ] );
		$this->assertSame( 'pending', $saved['meta'][ OrderMeta::STATUS ] );
		$this->assertSame( 'sber', $saved['meta'][ OrderMeta::PROVIDER ] );
		$this->assertSame( 'default', $saved['meta'][ OrderMeta::PROFILE ] );
		$this->assertSame( '4f1c-77', $saved['meta'][ OrderMeta::PROVIDER_PAYMENT_ID ] );
		$this->assertSame( 1, $saved['meta'][ OrderMeta::OFFLINE_ATTEMPT ] );
		$this->assertSame( Methods::SBER_BNPL, $saved['payment_method'], 'events only change orders paid with our methods' );
		$this->assertSame( 'Плати частями', $this->order->get_payment_method_title() );
		$this->assertSame( self::URL, $saved['meta'][ OrderMeta::OFFLINE_LINK ]['payment_url'] );
		$this->assertSame( strtotime( '2025-11-28T12:00:00Z' ), $saved['meta'][ OrderMeta::OFFLINE_LINK ]['expires_at'] );
		$this->assertArrayNotHasKey( 'qrSvg', $saved['meta'][ OrderMeta::OFFLINE_LINK ] );
		$this->assertCount( 1, $this->order->notes );
		$this->assertStringContainsString( 'payment link created for payment ' . self::PAYMENT_ID . ' (attempt 1)', $this->order->notes[0] );
		$this->assertStringContainsString( 'payment method of the order was set', $this->order->notes[0] );
		$this->assertTrue( $this->order->note_flags[0][2], 'the note names the admin who sent the link' );

		$html = $response->data['html'];
		$this->assertStringContainsString( '<img class="ru-payments-offline-link__qr" src="data:image/png;base64,' . self::png() . '"', $html );
		$this->assertStringContainsString( 'value="' . esc_attr( self::URL ) . '"', $html );
		$this->assertStringContainsString( 'data-copy-target="ru-payments-offline-link-url"', $html );
		$this->assertStringContainsString( '>Заказ №123: 3 350,00 ₽. Оплата частями через «Плати частями» от Сбера: ' . esc_html( self::URL ) . '</textarea>', $html );
		$this->assertStringContainsString( 'data-copy-target="ru-payments-offline-link-sms"', $html );
		$this->assertStringContainsString( 'Valid until 2025-11-28 12:00.', $html );
		$this->assertStringContainsString( 'data-state="pending"', $html );
		$this->assertStringNotContainsString( '<svg', $html );
		$this->assertStringContainsString( 'Order 123: offline link for payment ' . self::PAYMENT_ID . ' created', $this->logs() );
	}

	public function test_a_second_click_reuses_the_key_and_the_link(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::answer() );
		RU_Payments_Test_State::queue_http_response( 201, self::answer() ); // The sidecar replays the stored answer.

		$this->create();
		$second = $this->create();

		$this->assertSame( array( 'offline-123-1', 'offline-123-1' ), $this->keys() );
		$this->assertTrue( $second->success );
		$this->assertStringContainsString( 'already created', $second->data['message'] );
		$this->assertCount( 1, $this->order->notes );
	}

	public function test_an_expired_link_is_replaced_with_the_next_attempt(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::answer() );
		$this->create();

		$this->now = strtotime( '2025-11-28T12:00:00Z' );
		$status    = $this->ajax( OfflineLinkHandler::STATUS_ACTION );
		$this->assertSame( 'expired', $status->data['state'] );
		$this->assertTrue( $status->data['final'] );
		$this->assertStringContainsString( 'Expired on 2025-11-28 12:00.', $status->data['html'] );
		$this->assertStringNotContainsString( '<img', $status->data['html'] );

		RU_Payments_Test_State::queue_http_response( 201, self::answer( array( 'payment' => array( 'id' => 'pay_offline22222222', 'status' => 'pending' ), 'expiresAt' => '2025-12-01T12:00:00.000Z' ) ) );
		$this->create();

		$this->assertSame( array( 'offline-123-1', 'offline-123-2' ), $this->keys() );
		$this->assertSame( 'pay_offline22222222', OrderMeta::payment_id( $this->order ) );
		$this->assertSame( 2, OfflineLink::of( $this->order )->attempt );
	}

	public function test_a_link_whose_payment_ended_unpaid_is_replaced(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::answer() );
		$this->create();
		$this->order->update_meta_data( OrderMeta::STATUS, 'cancelled' ); // What a signed event would have stored.

		RU_Payments_Test_State::queue_http_response( 201, self::answer( array( 'payment' => array( 'id' => 'pay_offline22222222', 'status' => 'pending' ) ) ) );
		$this->create();

		$this->assertSame( array( 'offline-123-1', 'offline-123-2' ), $this->keys() );
		$this->assertSame( 'pending', OrderMeta::status( $this->order ), 'the new payment starts afresh' );
	}

	public function test_a_changed_order_gets_the_next_attempt_at_once(): void {
		RU_Payments_Test_State::queue_http_response( 422, '{"error":{"code":"idempotency_key_reused","message":"This Idempotency-Key was used for a different request","field":"Idempotency-Key"}}' );
		RU_Payments_Test_State::queue_http_response( 201, self::answer() );

		$response = $this->create();

		$this->assertTrue( $response->success );
		$this->assertSame( array( 'offline-123-1', 'offline-123-2' ), $this->keys() );
		$this->assertSame( 2, $this->order->saved()['meta'][ OrderMeta::OFFLINE_ATTEMPT ] );
	}

	// ---- Sanitising what the sidecar sent ------------------------------------------------------------

	/**
	 * @return array<string,array{0: mixed, 1: bool}>
	 */
	public function qr_values(): array {
		$png = self::png();
		return array(
			'a PNG'                      => array( $png, true ),
			'attribute break-out'        => array( 'iVBORw0KGgo="><script>alert(1)</script>', false ),
			'quote and event handler'    => array( $png . '" onerror="alert(1)', false ),
			'whitespace inside'          => array( substr( $png, 0, 8 ) . ' ' . substr( $png, 8 ), false ),
			'not strictly decodable'     => array( substr( $png, 0, -1 ), false ),
			'base64 of a GIF'            => array( base64_encode( 'GIF89a' . str_repeat( "\0", 10 ) ), false ),
			'base64 of an SVG'           => array( base64_encode( '<svg onload="alert(1)"/>' ), false ),
			'data URL prefix'            => array( 'data:image/png;base64,' . $png, false ),
			'not a string'               => array( array( $png ), false ),
			'too large'                  => array( str_repeat( 'A', OfflineLink::MAX_QR_BYTES + 4 ), false ),
		);
	}

	/**
	 * @dataProvider qr_values
	 */
	public function test_only_base64_of_a_png_is_accepted_as_qr_code( mixed $value, bool $accepted ): void {
		$this->assertSame( $accepted ? $value : '', OfflineLink::clean_png_base64( $value ) );
	}

	public function test_a_bad_qr_code_is_not_printed_and_the_link_is_still_shown(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::answer( array( 'qrPngBase64' => self::png() . '" onerror="alert(1)' ) ) );

		$html = $this->create()->data['html'];

		$this->assertStringNotContainsString( '<img', $html );
		$this->assertStringNotContainsString( 'onerror', $html );
		$this->assertStringContainsString( 'no usable QR code', $html );
		$this->assertStringContainsString( 'value="' . esc_attr( self::URL ) . '"', $html );
	}

	public function test_sms_text_is_shown_escaped(): void {
		$sms = "Заказ №123</textarea><script>alert('x')</script> & \"более\"";
		RU_Payments_Test_State::queue_http_response( 201, self::answer( array( 'smsText' => $sms, 'expiresAt' => '2099-01-01T00:00:00.000Z' ) ) );

		$html = $this->create()->data['html'];

		$this->assertStringNotContainsString( '<script>', $html );
		$this->assertSame( 1, substr_count( $html, '</textarea>' ) );
		$this->assertStringContainsString( 'Заказ №123&lt;/textarea&gt;&lt;script&gt;alert(&#039;x&#039;)&lt;/script&gt; &amp; &quot;более&quot;', $html );

		// The box printed on page load escapes it the same way.
		ob_start();
		( new OfflineLinkMetaBox( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION ) )->render( $this->order );
		$box = (string) ob_get_clean();
		$this->assertStringNotContainsString( '<script>', $box );
		$this->assertStringContainsString( '&lt;script&gt;', $box );
	}

	public function test_a_link_that_is_not_http_is_refused_and_nothing_is_bound(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::answer( array( 'paymentUrl' => 'javascript:alert(1)' ) ) );

		$response = $this->create();

		$this->assertFalse( $response->success );
		$this->assertStringContainsString( 'without a usable payment link', $response->data['message'] );
		$this->assertSame( '', OrderMeta::payment_id( $this->order ) );
		$this->assertSame( 'cod', $this->order->get_payment_method() );
		$this->assertSame( 2, $this->order->saved()['meta'][ OrderMeta::OFFLINE_ATTEMPT ], 'that answer is final for its key' );
	}

	// ---- Errors ------------------------------------------------------------------------------------

	private const SBER_REFUSAL = '{"error":{"code":"sber_payment_way_not_allowed","message":"The «Плати частями» payment way is not enabled for this shop or is selected wrongly (the bnplPageParam setting). Contact Sber.","message_ru":"Способ оплаты «Плати частями» не подключён для этого магазина или выбран неверно (настройка bnplPageParam). Обратитесь в Сбер.","message_en":"The «Плати частями» payment way is not enabled for this shop or is selected wrongly (the bnplPageParam setting). Contact Sber."}}';

	public function test_sber_refusals_are_explained_in_the_admins_language(): void {
		RU_Payments_Test_State::queue_http_response( 502, self::SBER_REFUSAL );
		$russian = $this->create();

		RU_Payments_Test_State::$user_locales = array( 1 => 'en_US' );
		RU_Payments_Test_State::queue_http_response( 502, self::SBER_REFUSAL );
		$english = $this->create();

		$this->assertFalse( $russian->success );
		$this->assertSame( 'Способ оплаты «Плати частями» не подключён для этого магазина или выбран неверно (настройка bnplPageParam). Обратитесь в Сбер.', $russian->data['message'] );
		$this->assertSame( 'The «Плати частями» payment way is not enabled for this shop or is selected wrongly (the bnplPageParam setting). Contact Sber.', $english->data['message'] );
		$this->assertSame( array( 'offline-123-1', 'offline-123-1' ), $this->keys(), 'a 5xx may be retried with the same key' );
		$this->assertSame( '', OrderMeta::payment_id( $this->order ) );
		$this->assertSame( 'cod', $this->order->get_payment_method() );
		$this->assertStringContainsString( 'the offline link was not created (attempt 1): sber_payment_way_not_allowed, HTTP 502', $this->logs() );
	}

	public function test_other_sidecar_errors_use_the_connection_explanations_and_close_final_attempts(): void {
		RU_Payments_Test_State::queue_http_response( 400, '{"error":{"code":"provider_not_configured","message":"Provider sber is not configured","field":"provider"}}' );
		$refused = $this->create();

		RU_Payments_Test_State::queue_http_response( 401, '{"error":{"code":"unauthorized","message":"bad signature"}}' );
		$unauthorized = $this->create();

		RU_Payments_Test_State::queue_http_response( 409, '{"error":{"code":"idempotency_in_progress","message":"still running"}}' );
		$running = $this->create();

		RU_Payments_Test_State::queue_http_error( 'cURL error 7' );
		$unreachable = $this->create();

		$this->assertSame( 'The sidecar answered HTTP 400: Provider sber is not configured', $refused->data['message'] );
		$this->assertStringContainsString( 'rejected the request signature', $unauthorized->data['message'] );
		$this->assertStringContainsString( 'still being created', $running->data['message'] );
		$this->assertStringContainsString( 'Could not reach the sidecar at http://sidecar:8080', $unreachable->data['message'] );
		$this->assertSame( array( 'offline-123-1', 'offline-123-2', 'offline-123-2', 'offline-123-2' ), $this->keys() );
		foreach ( array( $refused, $unauthorized, $running, $unreachable ) as $response ) {
			$this->assertStringNotContainsString( self::SECRET, (string) json_encode( $response->data ) );
		}
	}

	// ---- The status endpoint -----------------------------------------------------------------------

	public function test_status_needs_the_nonce_and_the_capability(): void {
		$this->assertSame( 403, $this->ajax( OfflineLinkHandler::STATUS_ACTION, array( 'order_id' => '123' ), false )->status );
		$this->assertSame( 403, $this->ajax( OfflineLinkHandler::STATUS_ACTION, array( 'order_id' => '123' ), true, false )->status );
		$_POST = $_REQUEST = array( 'order_id' => '123', 'nonce' => wp_create_nonce( OfflineLinkHandler::ACTION ) );
		RU_Payments_Test_State::$caps = array( 'manage_woocommerce' );
		try {
			do_action( 'wp_ajax_' . OfflineLinkHandler::STATUS_ACTION );
			$this->fail( 'no answer' );
		} catch ( WP_Send_Json_Double $response ) {
			$this->assertSame( 403, $response->status, 'the create nonce does not open the status endpoint' );
		}
		$this->assertSame( array(), ru_payments_test_callbacks( 'wp_ajax_nopriv_' . OfflineLinkHandler::STATUS_ACTION ) );
	}

	public function test_status_reads_the_order_only_and_turns_paid_when_a_signed_event_arrives(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::answer() );
		$this->create();
		$requests = count( RU_Payments_Test_State::$http_requests );

		$pending = $this->ajax( OfflineLinkHandler::STATUS_ACTION );
		$this->assertSame( 'pending', $pending->data['state'] );
		$this->assertFalse( $pending->data['final'] );

		// The callback reaches the sidecar, which sends its signed event to the existing endpoint.
		$events = new EventsController( new SidecarSettings(), new NonceStore( new \Markers_Double() ), new StatusApplier(), new Logger(), static fn (): int => self::NOW, new \Markers_Double(), new \Order_Locks_Double() );
		$events->register_routes();
		$body    = (string) json_encode(
			array(
				'event_id'            => 'evt_offline_1',
				'type'                => 'payment.status_changed',
				'payment_id'          => self::PAYMENT_ID,
				'order_id'            => '123',
				'provider'            => 'sber',
				'provider_payment_id' => '4f1c-77',
				'status'              => 'paid',
				'previous_status'     => 'pending',
				'amount'              => 335000,
				'refunded_amount'     => 0,
				'currency'            => 'RUB',
				'sequence'            => 2,
				'occurred_at'         => '2025-11-25T12:05:00.000Z',
				'test'                => false,
			)
		);
		$request = new WP_REST_Request( 'POST', '/ru-payments/v1/events' );
		$request->set_body( $body );
		foreach ( ( new RequestSigner( self::SECRET, static fn (): int => self::NOW ) )->headers( 'POST', '/ru-payments/v1/events', $body ) as $name => $value ) {
			$request->set_header( $name, $value );
		}
		$this->assertSame( 200, Rest_Server_Double::dispatch( $request )->get_status() );

		$paid = $this->ajax( OfflineLinkHandler::STATUS_ACTION );
		$this->assertSame( 'paid', $paid->data['state'] );
		$this->assertTrue( $paid->data['final'] );
		$this->assertSame( 'Paid', $paid->data['label'] );
		$this->assertStringContainsString( '<strong>Paid</strong>', $paid->data['html'] );
		$this->assertStringNotContainsString( '<img', $paid->data['html'] );
		$this->assertSame( $requests, count( RU_Payments_Test_State::$http_requests ), 'the status endpoint never calls the sidecar' );
	}

	public function test_status_shows_failed_when_the_order_was_cancelled(): void {
		RU_Payments_Test_State::queue_http_response( 201, self::answer() );
		$this->create();
		$this->order->update_status( 'cancelled' );

		$response = $this->ajax( OfflineLinkHandler::STATUS_ACTION );

		$this->assertSame( 'failed', $response->data['state'] );
		$this->assertStringContainsString( 'Not paid', $response->data['label'] );
	}

	// ---- The meta box ------------------------------------------------------------------------------

	public function test_meta_box_is_added_to_both_order_screens_for_shop_managers(): void {
		$box = new OfflineLinkMetaBox( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION );
		$box->register();

		RU_Payments_Test_State::$hpos = true;
		do_action( 'add_meta_boxes', 'woocommerce_page_wc-orders', $this->order );
		$this->assertSame( array(), RU_Payments_Test_State::$meta_boxes, 'no capability, no box' );

		RU_Payments_Test_State::$caps = array( 'manage_woocommerce' );
		do_action( 'add_meta_boxes', 'woocommerce_page_wc-orders', $this->order );
		$this->assertSame( array( 'shop_order', 'woocommerce_page_wc-orders' ), array_keys( RU_Payments_Test_State::$meta_boxes ) );
		$this->assertSame( 'side', RU_Payments_Test_State::$meta_boxes['woocommerce_page_wc-orders'][ OfflineLinkMetaBox::ID ]['context'] );
		$this->assertSame( array( $box, 'render' ), RU_Payments_Test_State::$meta_boxes['shop_order'][ OfflineLinkMetaBox::ID ]['callback'] );

		RU_Payments_Test_State::$hpos       = false;
		RU_Payments_Test_State::$meta_boxes = array();
		do_action( 'add_meta_boxes', 'shop_order', (object) array( 'ID' => 123 ) );
		$this->assertSame( array( 'shop_order' ), array_keys( RU_Payments_Test_State::$meta_boxes ) );
	}

	public function test_meta_box_of_a_pending_order_offers_the_button_and_documents_the_sidecar_route(): void {
		RU_Payments_Test_State::$caps = array( 'manage_woocommerce' );

		ob_start();
		( new OfflineLinkMetaBox( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION ) )->render( (object) array( 'ID' => 123 ) ); // Classic screen: a WP_Post.
		$html = (string) ob_get_clean();

		$this->assertStringContainsString( 'data-order-id="123"', $html );
		$this->assertStringContainsString( 'ru-payments-offline-link__create">Create «Плати частями» link</button>', $html );
		$this->assertStringContainsString( 'POST /v1/providers/sber/offline-links', $html );
		$this->assertStringContainsString( 'GET /v1/providers/sber/offline-links/&lt;payment ID&gt;', $html );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );

		$script = RU_Payments_Test_State::$scripts[ OfflineLinkMetaBox::SCRIPT ];
		$this->assertStringEndsWith( '/assets/js/admin-offline-link.js', $script['src'] );
		$this->assertFileExists( RU_PAYMENTS_PLUGIN_DIR . '/assets/js/admin-offline-link.js' );
		$localized = $script['localized']['ruPaymentsOfflineLink'];
		$this->assertSame( 1, wp_verify_nonce( $localized['create']['nonce'], OfflineLinkHandler::ACTION ) );
		$this->assertSame( 1, wp_verify_nonce( $localized['status']['nonce'], OfflineLinkHandler::STATUS_ACTION ) );
	}

	public function test_meta_box_of_an_order_that_does_not_await_payment_has_no_button(): void {
		RU_Payments_Test_State::$caps = array( 'manage_woocommerce' );
		$this->order->set_status( 'completed' );

		ob_start();
		( new OfflineLinkMetaBox( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION ) )->render( $this->order );
		$html = (string) ob_get_clean();

		$this->assertStringNotContainsString( 'ru-payments-offline-link__create', $html );
		$this->assertStringContainsString( 'Only an order awaiting payment', $html );
	}

	public function test_meta_box_prints_nothing_without_the_capability(): void {
		ob_start();
		( new OfflineLinkMetaBox( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION ) )->render( $this->order );
		$this->assertSame( '', ob_get_clean() );
	}

	public function test_admin_boot_wires_the_box_and_both_handlers(): void {
		RU_Payments_Test_State::$is_admin = true;
		( new Plugin( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION ) )->boot();

		foreach ( array( 'add_meta_boxes', 'wp_ajax_' . OfflineLinkHandler::ACTION, 'wp_ajax_' . OfflineLinkHandler::STATUS_ACTION ) as $hook ) {
			$this->assertNotEmpty( ru_payments_test_callbacks( $hook ), $hook );
		}
	}
}
