<?php
/**
 * Saves a provider's settings and pushes them to the sidecar.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Providers;

use RuPayments\Background\ProviderPushRetry;
use RuPayments\Settings\CallbackMode;
use RuPayments\Settings\CallbackUrls;
use RuPayments\Settings\SecretsDestination;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Logger;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Sanitizes submitted values field by field (a secret left empty keeps the saved one), and when
 * anything changed sends the provider's complete settings with `PUT /v1/providers/<id>/config`:
 * - the sidecar accepts: the settings are saved;
 * - the sidecar refuses a setting (400, field `settings.<name>`): nothing is saved and the field is
 *   named, so the shop never runs with settings the sidecar rejected;
 * - the sidecar cannot be reached: the settings are saved here, marked as not sent (option
 *   `ru_payments_provider_sync`) and sent again in the background (Background\ProviderPushRetry);
 * - the sidecar URL changed since secrets were last sent (SecretsDestination): nothing is sent
 *   unless this save enters every saved secret again, or an admin confirms the new address.
 * In relay mode the provider's notification address setting (ProviderFields::callback_setting())
 * is set to this site's relay URL for the profile; in direct mode the sidecar uses its own.
 */
final class ProviderConfigSaver {

	public const OPTION_SYNC = 'ru_payments_provider_sync';

	public const UNCHANGED  = 'unchanged';
	public const PUSHED     = 'pushed';
	public const REFUSED    = 'refused';
	public const NOT_PUSHED = 'not_pushed';
	public const BLOCKED    = 'blocked';

	/** Error code: the sidecar URL changed since the secrets were last sent (SecretsDestination). */
	public const UNCONFIRMED = 'ru_payments_destination_unconfirmed';

	public function __construct(
		private readonly ProviderSettings $settings,
		private readonly SidecarClient $client,
		private readonly Logger $logger,
		private readonly ?CallbackMode $callback_mode = null,
		private readonly ?SecretsDestination $destination = null
	) {
	}

	/**
	 * Sends the saved settings as they are (background retries, re-sends); true or the error. Never
	 * to a sidecar the secrets were not confirmed for.
	 *
	 * @return true|WP_Error
	 */
	public function push_saved( string $provider, string $profile ): bool|WP_Error { // Not `true|`: a PHP 8.2 type.
		if ( null !== $this->destination && ! $this->destination->is_trusted() ) {
			return new WP_Error( self::UNCONFIRMED, __( 'The sidecar address changed: confirm the new address before the saved provider secrets are sent to it.', 'ru-payments-for-woocommerce' ), array( 'status' => 0 ) );
		}
		$values = $this->settings->get( $provider, $profile );
		$answer = $this->client->put_provider_config( $provider, $profile, $this->sidecar_settings( $provider, $profile, $values ) );
		self::set_synced( $provider, $profile, ! is_wp_error( $answer ) );
		if ( is_wp_error( $answer ) ) {
			return $answer;
		}
		$this->destination?->trust_current();
		ProviderPushRetry::clear( $provider, $profile );
		return true;
	}

	/**
	 * What is pushed for the provider and profile.
	 *
	 * @param array<string,string> $values Saved values.
	 * @return array<string,mixed>
	 */
	public function sidecar_settings( string $provider, string $profile, array $values ): array {
		$settings = ProviderSettings::for_sidecar( $provider, $values );
		$setting  = ProviderFields::callback_setting( $provider );
		if ( null !== $setting && null !== $this->callback_mode && $this->callback_mode->is_relay() ) {
			$settings[ $setting ] = CallbackUrls::relay_url( $provider, $profile );
		}
		if ( ProviderFields::DOLYAME === $provider ) {
			// The method's maximum is the sidecar's limit too: one setting (DolyameCap).
			$settings['maxAmount'] = DolyameCap::kopecks();
		}
		return $settings;
	}

	/**
	 * Sends the saved settings of every provider and profile again (after the callback mode
	 * changed). Returns the providers/profiles that could not be sent, as "provider (profile)".
	 *
	 * @param list<string> $profiles Profile names.
	 * @return list<string>
	 */
	public function resend_all( array $profiles ): array {
		$failed = array();
		foreach ( ProviderFields::ids() as $provider ) {
			foreach ( $profiles as $profile ) {
				if ( ProviderFields::is_sidecar_only( $provider ) || ! $this->settings->has_any( $provider, $profile ) ) {
					continue;
				}
				$answer = $this->push_saved( $provider, $profile );
				if ( true !== $answer ) {
					$failed[] = sprintf( '%s (%s)', ProviderFields::name( $provider ), $profile );
					if ( self::UNCONFIRMED !== $answer->get_error_code() && 400 !== (int) ( $answer->get_error_data()['status'] ?? 0 ) ) {
						ProviderPushRetry::schedule( $provider, $profile, $answer->get_error_code() );
					}
				}
			}
		}
		return $failed;
	}

	/**
	 * @param string              $provider  Provider id.
	 * @param string              $profile   Profile name.
	 * @param array<string,mixed> $submitted Unslashed submitted values keyed by setting name.
	 * @return array{result: string, field?: string, error?: WP_Error}
	 */
	public function save( string $provider, string $profile, array $submitted ): array {
		$old    = $this->settings->get( $provider, $profile );
		$values = self::sanitize( $provider, $submitted, $old );
		$synced = self::is_synced( $provider, $profile );
		if ( $values === $old && ( $synced || ! $this->settings->has_any( $provider, $profile ) ) ) {
			return array( 'result' => self::UNCHANGED );
		}
		if ( array() === array_filter( $values, static fn ( string $value ): bool => '' !== $value && 'no' !== $value ) ) {
			return array( 'result' => self::UNCHANGED );
		}
		$trusted = null === $this->destination || $this->destination->is_trusted();
		if ( ! $trusted && ! self::reenters_secrets( $provider, $submitted, $old ) ) {
			return array( 'result' => self::BLOCKED );
		}

		$answer = $this->client->put_provider_config( $provider, $profile, $this->sidecar_settings( $provider, $profile, $values ) );
		if ( is_wp_error( $answer ) ) {
			$data  = (array) $answer->get_error_data();
			$field = (string) ( $data['field'] ?? '' );
			if ( 400 === (int) ( $data['status'] ?? 0 ) ) {
				$this->logger->warning( sprintf( 'The sidecar refused the %s settings of profile %s (field %s).', $provider, $profile, '' !== $field ? $field : '?' ) );
				return array(
					'result' => self::REFUSED,
					'field'  => str_starts_with( $field, 'settings.' ) ? substr( $field, 9 ) : $field,
					'error'  => $answer,
				);
			}
			$this->settings->save( $provider, $profile, $values );
			self::set_synced( $provider, $profile, false );
			if ( $trusted ) {
				ProviderPushRetry::schedule( $provider, $profile, (string) ( $data['sidecar_message'] ?? $data['detail'] ?? $answer->get_error_code() ) );
			}
			return array(
				'result' => self::NOT_PUSHED,
				'error'  => $answer,
			);
		}

		$this->settings->save( $provider, $profile, $values );
		self::set_synced( $provider, $profile, true );
		ProviderPushRetry::clear( $provider, $profile );
		if ( $trusted ) {
			$this->destination?->trust_current();
		}
		$this->logger->info( sprintf( 'The %s settings of profile %s were sent to the sidecar.', $provider, $profile ) );
		return array( 'result' => self::PUSHED );
	}

	/**
	 * @param array<string,mixed>  $submitted Submitted values.
	 * @param array<string,string> $old       Saved values.
	 * @return array<string,string>
	 */
	public static function sanitize( string $provider, array $submitted, array $old ): array {
		$values = array();
		foreach ( ProviderFields::fields( $provider ) as $key => $field ) {
			$raw = $submitted[ $key ] ?? null;
			$raw = is_scalar( $raw ) ? trim( (string) $raw ) : '';
			switch ( $field['type'] ) {
				case 'checkbox':
					$values[ $key ] = isset( $submitted[ $key ] ) && '' !== $raw ? 'yes' : 'no';
					break;
				case 'secret':
					// Write-only: an empty field keeps the saved secret; stored verbatim (no sanitizing
					// that could change a password).
					$values[ $key ] = '' === $raw ? (string) ( $old[ $key ] ?? '' ) : $raw;
					break;
				case 'select':
					$values[ $key ] = array_key_exists( $raw, (array) ( $field['options'] ?? array() ) ) ? $raw : (string) ( $old[ $key ] ?? ( $field['default'] ?? '' ) );
					break;
				case 'email':
					$values[ $key ] = sanitize_email( $raw );
					break;
				case 'url':
					$values[ $key ] = esc_url_raw( $raw, array( 'http', 'https' ) );
					break;
				default:
					$values[ $key ] = sanitize_text_field( $raw );
			}
		}
		return $values;
	}

	/**
	 * Whether the submission enters again every secret that is saved for the provider (then only
	 * what the admin typed now goes to the new sidecar).
	 *
	 * @param array<string,mixed>  $submitted Submitted values.
	 * @param array<string,string> $old       Saved values.
	 */
	private static function reenters_secrets( string $provider, array $submitted, array $old ): bool {
		foreach ( ProviderFields::fields( $provider ) as $key => $field ) {
			$typed = is_scalar( $submitted[ $key ] ?? null ) ? trim( (string) $submitted[ $key ] ) : '';
			if ( 'secret' === $field['type'] && '' !== ( $old[ $key ] ?? '' ) && '' === $typed ) {
				return false;
			}
		}
		return true;
	}

	public static function is_synced( string $provider, string $profile ): bool {
		$sync = get_option( self::OPTION_SYNC, array() );
		return ! is_array( $sync ) || ( $sync[ $provider . '|' . $profile ] ?? true );
	}

	private static function set_synced( string $provider, string $profile, bool $synced ): void {
		$sync = get_option( self::OPTION_SYNC, array() );
		$sync = is_array( $sync ) ? $sync : array();
		$sync[ $provider . '|' . $profile ] = $synced;
		update_option( self::OPTION_SYNC, $sync, false );
	}
}
