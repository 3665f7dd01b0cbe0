<?php
/**
 * Thrown by the wp_send_json_success()/wp_send_json_error() doubles in place of "echo JSON and die".
 *
 * @package RuPayments\Tests
 */

final class WP_Send_Json_Double extends RuntimeException {

	public function __construct( public readonly bool $success, public readonly mixed $data, public readonly int $status ) {
		parent::__construct( 'wp_send_json ' . ( $success ? 'success' : 'error' ) );
	}
}
