<?php
/**
 * "Summary for the Dolyame manager": nonce and capability, the signed sidecar call, the text and
 * the missing fields named by our form's labels.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Admin\DolyameFiscalSummary;
use RuPayments\Admin\TestConnectionHandler;
use RuPayments\Profiles\Profiles;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Logger;
use WP_Send_Json_Double;

final class DolyameFiscalSummaryTest extends TestCase {

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar();
		$settings = new SidecarSettings();
		$client   = new SidecarClient( $settings, new Logger() );
		( new DolyameFiscalSummary( $client, new Profiles(), new TestConnectionHandler( $client, $settings ), '/plugin/ru-payments-for-woocommerce.php', '0.0.0' ) )->register();
	}

	private function ajax( array $post = array(), bool $nonce = true, bool $capability = true ): WP_Send_Json_Double {
		$_POST = $_REQUEST = $post + array( 'nonce' => $nonce ? wp_create_nonce( DolyameFiscalSummary::ACTION ) : 'forged' );
		RU_Payments_Test_State::$caps = $capability ? array( 'manage_woocommerce' ) : array( 'edit_posts' );
		try {
			do_action( 'wp_ajax_' . DolyameFiscalSummary::ACTION );
		} catch ( WP_Send_Json_Double $response ) {
			return $response;
		}
		$this->fail( 'The handler must answer with wp_send_json_*().' );
	}

	/**
	 * The sidecar's answer (shape of sidecar/src/providers/dolyame/fiscal-summary.ts).
	 */
	private static function answer( array $missing ): string {
		return (string) json_encode(
			array(
				'profile'   => 'default',
				'simulated' => false,
				'complete'  => array() === $missing,
				'missing'   => $missing,
				'fields'    => array(
					array( 'key' => 'login', 'label' => 'Логин партнёра Долями', 'value' => 'shop-login' ),
					array( 'key' => 'inn', 'label' => 'ИНН', 'value' => in_array( 'inn', $missing, true ) ? null : '7707083893' ),
					array( 'key' => 'taxSystem', 'label' => 'Система налогообложения', 'value' => in_array( 'taxSystem', $missing, true ) ? null : 'ОСН' ),
				),
				'text'      => "Здравствуйте! Просим настроить фискализацию чеков Долями для нашего магазина.\n\nЛогин партнёра Долями: shop-login\nИНН: 7707083893",
			)
		);
	}

	public function test_needs_a_nonce_the_capability_and_a_known_profile(): void {
		$this->assertSame( 403, $this->ajax( array(), false )->status );
		$this->assertSame( 403, $this->ajax( array(), true, false )->status );
		$this->assertSame( 400, $this->ajax( array( 'profile' => 'nobody' ) )->status );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_a_complete_summary_is_the_sidecar_text_ready_to_copy(): void {
		RU_Payments_Test_State::queue_http_response( 200, self::answer( array() ) );

		$response = $this->ajax( array( 'profile' => 'default' ) );

		$this->assertTrue( $response->success );
		$request = RU_Payments_Test_State::$http_requests[0];
		$this->assertSame( 'http://sidecar:8080/v1/providers/dolyame/fiscalization-summary?profile=default', $request['url'] );
		$this->assertSame( 'GET', $request['args']['method'] );
		$this->assertArrayHasKey( 'X-RUP-Signature', $request['args']['headers'] );
		$this->assertTrue( $response->data['complete'] );
		$this->assertSame( array(), $response->data['missing'] );
		$this->assertStringContainsString( "ИНН: 7707083893", $response->data['text'] );
		$this->assertStringStartsWith( 'Ready: copy the text below', $response->data['message'] );
	}

	public function test_missing_fields_are_named_by_the_form_labels_with_their_inputs(): void {
		RU_Payments_Test_State::queue_http_response( 200, self::answer( array( 'inn', 'taxSystem' ) ) );

		$response = $this->ajax( array( 'profile' => 'default' ) );

		$this->assertFalse( $response->data['complete'] );
		$this->assertSame(
			array(
				array( 'label' => 'Fiscalization: seller INN', 'input' => 'ru_payments_provider_dolyame_fiscalization-inn' ),
				array( 'label' => 'Fiscalization: tax system', 'input' => 'ru_payments_provider_dolyame_fiscalization-taxSystem' ),
			),
			$response->data['missing']
		);
	}

	public function test_a_sidecar_without_dolyame_for_the_profile_is_explained(): void {
		RU_Payments_Test_State::queue_http_response( 400, '{"error":{"code":"provider_not_configured","message":"Provider dolyame has no profile default"}}' );

		$response = $this->ajax( array( 'profile' => 'default' ) );

		$this->assertFalse( $response->success );
		$this->assertSame( 'Dolyame is not configured in the sidecar for this profile: save its settings above first.', $response->data['message'] );
	}
}
