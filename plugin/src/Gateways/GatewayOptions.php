<?php
/**
 * A gateway's saved settings, read without building the gateway.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Gateways;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce keeps each gateway's settings in the option `woocommerce_<id>_settings`
 * (WC_Settings_API::get_option_key()). Event handling reads a few of them from here.
 */
final class GatewayOptions {

	public static function option_key( string $gateway_id ): string {
		return 'woocommerce_' . $gateway_id . '_settings';
	}

	/**
	 * One saved setting ('' when not saved).
	 */
	public static function get( string $gateway_id, string $key ): string {
		$settings = get_option( self::option_key( $gateway_id ), array() );
		$value    = is_array( $settings ) ? ( $settings[ $key ] ?? '' ) : '';
		return is_scalar( $value ) ? (string) $value : '';
	}

	/**
	 * Whether the gateway id is one of this plugin's.
	 */
	public static function is_ours( string $gateway_id ): bool {
		return str_starts_with( $gateway_id, 'ru_payments' );
	}
}
