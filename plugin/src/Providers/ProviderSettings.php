<?php
/**
 * Stored provider settings, per provider and profile.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Providers;

use RuPayments\Support\SecretBox;

defined( 'ABSPATH' ) || exit;

/**
 * One option per provider and profile: `ru_payments_provider_<provider>_<profile>` holding
 * setting name => value (strings; checkboxes "yes"/"no"). Secrets are kept so that every push to
 * the sidecar can send the complete configuration, sealed with a key from wp-config.php
 * (Support\SecretBox), and are never printed back.
 */
final class ProviderSettings {

	public const OPTION_PREFIX = 'ru_payments_provider_';

	public static function option_name( string $provider, string $profile ): string {
		return self::OPTION_PREFIX . $provider . '_' . $profile;
	}

	/**
	 * Stored values merged over the defaults of the provider's fields.
	 *
	 * @return array<string,string>
	 */
	public function get( string $provider, string $profile ): array {
		$stored = get_option( self::option_name( $provider, $profile ), array() );
		$stored = is_array( $stored ) ? $stored : array();
		$values = array();
		foreach ( ProviderFields::fields( $provider ) as $key => $field ) {
			$value          = $stored[ $key ] ?? ( $field['default'] ?? ( 'checkbox' === $field['type'] ? 'no' : '' ) );
			$values[ $key ] = is_scalar( $value ) ? (string) $value : '';
			if ( 'secret' === $field['type'] ) {
				$values[ $key ] = SecretBox::open( $values[ $key ] );
			}
		}
		return $values;
	}

	/**
	 * Whether anything was ever saved for the provider and profile.
	 */
	public function has_any( string $provider, string $profile ): bool {
		$stored = get_option( self::option_name( $provider, $profile ), array() );
		return is_array( $stored ) && array() !== array_filter( $stored, static fn ( $value ): bool => '' !== $value && 'no' !== $value );
	}

	/**
	 * @param array<string,string> $values Setting name => value.
	 */
	public function save( string $provider, string $profile, array $values ): void {
		foreach ( ProviderFields::fields( $provider ) as $key => $field ) {
			if ( 'secret' === $field['type'] && isset( $values[ $key ] ) ) {
				$values[ $key ] = SecretBox::seal( $values[ $key ] );
			}
		}
		update_option( self::option_name( $provider, $profile ), $values, false );
	}

	/**
	 * The fields that apply with these values (the `when` conditions).
	 *
	 * @param array<string,string> $values Current values.
	 * @return array<string,array<string,mixed>>
	 */
	public static function applicable_fields( string $provider, array $values ): array {
		return array_filter(
			ProviderFields::fields( $provider ),
			static function ( array $field ) use ( $values ): bool {
				foreach ( (array) ( $field['when'] ?? array() ) as $other => $allowed ) {
					if ( ! in_array( $values[ $other ] ?? '', (array) $allowed, true ) ) {
						return false;
					}
				}
				return true;
			}
		);
	}

	/**
	 * Every required setting that applies is filled in.
	 */
	public function is_configured( string $provider, string $profile ): bool {
		if ( ProviderFields::is_sidecar_only( $provider ) || ! $this->has_any( $provider, $profile ) ) {
			return false;
		}
		$values = $this->get( $provider, $profile );
		foreach ( self::applicable_fields( $provider, $values ) as $key => $field ) {
			if ( ! empty( $field['required'] ) && '' === $values[ $key ] ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Configured for at least one of the profiles.
	 *
	 * @param list<string> $profiles Profile names.
	 */
	public function is_configured_in_any( string $provider, array $profiles ): bool {
		foreach ( $profiles as $profile ) {
			if ( $this->is_configured( $provider, $profile ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The `settings` object of `PUT /v1/providers/<id>/config`: the applicable, non-empty settings;
	 * checkboxes as booleans; dotted names as nested objects.
	 *
	 * @param array<string,string> $values Values.
	 * @return array<string,mixed>
	 */
	public static function for_sidecar( string $provider, array $values ): array {
		$settings = array();
		foreach ( self::applicable_fields( $provider, $values ) as $key => $field ) {
			$value = $values[ $key ] ?? '';
			if ( 'checkbox' === $field['type'] ) {
				self::set_path( $settings, (string) $key, 'yes' === $value );
			} elseif ( '' !== $value ) {
				self::set_path( $settings, (string) $key, $value );
			}
		}
		return $settings;
	}

	/**
	 * @param array<string,mixed> $target Settings being built.
	 */
	private static function set_path( array &$target, string $path, mixed $value ): void {
		$parts = explode( '.', $path );
		$last  = array_pop( $parts );
		$node  = &$target;
		foreach ( $parts as $part ) {
			if ( ! isset( $node[ $part ] ) || ! is_array( $node[ $part ] ) ) {
				$node[ $part ] = array();
			}
			$node = &$node[ $part ];
		}
		$node[ $last ] = $value;
	}
}
