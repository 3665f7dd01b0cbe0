<?php
/**
 * Whether a gateway may be offered for a cart or order.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Gateways;

use RuPayments\Checkout\CheckoutContext;
use RuPayments\Providers\ProviderSettings;

defined( 'ABSPATH' ) || exit;

/**
 * Decides from data only (settings, total, currency, products' profiles), like Stripe's per-currency
 * limits: no remote call. unavailable_reason() names the first reason, null when available.
 */
final class Availability {

	public const DISABLED           = 'disabled';
	public const CURRENCY           = 'currency';
	public const MIXED_PROFILES     = 'mixed_profiles';
	public const PROVIDER_NOT_READY = 'provider_not_configured';
	public const LIMITS             = 'limits';

	public const CURRENCY_RUB = 'RUB';

	/**
	 * @param ProviderSettings $providers Stored provider settings.
	 * @param \Closure():list<string> $profiles Every profile name (for a context without products).
	 */
	public function __construct( private readonly ProviderSettings $providers, private readonly \Closure $profiles ) {
	}

	public function unavailable_reason( Gateway $gateway, CheckoutContext $context ): ?string {
		if ( ! $gateway->is_enabled() ) {
			return self::DISABLED;
		}
		if ( self::CURRENCY_RUB !== $context->currency ) {
			return self::CURRENCY;
		}

		$profile = null;
		if ( null !== $context->profile ) {
			$profile = $context->profile->resolve( $gateway->fallback_profile() );
			if ( null === $profile ) {
				return self::MIXED_PROFILES;
			}
		}

		if ( ! $this->provider_ready( $gateway, $profile ) ) {
			return self::PROVIDER_NOT_READY;
		}
		if ( null !== $context->total && ! $gateway->limits()->allows( $context->total ) ) {
			return self::LIMITS;
		}
		return null;
	}

	/**
	 * Methods that need their provider configured (the BNPL ones) are offered only once its settings
	 * are saved for the profile (for any profile when the profile is not known). In test mode the
	 * sidecar's simulator stands in for the provider, so no credentials are needed.
	 */
	public function provider_ready( Gateway $gateway, ?string $profile ): bool {
		if ( ! $gateway->definition()->needs_configured_provider || $gateway->is_test_mode() ) {
			return true;
		}
		return null === $profile
			? $this->providers->is_configured_in_any( $gateway->provider(), ( $this->profiles )() )
			: $this->providers->is_configured( $gateway->provider(), $profile );
	}
}
