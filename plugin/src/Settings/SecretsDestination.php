<?php
/**
 * Which sidecar the stored provider secrets may be sent to.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Option `ru_payments_secrets_sent_to`: the origin (scheme://host:port) of the sidecar that last
 * received the provider secrets. After the sidecar URL changes, the stored secrets are not sent
 * anywhere (no automatic re-send, no background retry) until an administrator confirms the new
 * address or enters the secrets again: someone who could change the URL alone cannot collect them.
 */
final class SecretsDestination {

	public const OPTION = 'ru_payments_secrets_sent_to';

	public function __construct( private readonly SidecarSettings $settings ) {
	}

	public static function origin( string $url ): string {
		$parts = wp_parse_url( $url );
		if ( ! is_array( $parts ) || empty( $parts['host'] ) ) {
			return '';
		}
		$scheme = strtolower( (string) ( $parts['scheme'] ?? 'http' ) );
		$port   = (int) ( $parts['port'] ?? ( 'https' === $scheme ? 443 : 80 ) );
		return $scheme . '://' . strtolower( (string) $parts['host'] ) . ':' . $port;
	}

	public function current(): string {
		return self::origin( $this->settings->url() );
	}

	/**
	 * Stored secrets may go to the configured sidecar: none were sent yet, or they went there.
	 */
	public function is_trusted(): bool {
		$stored = (string) get_option( self::OPTION, '' );
		return '' === $stored || $stored === $this->current();
	}

	/**
	 * Records that the secrets were sent to (or an admin confirmed) the configured sidecar.
	 */
	public function trust_current(): void {
		if ( '' !== $this->current() ) {
			update_option( self::OPTION, $this->current(), false );
		}
	}

	/**
	 * The host the secrets went to last ('' when none), for messages.
	 */
	public function previous_host(): string {
		return (string) wp_parse_url( (string) get_option( self::OPTION, '' ), PHP_URL_HOST );
	}
}
