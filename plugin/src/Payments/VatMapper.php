<?php
/**
 * VAT codes of order lines.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Payments;

defined( 'ABSPATH' ) || exit;

/**
 * Maps the tax rates applied to an order line to the contract's VAT codes: 0, 5, 7, 10, 20 and 22 %
 * become `vat0` … `vat22`; a line without tax is `none`. The rates come from the order's own tax
 * lines (the percentage stored when the order was placed), never from today's tax tables.
 */
final class VatMapper {

	public const NONE = 'none';

	/**
	 * Percentage (normalised decimal) => VAT code.
	 */
	public const CODES = array(
		'0'  => 'vat0',
		'5'  => 'vat5',
		'7'  => 'vat7',
		'10' => 'vat10',
		'20' => 'vat20',
		'22' => 'vat22',
	);

	/**
	 * @param array<int,string> $rate_percents Tax rate id => percentage as a decimal string.
	 */
	public function __construct( private readonly array $rate_percents ) {
	}

	/**
	 * Reads the percentages from the order's tax lines.
	 */
	public static function for_order( \WC_Order $order ): self {
		$percents = array();
		foreach ( $order->get_items( 'tax' ) as $tax ) {
			$rate_id = (int) $tax->get_rate_id();
			$percent = $tax->get_rate_percent();
			if ( ( null === $percent || '' === $percent ) && class_exists( 'WC_Tax' ) && method_exists( 'WC_Tax', 'get_rate_percent_value' ) ) {
				$percent = \WC_Tax::get_rate_percent_value( $rate_id );
			}
			$percents[ $rate_id ] = self::normalise( $percent );
		}
		return new self( $percents );
	}

	/**
	 * The VAT code of an order line (product, fee or shipping item).
	 *
	 * @param \WC_Order_Item $item Line with get_taxes().
	 */
	public function for_item( \WC_Order_Item $item ): string {
		$taxes = is_callable( array( $item, 'get_taxes' ) ) ? $item->get_taxes() : array();
		$rates = array_keys( array_filter( (array) ( $taxes['total'] ?? array() ), static fn ( $amount ): bool => '' !== $amount && null !== $amount ) );
		if ( array() === $rates ) {
			return self::NONE;
		}
		$total = 0;
		foreach ( $rates as $rate_id ) {
			$percent = $this->rate_percents[ (int) $rate_id ] ?? null;
			if ( null === $percent ) {
				return self::NONE;
			}
			$total += (int) round( (float) $percent * 10000 );
		}
		return self::code( self::normalise( $total / 10000 ) );
	}

	/**
	 * The VAT code of a percentage ('none' when the law knows no such VAT rate).
	 */
	public static function code( string $percent ): string {
		return self::CODES[ $percent ] ?? self::NONE;
	}

	/**
	 * "20.0000" → "20", 10.5 → "10.5".
	 */
	private static function normalise( mixed $percent ): string {
		if ( ! is_numeric( $percent ) ) {
			return '';
		}
		$text = sprintf( '%.4F', (float) $percent );
		return rtrim( rtrim( $text, '0' ), '.' );
	}
}
