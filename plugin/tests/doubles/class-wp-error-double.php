<?php
/**
 * Test double of WP_Error (same public API subset as WordPress core).
 *
 * @package RuPayments\Tests
 */

class WP_Error {

	public array $errors = array();

	public array $error_data = array();

	public function __construct( $code = '', $message = '', $data = '' ) {
		if ( '' === $code ) {
			return;
		}
		$this->add( $code, $message, $data );
	}

	public function add( $code, $message, $data = '' ): void {
		$this->errors[ $code ][] = $message;
		if ( '' !== $data ) {
			$this->error_data[ $code ] = $data;
		}
	}

	public function get_error_codes(): array {
		return array_keys( $this->errors );
	}

	public function get_error_code() {
		$codes = $this->get_error_codes();
		return $codes[0] ?? '';
	}

	public function get_error_messages( $code = '' ): array {
		if ( '' === $code ) {
			return array_merge( ...array_values( $this->errors ) );
		}
		return $this->errors[ $code ] ?? array();
	}

	public function get_error_message( $code = '' ): string {
		$code = '' === $code ? $this->get_error_code() : $code;
		return $this->errors[ $code ][0] ?? '';
	}

	public function get_error_data( $code = '' ) {
		$code = '' === $code ? $this->get_error_code() : $code;
		return $this->error_data[ $code ] ?? null;
	}

	public function has_errors(): bool {
		return ! empty( $this->errors );
	}
}
