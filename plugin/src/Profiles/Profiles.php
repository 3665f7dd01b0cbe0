<?php
/**
 * Named provider-settings profiles ("default", "seller2", …).
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Profiles;

defined( 'ABSPATH' ) || exit;

/**
 * A profile is one set of provider credentials (for example one per seller). `default` always
 * exists; more are kept in the `ru_payments_profiles` option. Names follow the sidecar's rule
 * `[a-z0-9_-]{1,32}`.
 */
final class Profiles {

	public const OPTION  = 'ru_payments_profiles';
	public const DEFAULT = 'default';
	public const PATTERN = '/^[a-z0-9_-]{1,32}$/D';

	public static function is_valid_name( string $name ): bool {
		return 1 === preg_match( self::PATTERN, $name );
	}

	/**
	 * Every profile name, `default` first.
	 *
	 * @return list<string>
	 */
	public function all(): array {
		$stored = get_option( self::OPTION, array() );
		$names  = array( self::DEFAULT );
		foreach ( is_array( $stored ) ? $stored : array() as $name ) {
			if ( is_string( $name ) && self::is_valid_name( $name ) && ! in_array( $name, $names, true ) ) {
				$names[] = $name;
			}
		}
		return $names;
	}

	public function exists( string $name ): bool {
		return in_array( $name, $this->all(), true );
	}

	/**
	 * Adds a profile; false when the name is invalid or already taken.
	 */
	public function add( string $name ): bool {
		if ( ! self::is_valid_name( $name ) || $this->exists( $name ) ) {
			return false;
		}
		$names = array_values( array_diff( $this->all(), array( self::DEFAULT ) ) );
		$names[] = $name;
		update_option( self::OPTION, $names, false );
		return true;
	}

	/**
	 * Options for a select: name => label.
	 *
	 * @return array<string,string>
	 */
	public function choices(): array {
		$choices = array();
		foreach ( $this->all() as $name ) {
			$choices[ $name ] = self::DEFAULT === $name ? __( 'default', 'ru-payments-for-woocommerce' ) : $name;
		}
		return $choices;
	}
}
