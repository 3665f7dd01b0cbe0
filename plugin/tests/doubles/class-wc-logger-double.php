<?php
/**
 * Test double of the WC_Logger returned by wc_get_logger(): records every entry.
 *
 * @package RuPayments\Tests
 */

final class WC_Logger_Double {

	/** @var list<array{level: string, message: string, context: array}> */
	public array $entries = array();

	public function log( string $level, string $message, array $context = array() ): void {
		$this->entries[] = array(
			'level'   => $level,
			'message' => $message,
			'context' => $context,
		);
	}

	public function debug( string $message, array $context = array() ): void {
		$this->log( 'debug', $message, $context );
	}

	public function info( string $message, array $context = array() ): void {
		$this->log( 'info', $message, $context );
	}

	public function warning( string $message, array $context = array() ): void {
		$this->log( 'warning', $message, $context );
	}

	public function error( string $message, array $context = array() ): void {
		$this->log( 'error', $message, $context );
	}

	/**
	 * All entries serialised, for "never logs X" assertions.
	 */
	public function dump(): string {
		return (string) json_encode( $this->entries );
	}
}
