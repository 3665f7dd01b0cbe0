<?php
/**
 * The URLs a shop gives its payment providers for callbacks (notifications).
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Two ways for a provider to reach the sidecar:
 * - direct: `<sidecar public URL>/callbacks/<provider>`, when the sidecar is reachable from the internet;
 * - relay: `<site>/wp-json/ru-payments/v1/callback/<provider>`, when only WordPress is (see
 *   Rest\CallbackRelayController).
 */
final class CallbackUrls {

	/**
	 * Provider ids as the sidecar defines them (without delimiters, for REST route patterns).
	 */
	public const PROVIDER_ID = '[a-z0-9_-]{1,32}';

	/**
	 * REST route (below the namespace) of the relay.
	 */
	public const RELAY_ROUTE = 'ru-payments/v1/callback/';

	public static function is_valid_provider( string $provider ): bool {
		return 1 === preg_match( '/^' . self::PROVIDER_ID . '$/D', $provider );
	}

	/**
	 * The relay URL on this site, e.g. `https://shop.example/wp-json/ru-payments/v1/callback/toy`.
	 */
	public static function relay_url( string $provider ): string {
		return rest_url( self::RELAY_ROUTE . rawurlencode( $provider ) );
	}

	/**
	 * The sidecar's own callback URL, e.g. `https://pay.shop.example/callbacks/toy`.
	 *
	 * @param string $sidecar_public_url The sidecar's public base URL (PUBLIC_URL), with or without a trailing slash.
	 * @param string $provider           Provider id.
	 */
	public static function direct_url( string $sidecar_public_url, string $provider ): string {
		return untrailingslashit( $sidecar_public_url ) . '/callbacks/' . rawurlencode( $provider );
	}
}
