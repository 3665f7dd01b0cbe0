<?php
/**
 * The Status screen's dead-letter block: asked on demand, friendly when the sidecar has no route.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Admin\DeadLettersBlock;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Logger;

final class DeadLettersBlockTest extends TestCase {

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar();
		RU_Payments_Test_State::$caps = array( 'manage_woocommerce' );
	}

	protected function tearDown(): void {
		unset( $_GET[ DeadLettersBlock::QUERY ] );
		parent::tearDown();
	}

	private function render( bool $ask ): string {
		if ( $ask ) {
			$_GET[ DeadLettersBlock::QUERY ] = '1';
		}
		ob_start();
		( new DeadLettersBlock( new SidecarClient( new SidecarSettings(), new Logger() ) ) )->output();
		return (string) ob_get_clean();
	}

	public function test_the_sidecar_is_asked_only_on_demand(): void {
		$html = $this->render( false );

		$this->assertStringContainsString( 'Ask the sidecar', $html );
		$this->assertSame( array(), RU_Payments_Test_State::$http_requests );
	}

	public function test_dead_letters_are_listed_from_the_signed_route(): void {
		RU_Payments_Test_State::queue_http_response( 200, '{"dead_letters":[{"event_id":"evt_9","payment_id":"pay_9","reason":"unknown_order","attempts":1,"created_at":"2026-12-01T10:00:00.000Z","dead_at":"2026-12-01T10:00:01.000Z"}],"outbox":{"pending":0}}' );

		$html = $this->render( true );

		$this->assertSame( 'http://sidecar:8080/v1/outbox/dead-letters?limit=20', RU_Payments_Test_State::$http_requests[0]['url'] );
		$this->assertArrayHasKey( 'X-RUP-Signature', RU_Payments_Test_State::$http_requests[0]['args']['headers'] );
		$this->assertStringContainsString( '<code>evt_9</code>', $html );
		$this->assertStringContainsString( 'unknown_order', $html );
	}

	public function test_an_empty_list_says_none(): void {
		RU_Payments_Test_State::queue_http_response( 200, '{"dead_letters":[],"outbox":{"pending":0}}' );

		$this->assertStringContainsString( 'None.', $this->render( true ) );
	}

	public function test_a_sidecar_without_the_route_is_explained_not_reported_as_an_error(): void {
		RU_Payments_Test_State::queue_http_response( 404, '{"error":{"code":"not_found","message":"Not found"}}' );

		$html = $this->render( true );

		$this->assertStringContainsString( 'does not report them yet', $html );
	}
}
