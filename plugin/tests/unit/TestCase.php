<?php
/**
 * Base test case: fresh double state and superglobals for every test.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;

abstract class TestCase extends \PHPUnit\Framework\TestCase {

	public const SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

	protected function setUp(): void {
		parent::setUp();
		RU_Payments_Test_State::reset();
		$_GET     = array();
		$_POST    = array();
		$_REQUEST = array();
	}

	protected function configure_sidecar( string $url = 'http://sidecar:8080', string $secret = self::SECRET ): void {
		RU_Payments_Test_State::$options['ru_payments_sidecar_url']    = $url;
		RU_Payments_Test_State::$options['ru_payments_sidecar_secret'] = $secret;
	}

	protected function logs(): string {
		return wc_get_logger()->dump();
	}
}
