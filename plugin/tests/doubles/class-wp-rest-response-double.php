<?php
/**
 * Test double of WP_REST_Response (WP_HTTP_Response's data, status and headers API).
 *
 * @package RuPayments\Tests
 */

class WP_REST_Response {

	public function __construct( private $data = null, private int $status = 200, private array $headers = array() ) {
	}

	public function get_data() {
		return $this->data;
	}

	public function set_data( $data ): void {
		$this->data = $data;
	}

	public function get_status(): int {
		return $this->status;
	}

	public function set_status( int $status ): void {
		$this->status = $status;
	}

	public function get_headers(): array {
		return $this->headers;
	}

	public function set_headers( array $headers ): void {
		$this->headers = $headers;
	}

	public function header( string $key, string $value, bool $replace = true ): void {
		if ( $replace || ! isset( $this->headers[ $key ] ) ) {
			$this->headers[ $key ] = $value;
		} else {
			$this->headers[ $key ] .= ', ' . $value;
		}
	}
}
