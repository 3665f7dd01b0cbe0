<?php
/**
 * Russian taxpayer numbers: INN check digits and the KPP format.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Checkout;

defined( 'ABSPATH' ) || exit;

/**
 * The Federal Tax Service algorithm: each check digit is (Σ weight × digit mod 11) mod 10.
 * Organisations have a 10-digit INN with one check digit; individuals and sole traders (ИП) a
 * 12-digit INN with two. The KPP has 9 characters: 4 digits, 2 digits or capital Latin letters,
 * 3 digits.
 */
final class InnValidator {

	private const WEIGHTS_10 = array( 2, 4, 10, 3, 5, 9, 4, 6, 8 );
	private const WEIGHTS_11 = array( 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 );
	private const WEIGHTS_12 = array( 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 );

	public const KPP_PATTERN = '/^\d{4}[\dA-Z]{2}\d{3}$/D';

	/**
	 * A 10-digit organisation INN with a valid check digit.
	 */
	public static function is_valid_organization_inn( string $inn ): bool {
		if ( ! preg_match( '/^\d{10}$/D', $inn ) ) {
			return false;
		}
		$digits = array_map( 'intval', str_split( $inn ) );
		return self::check_digit( $digits, self::WEIGHTS_10 ) === $digits[9];
	}

	/**
	 * A 12-digit INN of an individual or sole trader with two valid check digits.
	 */
	public static function is_valid_individual_inn( string $inn ): bool {
		if ( ! preg_match( '/^\d{12}$/D', $inn ) ) {
			return false;
		}
		$digits = array_map( 'intval', str_split( $inn ) );
		return self::check_digit( $digits, self::WEIGHTS_11 ) === $digits[10]
			&& self::check_digit( $digits, self::WEIGHTS_12 ) === $digits[11];
	}

	public static function is_valid_kpp( string $kpp ): bool {
		return 1 === preg_match( self::KPP_PATTERN, $kpp );
	}

	/**
	 * @param list<int> $digits  INN digits.
	 * @param list<int> $weights Weights for the leading digits.
	 */
	private static function check_digit( array $digits, array $weights ): int {
		$sum = 0;
		foreach ( $weights as $i => $weight ) {
			$sum += $weight * $digits[ $i ];
		}
		return ( $sum % 11 ) % 10;
	}
}
