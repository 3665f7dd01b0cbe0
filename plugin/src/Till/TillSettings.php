<?php
/**
 * Till settings: terminals, test mode, Koshelek profile.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

defined( 'ABSPATH' ) || exit;

/**
 * Stored in one option, edited by shop managers on the till reports screen.
 */
final class TillSettings {

	public const OPTION = 'ru_payments_till_settings';

	/**
	 * @return array{terminals: list<string>, test_mode: bool, koshelek_profile: string, payment_types: list<string>}
	 */
	public function all(): array {
		$stored    = get_option( self::OPTION, array() );
		$stored    = is_array( $stored ) ? $stored : array();
		$terminals = self::list( (string) ( $stored['terminals'] ?? '' ), '/^[A-Za-z0-9_.-]{1,64}$/' );
		$types     = self::list( (string) ( $stored['payment_types'] ?? '' ), '/^[A-Z0-9_]{1,36}$/' );
		$profile   = (string) ( $stored['koshelek_profile'] ?? 'default' );
		return array(
			'terminals'        => array() === $terminals ? array( 'TILL-1' ) : $terminals,
			'test_mode'        => 'no' !== ( $stored['test_mode'] ?? 'yes' ),
			'koshelek_profile' => preg_match( '/^[a-z0-9_-]{1,32}$/', $profile ) ? $profile : 'default',
			'payment_types'    => array() === $types ? array( 'SBP', 'DOLYAME' ) : $types,
		);
	}

	public function has_terminal( string $terminal ): bool {
		return in_array( $terminal, $this->all()['terminals'], true );
	}

	/**
	 * Saves what a manager typed; invalid entries of a list are dropped.
	 *
	 * @param array<string,mixed> $input Raw form values.
	 */
	public function save( array $input ): void {
		update_option(
			self::OPTION,
			array(
				'terminals'        => implode( ',', self::list( (string) ( $input['terminals'] ?? '' ), '/^[A-Za-z0-9_.-]{1,64}$/' ) ),
				'test_mode'        => ! empty( $input['test_mode'] ) ? 'yes' : 'no',
				'koshelek_profile' => sanitize_key( (string) ( $input['koshelek_profile'] ?? 'default' ) ),
				'payment_types'    => implode( ',', self::list( strtoupper( (string) ( $input['payment_types'] ?? '' ) ), '/^[A-Z0-9_]{1,36}$/' ) ),
			),
			false
		);
	}

	/**
	 * @return list<string>
	 */
	private static function list( string $text, string $pattern ): array {
		$parts = array_map( 'trim', explode( ',', $text ) );
		return array_values( array_unique( array_filter( $parts, static fn ( string $part ): bool => 1 === preg_match( $pattern, $part ) ) ) );
	}
}
