<?php
/**
 * The Dolyame method's maximum is the sidecar's `maxAmount` too (one setting).
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Profiles\Profiles;
use RuPayments\Providers\DolyameCap;
use RuPayments\Providers\ProviderConfigSaver;
use RuPayments\Providers\ProviderSettings;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Logger;

final class DolyameCapTest extends TestCase {

	private ProviderConfigSaver $saver;

	protected function setUp(): void {
		parent::setUp();
		$this->configure_sidecar();
		$settings    = new ProviderSettings();
		$this->saver = new ProviderConfigSaver( $settings, new SidecarClient( new SidecarSettings(), new Logger() ), new Logger() );
		( new DolyameCap( $this->saver, $settings, new Profiles() ) )->register();
		$this->configure_provider( 'dolyame', array( 'login' => 'l', 'password' => 'p', 'certPath' => '/c', 'keyPath' => '/k' ) );
	}

	private function pushed_max( array $values = array() ): mixed {
		return $this->saver->sidecar_settings( 'dolyame', 'default', $values )['maxAmount'] ?? null;
	}

	public function test_the_method_maximum_is_pushed_as_the_sidecar_limit(): void {
		$this->assertSame( 3000000, $this->pushed_max(), 'nothing saved: Dolyame\'s 30 000 ₽' );

		RU_Payments_Test_State::$options[ DolyameCap::OPTION ] = array( 'max_total' => '10000' );
		$this->assertSame( 1000000, $this->pushed_max() );

		RU_Payments_Test_State::$options[ DolyameCap::OPTION ] = array( 'max_total' => '45000' );
		$this->assertSame( 3000000, $this->pushed_max(), 'never above Dolyame\'s ceiling' );

		RU_Payments_Test_State::$options[ DolyameCap::OPTION ] = array( 'max_total' => '' );
		$this->assertSame( 3000000, $this->pushed_max(), 'never cleared' );

		$this->assertArrayNotHasKey( 'maxAmount', $this->saver->sidecar_settings( 'sber', 'default', array( 'userName' => 'u' ) ) );
	}

	public function test_a_new_maximum_is_sent_to_the_sidecar_at_once(): void {
		RU_Payments_Test_State::queue_http_response( 200, '{"provider":"dolyame","profile":"default","configured":true}' );
		RU_Payments_Test_State::queue_http_response( 200, '{"provider":"dolyame","profile":"default","configured":true}' );

		update_option( DolyameCap::OPTION, array( 'enabled' => 'yes', 'max_total' => '12000' ) );
		update_option( DolyameCap::OPTION, array( 'enabled' => 'no', 'max_total' => '12000' ) );
		update_option( DolyameCap::OPTION, array( 'enabled' => 'no', 'max_total' => '9999.50' ) );

		$this->assertCount( 2, RU_Payments_Test_State::$http_requests, 'only a changed maximum is pushed' );
		$this->assertSame( 'http://sidecar:8080/v1/providers/dolyame/config', RU_Payments_Test_State::$http_requests[0]['url'] );
		$sent = array_map( static fn ( array $r ): int => json_decode( $r['args']['body'], true )['settings']['maxAmount'], RU_Payments_Test_State::$http_requests );
		$this->assertSame( array( 1200000, 999950 ), $sent );
	}
}
