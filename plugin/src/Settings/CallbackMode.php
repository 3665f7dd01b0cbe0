<?php
/**
 * How payment providers reach the sidecar: directly or through this site.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Settings;

use RuPayments\Providers\ProviderDirectory;

defined( 'ABSPATH' ) || exit;

/**
 * Option `ru_payments_callback_mode`: `relay` (default; the provider calls
 * `<site>/wp-json/ru-payments/v1/callback/<provider>`) or `direct` (the provider calls the sidecar's
 * public URL, as `GET /v1/providers` reports it).
 */
final class CallbackMode {

	public const OPTION = 'ru_payments_callback_mode';
	public const RELAY  = 'relay';
	public const DIRECT = 'direct';

	public function __construct( private readonly ProviderDirectory $directory ) {
	}

	/**
	 * Registers the option (hooked on `init`).
	 */
	public function register(): void {
		register_setting(
			SidecarSettings::GROUP,
			self::OPTION,
			array(
				'type'              => 'string',
				'default'           => self::RELAY,
				'show_in_rest'      => false,
				'sanitize_callback' => array( self::class, 'sanitize' ),
			)
		);
	}

	/**
	 * @param mixed $value Submitted value.
	 */
	public static function sanitize( $value ): string {
		return self::DIRECT === $value ? self::DIRECT : self::RELAY;
	}

	public function mode(): string {
		return self::sanitize( get_option( self::OPTION, self::RELAY ) );
	}

	public function is_relay(): bool {
		return self::RELAY === $this->mode();
	}

	/**
	 * The URL to paste into the provider's dashboard for a profile ('' when the sidecar's public URL
	 * is not known yet: nothing cached from GET /v1/providers).
	 */
	public function url( string $provider, string $profile = CallbackUrls::DEFAULT_PROFILE ): string {
		return $this->is_relay()
			? CallbackUrls::relay_url( $provider, $profile )
			: CallbackUrls::for_profile( $this->directory->callback_url( $provider ), $profile );
	}

	/**
	 * Choices for a select.
	 *
	 * @return array<string,string>
	 */
	public static function choices(): array {
		return array(
			self::RELAY  => __( 'Relay through this site (the sidecar need not be public)', 'ru-payments-for-woocommerce' ),
			self::DIRECT => __( 'Directly to the sidecar\'s public URL', 'ru-payments-for-woocommerce' ),
		);
	}
}
