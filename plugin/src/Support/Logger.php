<?php
/**
 * Thin wrapper around the WooCommerce logger.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Support;

defined( 'ABSPATH' ) || exit;

/**
 * Writes to WC_Logger with source `ru-payments` and masks secret-looking context keys.
 */
final class Logger {

	public const SOURCE = 'ru-payments';

	private const REDACTED_KEYS = array( 'secret', 'signature', 'x-rup-signature', 'authorization', 'password' );

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

	private function log( string $level, string $message, array $context ): void {
		if ( ! function_exists( 'wc_get_logger' ) ) {
			return;
		}
		foreach ( array_keys( $context ) as $key ) {
			if ( in_array( strtolower( (string) $key ), self::REDACTED_KEYS, true ) ) {
				$context[ $key ] = '[redacted]';
			}
		}
		wc_get_logger()->log( $level, $message, array( 'source' => self::SOURCE ) + $context );
	}
}
