<?php
/**
 * "Dolyame certificate" on the Status screen: on-demand check, 12-hour cache, the 30-day warning,
 * key / certificate / CSR mismatches and the admin notice.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Admin\DolyameCertificateBlock;
use RuPayments\Admin\DolyameCertificateHandler;
use RuPayments\Admin\StatusSection;
use RuPayments\Admin\TestConnectionHandler;
use RuPayments\Plugin;
use RuPayments\Profiles\Profiles;
use RuPayments\Providers\DolyameCertificate;
use RuPayments\Providers\ProviderDirectory;
use RuPayments\Providers\ProviderSettings;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Logger;
use WP_Send_Json_Double;

final class DolyameCertificateTest extends TestCase {

	private const NOW = 1764072000; // 2025-11-25 12:00 UTC.
	private const DAY = 86400;

	private int $now = self::NOW;

	private DolyameCertificate $certificate;

	private DolyameCertificateBlock $block;

	private SidecarClient $client;

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar();
		$settings          = new SidecarSettings();
		$this->client      = new SidecarClient( $settings, new Logger() );
		$this->certificate = new DolyameCertificate( $this->client, fn (): int => $this->now );
		$this->block       = new DolyameCertificateBlock( $this->certificate, new Profiles() );
		$this->block->register();
		( new DolyameCertificateHandler( $this->certificate, $this->block, new Profiles(), new TestConnectionHandler( $this->client, $settings ) ) )->register();
	}

	/**
	 * The sidecar's answer for a certificate that expires in $days days (and an hour).
	 */
	private static function answer( int $days, array $matches = array( 'keyCert' => true, 'keyCsr' => true, 'certCsr' => true ), array $extra = array() ): string {
		$not_after = self::NOW + $days * self::DAY + 3600;
		return (string) json_encode(
			array_merge(
				array(
					'profile'   => 'default',
					'simulated' => false,
					'notAfter'  => gmdate( 'Y-m-d\TH:i:s.000\Z', $not_after ),
					'daysLeft'  => $days,
					'warning'   => $days <= 30,
					'expired'   => $days < 0,
					'subject'   => 'CN=shop-12345, O=ООО "Ромашка"',
					'matches'   => $matches,
					'problems'  => array(),
				),
				$extra
			),
			JSON_UNESCAPED_UNICODE
		);
	}

	private function check( array $post = array(), bool $nonce = true, bool $capability = true ): WP_Send_Json_Double {
		$_POST                        = $post + array( 'nonce' => $nonce ? wp_create_nonce( DolyameCertificateHandler::ACTION ) : 'forged' );
		$_REQUEST                     = $_POST;
		RU_Payments_Test_State::$caps = $capability ? array( 'manage_woocommerce' ) : array( 'edit_posts' );
		try {
			do_action( 'wp_ajax_' . DolyameCertificateHandler::ACTION );
		} catch ( WP_Send_Json_Double $response ) {
			return $response;
		}
		$this->fail( 'The handler must answer with wp_send_json_*().' );
	}

	private function status_screen(): string {
		ob_start();
		( new StatusSection( new Profiles(), new ProviderSettings(), new ProviderDirectory( $this->client ), $this->block ) )->output();
		unset( $GLOBALS['hide_save_button'] );
		return (string) ob_get_clean();
	}

	private function notices( string $screen = 'woocommerce_page_wc-orders' ): string {
		RU_Payments_Test_State::$current_screen = (object) array( 'id' => $screen );
		ob_start();
		do_action( 'admin_notices' );
		return (string) ob_get_clean();
	}

	// ---- Refusals ----------------------------------------------------------------------------------

	public function test_check_needs_the_nonce_the_capability_and_a_known_profile(): void {
		$this->assertSame( 403, $this->check( array(), false )->status );
		$this->assertSame( 403, $this->check( array(), true, false )->status );
		$this->assertSame( 400, $this->check( array( 'profile' => 'seller9' ) )->status );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
		$this->assertSame( array(), ru_payments_test_callbacks( 'wp_ajax_nopriv_' . DolyameCertificateHandler::ACTION ) );
	}

	// ---- Check and cache ---------------------------------------------------------------------------

	public function test_check_asks_the_sidecar_for_the_profile_and_caches_the_answer_for_12_hours(): void {
		RU_Payments_Test_State::$options['ru_payments_profiles'] = array( 'seller2' );
		RU_Payments_Test_State::queue_http_response( 200, self::answer( 200 ) );

		$response = $this->check( array( 'profile' => 'seller2' ) );

		$this->assertTrue( $response->success, (string) json_encode( $response->data ) );
		$this->assertSame( 'http://sidecar:8080/v1/providers/dolyame/certificate?profile=seller2', RU_Payments_Test_State::$http_requests[0]['url'] );
		$this->assertSame( 'GET', RU_Payments_Test_State::$http_requests[0]['args']['method'] );
		$this->assertSame( 'seller2', $response->data['profile'] );
		$this->assertStringContainsString( 'data-profile="seller2"', $response->data['html'] );
		$this->assertStringContainsString( '<h4>Profile seller2</h4>', $response->data['html'] );
		$this->assertStringContainsString( '<th scope="row">Days left</th><td>200</td>', $response->data['html'] );
		$this->assertStringContainsString( gmdate( 'Y-m-d', self::NOW + 200 * self::DAY ), $response->data['html'] );
		$this->assertStringContainsString( 'CN=shop-12345, O=ООО &quot;Ромашка&quot;', $response->data['html'] );
		$this->assertStringNotContainsString( 'notice-warning', $response->data['html'] );

		$transient = RU_Payments_Test_State::$transients[ DolyameCertificate::TRANSIENT ];
		$this->assertSame( 43200, $transient['expiration'] );
		$this->assertSame( self::NOW + 200 * self::DAY + 3600, $transient['value']['profiles']['seller2']['not_after'] );
		$this->assertSame( self::NOW, $this->certificate->cached( 'seller2' )['fetched_at'] );
		$this->assertNull( $this->certificate->cached( 'default' ) );
	}

	public function test_status_screen_shows_the_cached_result_without_calling_the_sidecar(): void {
		$empty = $this->status_screen();
		$this->assertStringContainsString( '<h3>Dolyame certificate</h3>', $empty );
		$this->assertStringContainsString( 'id="ru-payments-dolyame-certificate">Check the certificate</button>', $empty );
		$this->assertStringNotContainsString( 'data-profile=', $empty );
		$this->assertStringNotContainsString( 'id="ru-payments-dolyame-certificate-profile"', $empty, 'one profile: no profile choice' );

		RU_Payments_Test_State::queue_http_response( 200, self::answer( 45 ) );
		$this->check();
		$requests = count( RU_Payments_Test_State::$http_requests );

		$this->now += 6 * 3600;
		$cached     = $this->status_screen();

		$this->assertSame( $requests, count( RU_Payments_Test_State::$http_requests ), 'plain page loads never call the sidecar' );
		$this->assertStringContainsString( 'data-profile="default"', $cached );
		$this->assertStringContainsString( '<th scope="row">Days left</th><td>44</td>', $cached, 'days are counted from the expiry date at display time' );
		$this->assertStringContainsString( 'Checked on 2025-11-25 12:00.', $cached );

		$this->now = self::NOW + 43200 + 1;
		$this->assertStringNotContainsString( 'data-profile=', $this->status_screen(), 'older than 12 hours: not shown' );
		$this->assertSame( $requests, count( RU_Payments_Test_State::$http_requests ) );
	}

	public function test_a_failed_check_keeps_the_last_good_answer(): void {
		RU_Payments_Test_State::queue_http_response( 200, self::answer( 100 ) );
		$this->check();
		RU_Payments_Test_State::queue_http_response( 503, '{"error":{"code":"not_ready","message":"store unavailable"}}' );

		$response = $this->check();

		$this->assertFalse( $response->success );
		$this->assertSame( 'The sidecar answered HTTP 503: store unavailable', $response->data['message'] );
		$this->assertNotNull( $this->certificate->cached( 'default' ) );
	}

	public function test_sidecar_errors_are_explained(): void {
		RU_Payments_Test_State::queue_http_response( 400, '{"error":{"code":"provider_not_configured","message":"Provider dolyame is not configured","field":"provider"}}' );
		$this->assertStringContainsString( 'Dolyame is not configured in the sidecar for this profile', $this->check()->data['message'] );

		RU_Payments_Test_State::queue_http_response( 422, '{"error":{"code":"certificate_unreadable","message":"The Dolyame certificate files cannot be checked: cannot read csrPath /etc/dolyame/req.csr: ENOENT"}}' );
		$this->assertSame( 'The sidecar cannot read the certificate files: The Dolyame certificate files cannot be checked: cannot read csrPath /etc/dolyame/req.csr: ENOENT', $this->check()->data['message'] );

		RU_Payments_Test_State::queue_http_response( 200, '{"profile":"default","notAfter":"soon"}' );
		$this->assertFalse( $this->check()->success );
		$this->assertSame( array(), $this->certificate->all() );
	}

	// ---- The 30-day warning ------------------------------------------------------------------------

	/**
	 * @return array<string,array{0: int, 1: bool}>
	 */
	public function thresholds(): array {
		return array(
			'a year'      => array( 365, false ),
			'31 days'     => array( 31, false ),
			'30 days'     => array( 30, true ),
			'29 days'     => array( 29, true ),
			'today'       => array( 0, true ),
		);
	}

	/**
	 * @dataProvider thresholds
	 */
	public function test_warning_starts_30_days_before_expiry( int $days, bool $warned ): void {
		RU_Payments_Test_State::queue_http_response( 200, self::answer( $days ) );

		$html   = $this->check()->data['html'];
		$notice = $this->notices();

		$message = 'Your Dolyame certificate expires on ' . gmdate( 'Y-m-d H:i', self::NOW + $days * self::DAY + 3600 ) . '; order a new one.';
		$this->assertSame( $warned, str_contains( $html, $message ), $html );
		$this->assertSame( $warned, str_contains( $notice, $message ), $notice );
		$this->assertSame( $warned, str_contains( $notice, 'class="notice notice-warning"' ) );
	}

	public function test_a_cached_answer_starts_warning_when_its_day_comes(): void {
		RU_Payments_Test_State::queue_http_response( 200, self::answer( 31 ) );
		$this->check();
		$this->assertSame( '', $this->notices() );

		$this->now += 2 * 3600; // Still within the 12 hours of the cache; 31 days and an hour became 30 days and 23 hours.

		$this->assertStringContainsString( 'Your Dolyame certificate expires on', $this->notices() );
	}

	public function test_an_expired_certificate_is_an_error(): void {
		RU_Payments_Test_State::queue_http_response( 200, self::answer( -3 ) );

		$html   = $this->check()->data['html'];
		$notice = $this->notices();

		$this->assertStringContainsString( 'notice-error inline ru-payments-dolyame-certificate-warning', $html );
		$this->assertStringContainsString( '<th scope="row">Days left</th><td>0</td>', $html );
		$this->assertStringContainsString( 'Your Dolyame certificate expired on ' . gmdate( 'Y-m-d H:i', self::NOW - 3 * self::DAY + 3600 ) . ': Dolyame refuses every request. Order a new one.', $notice );
		$this->assertStringContainsString( 'class="notice notice-error"', $notice );
	}

	public function test_notice_only_on_woocommerce_screens_for_shop_managers_and_from_the_cache_only(): void {
		$this->assertSame( '', $this->notices(), 'nothing cached: nothing shown, nothing asked' );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );

		RU_Payments_Test_State::queue_http_response( 200, self::answer( 10 ) );
		$this->check();
		$requests = count( RU_Payments_Test_State::$http_requests );

		$this->assertStringContainsString( 'expires on', $this->notices( 'woocommerce_page_wc-settings' ) );
		$this->assertStringContainsString( 'href="https://shop.test/wp-admin/admin.php?page=wc-settings&amp;tab=ru_payments&amp;section=status"', $this->notices( 'shop_order' ) );
		$this->assertSame( '', $this->notices( 'dashboard' ) );
		$this->assertSame( '', $this->notices( 'edit-post' ) );
		RU_Payments_Test_State::$caps = array( 'edit_posts' );
		$this->assertSame( '', $this->notices(), 'not a shop manager' );
		$this->assertSame( $requests, count( RU_Payments_Test_State::$http_requests ) );
	}

	public function test_notice_names_a_non_default_profile(): void {
		RU_Payments_Test_State::$options['ru_payments_profiles'] = array( 'seller2' );
		RU_Payments_Test_State::queue_http_response( 200, self::answer( 5 ) );
		$this->check( array( 'profile' => 'seller2' ) );

		$this->assertStringContainsString( 'Your Dolyame certificate for profile seller2 expires on', $this->notices() );
		$this->assertStringContainsString( 'id="ru-payments-dolyame-certificate-profile"', $this->status_screen() );
	}

	// ---- Key / certificate / CSR -------------------------------------------------------------------

	/**
	 * @return array<string,array{0: array<string,bool|null>, 1: string|null}>
	 */
	public function match_cases(): array {
		return array(
			'all match'             => array( array( 'key_cert' => true, 'key_csr' => true, 'cert_csr' => true ), null ),
			'no CSR, key matches'   => array( array( 'key_cert' => true, 'key_csr' => null, 'cert_csr' => null ), null ),
			'no CSR, key differs'   => array( array( 'key_cert' => false, 'key_csr' => null, 'cert_csr' => null ), 'The private key does not match the certificate' ),
			'the CSR is the odd one' => array( array( 'key_cert' => true, 'key_csr' => false, 'cert_csr' => false ), 'The CSR does not match' ),
			'the certificate'       => array( array( 'key_cert' => false, 'key_csr' => true, 'cert_csr' => false ), 'The certificate does not match' ),
			'the private key'       => array( array( 'key_cert' => false, 'key_csr' => false, 'cert_csr' => true ), 'The private key does not match: the certificate and the CSR belong together' ),
			'none'                  => array( array( 'key_cert' => false, 'key_csr' => false, 'cert_csr' => false ), 'None of the three match' ),
		);
	}

	/**
	 * @dataProvider match_cases
	 *
	 * @param array<string,bool|null> $matches Pairwise matches.
	 */
	public function test_mismatch_names_the_file_that_does_not_belong( array $matches, ?string $expected ): void {
		$message = DolyameCertificate::mismatch_message( $matches );

		if ( null === $expected ) {
			$this->assertNull( $message );
		} else {
			$this->assertStringStartsWith( $expected, (string) $message );
		}
	}

	public function test_block_shows_each_pair_and_the_mismatch(): void {
		RU_Payments_Test_State::queue_http_response( 200, self::answer( 200, array( 'keyCert' => false, 'keyCsr' => true, 'certCsr' => false ) ) );

		$html = $this->check()->data['html'];

		$this->assertStringContainsString( '<th scope="row">Private key and certificate</th><td>do NOT match</td>', $html );
		$this->assertStringContainsString( '<th scope="row">Private key and CSR</th><td>match</td>', $html );
		$this->assertStringContainsString( '<th scope="row">Certificate and CSR</th><td>do NOT match</td>', $html );
		$this->assertStringContainsString( 'ru-payments-dolyame-certificate-mismatch"><p>The certificate does not match: it was issued for another request', $html );
	}

	public function test_block_without_a_csr_and_from_the_simulator_says_so(): void {
		RU_Payments_Test_State::queue_http_response( 200, self::answer( 200, array( 'keyCert' => true, 'keyCsr' => null, 'certCsr' => null ), array( 'simulated' => true ) ) );

		$html = $this->check()->data['html'];

		$this->assertStringContainsString( '<th scope="row">Private key and CSR</th><td>not checked</td>', $html );
		$this->assertStringContainsString( 'No CSR is set in the sidecar', $html );
		$this->assertStringContainsString( 'Dolyame simulator', $html );
		$this->assertStringNotContainsString( 'ru-payments-dolyame-certificate-mismatch', $html );
	}

	public function test_subject_is_escaped(): void {
		RU_Payments_Test_State::queue_http_response( 200, self::answer( 200, array( 'keyCert' => true, 'keyCsr' => true, 'certCsr' => true ), array( 'subject' => 'CN=<img src=x onerror=alert(1)>' ) ) );

		$html = $this->check()->data['html'];

		$this->assertStringNotContainsString( '<img', $html );
		$this->assertStringContainsString( '<th scope="row">Subject</th><td>CN=</td>', $html, 'tags are stripped on the way in, the rest escaped on output' );
	}

	// ---- Wiring ------------------------------------------------------------------------------------

	public function test_admin_boot_wires_the_check_the_notice_and_the_script_nonce(): void {
		RU_Payments_Test_State::$is_admin = true;
		RU_Payments_Test_State::$caps     = array( 'manage_woocommerce' );
		( new Plugin( RU_PAYMENTS_FILE, RU_PAYMENTS_VERSION ) )->boot();

		$this->assertNotEmpty( ru_payments_test_callbacks( 'wp_ajax_' . DolyameCertificateHandler::ACTION ) );
		$this->assertNotEmpty( ru_payments_test_callbacks( 'admin_notices' ) );

		$_GET['tab'] = 'ru_payments';
		do_action( 'admin_enqueue_scripts', 'woocommerce_page_wc-settings' );
		$localized = RU_Payments_Test_State::$scripts['ru-payments-admin-settings']['localized']['ruPaymentsSettings'];
		$this->assertSame( 1, wp_verify_nonce( $localized['certificate']['nonce'], DolyameCertificateHandler::ACTION ) );

		$_REQUEST['section'] = StatusSection::ID;
		ob_start();
		do_action( 'woocommerce_settings_ru_payments' );
		$html = (string) ob_get_clean();
		unset( $GLOBALS['hide_save_button'] );
		$this->assertStringContainsString( 'id="ru-payments-dolyame-certificate"', $html );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}
}
