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
 * A profile other than `default` (a second seller's credentials) has its own URL:
 * `…/callbacks/<provider>/<profile>` and `…/callback/<provider>/profile/<profile>`.
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

	/**
	 * Profile names (the sidecar's rule, without delimiters).
	 */
	public const PROFILE = '[a-z0-9_-]{1,32}';

	public const DEFAULT_PROFILE = 'default';

	public static function is_valid_provider( string $provider ): bool {
		return 1 === preg_match( '/^' . self::PROVIDER_ID . '$/D', $provider );
	}

	public static function is_valid_profile( string $profile ): bool {
		return 1 === preg_match( '/^' . self::PROFILE . '$/D', $profile );
	}

	/**
	 * The relay URL on this site, e.g. `https://shop.example/wp-json/ru-payments/v1/callback/toy`
	 * (`…/callback/toy/profile/seller2` for another profile).
	 */
	public static function relay_url( string $provider, string $profile = self::DEFAULT_PROFILE ): string {
		return rest_url( self::RELAY_ROUTE . rawurlencode( $provider ) . self::profile_suffix( '/profile/', $profile ) );
	}

	/**
	 * The sidecar's own callback URL, e.g. `https://pay.shop.example/callbacks/toy`.
	 *
	 * @param string $sidecar_public_url The sidecar's public base URL (PUBLIC_URL), with or without a trailing slash.
	 * @param string $provider           Provider id.
	 * @param string $profile            Profile name.
	 */
	public static function direct_url( string $sidecar_public_url, string $provider, string $profile = self::DEFAULT_PROFILE ): string {
		return untrailingslashit( $sidecar_public_url ) . '/callbacks/' . rawurlencode( $provider ) . self::profile_suffix( '/', $profile );
	}

	/**
	 * Appends the sidecar's callback URL for a provider (as GET /v1/providers reports it, for the
	 * default profile) with the profile.
	 */
	public static function for_profile( string $provider_callback_url, string $profile ): string {
		return '' === $provider_callback_url ? '' : untrailingslashit( $provider_callback_url ) . self::profile_suffix( '/', $profile );
	}

	private static function profile_suffix( string $separator, string $profile ): string {
		return self::DEFAULT_PROFILE === $profile || ! self::is_valid_profile( $profile ) ? '' : $separator . rawurlencode( $profile );
	}
}
