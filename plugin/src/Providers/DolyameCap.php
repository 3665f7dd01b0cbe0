<?php
/**
 * One Dolyame order limit for the plugin and the sidecar.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Providers;

use RuPayments\Background\ProviderPushRetry;
use RuPayments\Gateways\Methods;
use RuPayments\Profiles\Profiles;
use RuPayments\Support\Money;

defined( 'ABSPATH' ) || exit;

/**
 * The Dolyame method's "Maximum order total" is the only limit an admin sets: it decides when the
 * method is offered, and it is pushed with every Dolyame profile's settings as the sidecar's
 * `maxAmount`, so the sidecar never refuses an order the checkout offered Dolyame for (nor accepts
 * one above it). Dolyame itself refuses more than 30 000 ₽, so the value is never above that,
 * never empty. Saving a new maximum sends the Dolyame settings of every profile again.
 */
final class DolyameCap {

	/** Dolyame's own ceiling (partner FAQ), in kopecks. */
	public const CEILING = 3000000;

	public const OPTION = 'woocommerce_' . Methods::DOLYAME . '_settings';

	public function __construct(
		private readonly ProviderConfigSaver $saver,
		private readonly ProviderSettings $settings,
		private readonly Profiles $profiles
	) {
	}

	public function register(): void {
		add_action( 'update_option_' . self::OPTION, array( $this, 'resend_if_changed' ), 10, 2 );
		add_action( 'add_option_' . self::OPTION, array( $this, 'resend_after_first_save' ), 10, 2 );
	}

	/**
	 * Hooked on the first save of the Dolyame method's settings.
	 *
	 * @param string $option Option name.
	 * @param mixed  $value  The settings.
	 */
	public function resend_after_first_save( string $option, mixed $value ): void {
		$this->resend_if_changed( array(), $value );
	}

	/**
	 * The saved maximum in kopecks: the method's setting, at most (and by default) the ceiling.
	 */
	public static function kopecks(): int {
		$saved   = get_option( self::OPTION, array() );
		$value   = is_array( $saved ) && is_string( $saved['max_total'] ?? null ) ? trim( $saved['max_total'] ) : '';
		$kopecks = '' === $value ? null : Money::parse_admin_amount( $value );
		return null === $kopecks || $kopecks <= 0 || $kopecks > self::CEILING ? self::CEILING : $kopecks;
	}

	/**
	 * Hooked on saving the Dolyame method's settings.
	 *
	 * @param mixed $old Previous settings.
	 * @param mixed $new New settings.
	 */
	public function resend_if_changed( mixed $old, mixed $new ): void {
		$before = is_array( $old ) ? (string) ( $old['max_total'] ?? '' ) : '';
		$after  = is_array( $new ) ? (string) ( $new['max_total'] ?? '' ) : '';
		if ( $before === $after ) {
			return;
		}
		foreach ( $this->profiles->all() as $profile ) {
			if ( ! $this->settings->has_any( ProviderFields::DOLYAME, $profile ) ) {
				continue;
			}
			$answer = $this->saver->push_saved( ProviderFields::DOLYAME, $profile );
			// As ProviderConfigSaver::resend_all(): a refusal (400) or an unconfirmed sidecar is not retried.
			if ( true !== $answer && ProviderConfigSaver::UNCONFIRMED !== $answer->get_error_code() && 400 !== (int) ( ( (array) $answer->get_error_data() )['status'] ?? 0 ) ) {
				ProviderPushRetry::schedule( ProviderFields::DOLYAME, $profile, $answer->get_error_code() );
			}
		}
	}
}
