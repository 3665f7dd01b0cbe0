<?php
/**
 * Products for the till: search by name or SKU, and lookup by barcode.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

use RuPayments\Payments\VatMapper;
use RuPayments\Support\Money;

defined( 'ABSPATH' ) || exit;

/**
 * A product's barcode is its SKU, its `_ru_payments_barcode` meta, or WooCommerce's "GTIN, UPC,
 * EAN or ISBN" field (global unique id). Only simple and variation products that can be bought are
 * offered.
 */
final class ProductLookup {

	public const BARCODE_META = '_ru_payments_barcode';
	private const LIMIT       = 20;

	/**
	 * @return list<array<string,mixed>>
	 */
	public function search( string $term ): array {
		$term = trim( $term );
		if ( '' === $term ) {
			return array();
		}
		$ids = array_merge(
			wc_get_products( array( 'status' => 'publish', 's' => $term, 'limit' => self::LIMIT, 'return' => 'ids', 'type' => array( 'simple', 'variation' ) ) ),
			wc_get_products( array( 'status' => 'publish', 'sku' => $term, 'limit' => self::LIMIT, 'return' => 'ids', 'type' => array( 'simple', 'variation' ) ) )
		);
		$barcode = $this->barcode( $term );
		if ( null !== $barcode ) {
			array_unshift( $ids, $barcode['id'] );
		}
		$found = array();
		foreach ( array_slice( array_unique( array_map( 'intval', $ids ) ), 0, self::LIMIT ) as $id ) {
			$product = wc_get_product( $id );
			if ( $product instanceof \WC_Product && $product->is_purchasable() ) {
				$found[] = self::view( $product );
			}
		}
		return $found;
	}

	/**
	 * The product with this barcode, or null.
	 *
	 * @return array<string,mixed>|null
	 */
	public function barcode( string $code ): ?array {
		$code = trim( $code );
		if ( '' === $code || strlen( $code ) > 100 ) {
			return null;
		}
		$id = (int) wc_get_product_id_by_sku( $code );
		if ( 0 === $id && function_exists( 'wc_get_product_id_by_global_unique_id' ) ) {
			$id = (int) wc_get_product_id_by_global_unique_id( $code );
		}
		if ( 0 === $id ) {
			$ids = wc_get_products( array( 'status' => 'publish', 'limit' => 1, 'return' => 'ids', 'meta_key' => self::BARCODE_META, 'meta_value' => $code ) ); // phpcs:ignore WordPress.DB.SlowDBQuery -- one indexed lookup per scan.
			$id  = (int) ( $ids[0] ?? 0 );
		}
		$product = $id > 0 ? wc_get_product( $id ) : null;
		return $product instanceof \WC_Product && $product->is_purchasable() ? self::view( $product ) : null;
	}

	/**
	 * @return array<string,mixed>
	 */
	public static function view( \WC_Product $product ): array {
		return array(
			'id'       => $product->get_id(),
			'name'     => wp_strip_all_tags( $product->get_formatted_name() ),
			'title'    => $product->get_name(),
			'sku'      => (string) $product->get_sku(),
			'price'    => Money::to_kopecks( wc_format_decimal( wc_get_price_including_tax( $product ), 2 ) ),
			'stock'    => $product->managing_stock() ? (int) $product->get_stock_quantity() : null,
			'in_stock' => $product->is_in_stock(),
			'vat'      => self::vat( $product ),
		);
	}

	private static function vat( \WC_Product $product ): string {
		if ( ! wc_tax_enabled() || ! $product->is_taxable() ) {
			return VatMapper::NONE;
		}
		$percent = 0.0;
		foreach ( \WC_Tax::get_base_tax_rates( $product->get_tax_class() ) as $rate ) {
			$percent += (float) ( $rate['rate'] ?? 0 );
		}
		return VatMapper::code( rtrim( rtrim( sprintf( '%.4F', $percent ), '0' ), '.' ) );
	}
}
