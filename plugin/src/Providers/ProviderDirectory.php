<?php
/**
 * What the sidecar says about its providers (GET /v1/providers), cached.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Providers;

use RuPayments\Sidecar\SidecarClient;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Keeps the sidecar's provider list (configured flags and public callback URLs) in a transient, so
 * that shop pages never wait for the sidecar. refresh() is called from admin screens only.
 */
final class ProviderDirectory {

	public const TRANSIENT = 'ru_payments_sidecar_providers';
	public const TTL       = 43200;

	public function __construct( private readonly SidecarClient $client ) {
	}

	/**
	 * The cached list (provider id => entry), or null when nothing is cached.
	 *
	 * @return array<string,array<string,mixed>>|null
	 */
	public function cached(): ?array {
		$cached = get_transient( self::TRANSIENT );
		return is_array( $cached ) && is_array( $cached['providers'] ?? null ) ? $cached['providers'] : null;
	}

	/**
	 * Unix time of the cached answer (0 when none).
	 */
	public function fetched_at(): int {
		$cached = get_transient( self::TRANSIENT );
		return is_array( $cached ) ? (int) ( $cached['fetched_at'] ?? 0 ) : 0;
	}

	/**
	 * Asks the sidecar and caches the answer.
	 *
	 * @return array<string,array<string,mixed>>|WP_Error
	 */
	public function refresh(): array|WP_Error {
		$answer = $this->client->providers();
		if ( is_wp_error( $answer ) ) {
			return $answer;
		}
		$providers = array();
		foreach ( (array) ( $answer['providers'] ?? array() ) as $entry ) {
			if ( is_array( $entry ) && is_string( $entry['id'] ?? null ) ) {
				$providers[ $entry['id'] ] = array(
					'name'         => is_string( $entry['name'] ?? null ) ? $entry['name'] : $entry['id'],
					'configured'   => true === ( $entry['configured'] ?? null ),
					'profiles'     => array_values( array_filter( (array) ( $entry['profiles'] ?? array() ), 'is_string' ) ),
					'callback_url' => is_string( $entry['callback_url'] ?? null ) ? esc_url_raw( $entry['callback_url'], array( 'http', 'https' ) ) : '',
					'capabilities' => array_filter( (array) ( $entry['capabilities'] ?? array() ), 'is_bool' ),
					// Why the sidecar disabled the provider (its configuration is invalid), or ''.
					'config_error' => is_string( $entry['config_error'] ?? null ) ? mb_substr( sanitize_text_field( $entry['config_error'] ), 0, 500 ) : '',
				);
			}
		}
		set_transient(
			self::TRANSIENT,
			array(
				'providers'  => $providers,
				'fetched_at' => time(),
			),
			self::TTL
		);
		return $providers;
	}

	/**
	 * The cached list, fetched first when nothing is cached (admin screens only).
	 *
	 * @return array<string,array<string,mixed>>|WP_Error
	 */
	public function get_or_refresh(): array|WP_Error {
		return $this->cached() ?? $this->refresh();
	}

	/**
	 * The sidecar's public callback URL for a provider from the cache ('' when unknown).
	 */
	public function callback_url( string $provider ): string {
		return (string) ( $this->cached()[ $provider ]['callback_url'] ?? '' );
	}

	/**
	 * Whether the sidecar reported the provider as configured (null when unknown).
	 */
	public function is_configured_in_sidecar( string $provider ): ?bool {
		$cached = $this->cached();
		if ( null === $cached ) {
			return null;
		}
		return (bool) ( $cached[ $provider ]['configured'] ?? false );
	}

	/**
	 * Why the sidecar disabled the provider ('' when it did not, or nothing is cached).
	 */
	public function config_error( string $provider ): string {
		return (string) ( $this->cached()[ $provider ]['config_error'] ?? '' );
	}

	/**
	 * Whether the provider refunds through its API, as the sidecar reported (null when unknown).
	 */
	public function can_refund( string $provider ): ?bool {
		$capabilities = $this->cached()[ $provider ]['capabilities'] ?? null;
		return is_array( $capabilities ) && array_key_exists( 'refund', $capabilities ) ? (bool) $capabilities['refund'] : null;
	}

	public function forget(): void {
		delete_transient( self::TRANSIENT );
	}
}
