<?php
/**
 * Exact rouble ↔ kopeck conversion.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Support;

defined( 'ABSPATH' ) || exit;

/**
 * Converts decimal amounts to integer kopecks by parsing their digits — never by float arithmetic —
 * and back. Rounding is half away from zero, on the exact decimal value.
 */
final class Money {

	/**
	 * Digits kept after the point while parsing (WooCommerce stores at most 6: WC_ROUNDING_PRECISION).
	 */
	private const SCALE = 8;

	/**
	 * Largest amount accepted, in kopecks (10^13 kopecks = 100 billion roubles).
	 */
	public const MAX_KOPECKS = 10000000000000;

	private const PATTERN = '/^([+-]?)(\d*)(?:\.(\d*))?$/D';

	/**
	 * Whether the value is a plain decimal number this class can convert ("1500", "1500.5", "-0.01").
	 */
	public static function is_decimal( mixed $value ): bool {
		return null !== self::parse( $value );
	}

	/**
	 * The value in kopecks, rounded half away from zero.
	 *
	 * @param string|int|float $value Decimal roubles: "29999.99", 30000, "833.333333". Floats (as some
	 *                                WooCommerce getters return) are first written out with 8 decimals.
	 * @throws \InvalidArgumentException When the value is not a decimal number or is too large.
	 */
	public static function to_kopecks( string|int|float $value ): int {
		$scaled = self::parse( $value );
		if ( null === $scaled ) {
			throw new \InvalidArgumentException( 'Not a decimal amount.' );
		}
		return self::round_scaled( $scaled );
	}

	/**
	 * The exact sum of several decimal amounts, rounded to kopecks once (a line total plus its tax).
	 *
	 * @param string|int|float ...$values Decimal roubles.
	 * @throws \InvalidArgumentException When a value is not a decimal number or the sum is too large.
	 */
	public static function sum_to_kopecks( string|int|float ...$values ): int {
		$sum = 0;
		foreach ( $values as $value ) {
			$scaled = self::parse( $value );
			if ( null === $scaled ) {
				throw new \InvalidArgumentException( 'Not a decimal amount.' );
			}
			$sum += $scaled;
			if ( abs( $sum ) > self::MAX_KOPECKS * 10 ** ( self::SCALE - 2 ) ) {
				throw new \InvalidArgumentException( 'Amount too large.' );
			}
		}
		return self::round_scaled( $sum );
	}

	/**
	 * Kopecks as a decimal string with two decimals: 150050 → "1500.50", -5 → "-0.05".
	 */
	public static function from_kopecks( int $kopecks ): string {
		$sign     = $kopecks < 0 ? '-' : '';
		$absolute = abs( $kopecks );
		return sprintf( '%s%d.%02d', $sign, intdiv( $absolute, 100 ), $absolute % 100 );
	}

	/**
	 * Parses an amount typed by a shop manager ("30 000", "30000,50", "1 500.5") into kopecks.
	 * Spaces (also non-breaking and thin ones) are thousands separators; "," or "." is the decimal
	 * separator; at most two decimals. Null when the text is not such an amount.
	 */
	public static function parse_admin_amount( string $text ): ?int {
		$text = trim( (string) preg_replace( '/[\s\x{00A0}\x{202F}\x{2009}]+/u', '', $text ) );
		if ( ! preg_match( '/^\d+(?:[.,]\d{1,2})?$/D', $text ) ) {
			return null;
		}
		$kopecks = self::to_kopecks( str_replace( ',', '.', $text ) );
		return $kopecks <= self::MAX_KOPECKS ? $kopecks : null;
	}

	/**
	 * The value scaled by 10^SCALE as an integer, or null when it is not a decimal number.
	 */
	private static function parse( mixed $value ): ?int {
		if ( is_int( $value ) ) {
			$value = (string) $value;
		} elseif ( is_float( $value ) ) {
			if ( ! is_finite( $value ) ) {
				return null;
			}
			$value = sprintf( '%.' . self::SCALE . 'F', $value );
		}
		if ( ! is_string( $value ) ) {
			return null;
		}
		$value = trim( $value );
		if ( ! preg_match( self::PATTERN, $value, $m ) || ( '' === $m[2] && '' === ( $m[3] ?? '' ) ) ) {
			return null;
		}
		$integer  = ltrim( $m[2], '0' );
		$fraction = $m[3] ?? '';
		if ( strlen( $integer ) > 14 ) {
			return null;
		}

		// Keep SCALE digits; the first dropped digit decides the rounding (half away from zero).
		$kept   = str_pad( substr( $fraction, 0, self::SCALE ), self::SCALE, '0' );
		$scaled = (int) ( ( '' === $integer ? '0' : $integer ) . $kept );
		if ( strlen( $fraction ) > self::SCALE && (int) $fraction[ self::SCALE ] >= 5 ) {
			++$scaled;
		}
		if ( $scaled > self::MAX_KOPECKS * 10 ** ( self::SCALE - 2 ) ) {
			return null;
		}
		return '-' === $m[1] ? -$scaled : $scaled;
	}

	private static function round_scaled( int $scaled ): int {
		$unit     = 10 ** ( self::SCALE - 2 );
		$absolute = abs( $scaled );
		$kopecks  = intdiv( $absolute, $unit ) + ( ( $absolute % $unit ) * 2 >= $unit ? 1 : 0 );
		return $scaled < 0 ? -$kopecks : $kopecks;
	}
}
