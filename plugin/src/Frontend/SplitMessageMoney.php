<?php
/**
 * Amounts in the "pay in parts" lines, formatted like the shop's prices.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Frontend;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce's price format (separators, symbol position) applied to kopecks with integer maths.
 * Kopecks are shown only when a payment has any ("250 ₽", "622,63 ₽"). The same settings go to the
 * page as data so that the script formats updated amounts identically.
 */
final class SplitMessageMoney {

	/**
	 * @param string $decimal_separator  Decimal separator.
	 * @param string $thousand_separator Thousands separator.
	 * @param string $format             sprintf format with %1$s symbol and %2$s number (get_woocommerce_price_format()).
	 * @param string $symbol             Currency symbol, plain text.
	 */
	public function __construct(
		public readonly string $decimal_separator,
		public readonly string $thousand_separator,
		public readonly string $format,
		public readonly string $symbol
	) {
	}

	/**
	 * The shop's settings (entities decoded: the result is printed escaped, as text).
	 */
	public static function from_woocommerce(): self {
		$decode = static fn ( string $text ): string => html_entity_decode( $text, ENT_QUOTES | ENT_HTML5, 'UTF-8' );
		return new self(
			$decode( wc_get_price_decimal_separator() ),
			$decode( wc_get_price_thousand_separator() ),
			$decode( get_woocommerce_price_format() ),
			$decode( get_woocommerce_currency_symbol( 'RUB' ) )
		);
	}

	public function format( int $kopecks, bool $with_kopecks ): string {
		$whole  = number_format( (float) intdiv( $kopecks, 100 ), 0, '', $this->thousand_separator );
		$number = $with_kopecks ? $whole . $this->decimal_separator . sprintf( '%02d', $kopecks % 100 ) : $whole;
		return str_replace( array( '%1$s', '%2$s' ), array( $this->symbol, $number ), $this->format );
	}

	/**
	 * @return array{decimal: string, thousand: string, format: string, symbol: string}
	 */
	public function to_data(): array {
		return array(
			'decimal'  => $this->decimal_separator,
			'thousand' => $this->thousand_separator,
			'format'   => $this->format,
			'symbol'   => $this->symbol,
		);
	}

	/**
	 * @param list<int> $parts Payments in kopecks.
	 */
	public static function has_kopecks( array $parts ): bool {
		foreach ( $parts as $part ) {
			if ( 0 !== $part % 100 ) {
				return true;
			}
		}
		return false;
	}
}
