<?php
/**
 * Which profile a product, a cart or an order belongs to.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Profiles;

defined( 'ABSPATH' ) || exit;

/**
 * A product's profile is, in this order: its own `_ru_payments_profile` meta (a variation uses its
 * parent's), then the `ru_payments_profile` term meta of its product categories (a category
 * without one inherits from its closest ancestor that has one); '' when none is named.
 */
final class ProfileResolver {

	public const PRODUCT_META = '_ru_payments_profile';
	public const TERM_META    = 'ru_payments_profile';
	public const TAXONOMY     = 'product_cat';

	/**
	 * @var array<int,string> Resolved profile per product id (this request).
	 */
	private array $cache = array();

	/**
	 * The profile named for a product ('' when none).
	 */
	public function for_product( \WC_Product $product ): string {
		$id = (int) $product->get_id();
		if ( isset( $this->cache[ $id ] ) ) {
			return $this->cache[ $id ];
		}

		$source = $product;
		if ( $product->is_type( 'variation' ) && $product->get_parent_id() ) {
			$parent = wc_get_product( $product->get_parent_id() );
			$source = $parent instanceof \WC_Product ? $parent : $product;
		}

		$profile = self::clean( $source->get_meta( self::PRODUCT_META, true ) );
		if ( '' === $profile ) {
			$profile = $this->for_categories( array_map( 'intval', (array) $source->get_category_ids() ) );
		}
		return $this->cache[ $id ] = $profile;
	}

	/**
	 * The profiles of the products in the current cart.
	 */
	public function for_cart(): CartProfile {
		$products = array();
		$cart     = function_exists( 'WC' ) && WC() ? WC()->cart : null;
		if ( $cart ) {
			foreach ( $cart->get_cart() as $item ) {
				if ( isset( $item['data'] ) && $item['data'] instanceof \WC_Product ) {
					$products[] = $item['data'];
				}
			}
		}
		return $this->for_products( $products );
	}

	/**
	 * The profiles of the products in an order (items whose product was deleted name none).
	 */
	public function for_order( \WC_Order $order ): CartProfile {
		$products   = array();
		$unassigned = false;
		foreach ( $order->get_items( 'line_item' ) as $item ) {
			$product = $item->get_product();
			if ( $product instanceof \WC_Product ) {
				$products[] = $product;
			} else {
				$unassigned = true;
			}
		}
		$profile = $this->for_products( $products );
		return $unassigned ? new CartProfile( $profile->named, true ) : $profile;
	}

	/**
	 * @param list<\WC_Product> $products Products.
	 */
	public function for_products( array $products ): CartProfile {
		$named      = array();
		$unassigned = false;
		foreach ( $products as $product ) {
			$profile = $this->for_product( $product );
			if ( '' === $profile ) {
				$unassigned = true;
			} elseif ( ! in_array( $profile, $named, true ) ) {
				$named[] = $profile;
			}
		}
		return new CartProfile( $named, $unassigned );
	}

	/**
	 * The first profile named by the categories (lowest term id first), each checked before its
	 * ancestors.
	 *
	 * @param list<int> $term_ids Category ids.
	 */
	private function for_categories( array $term_ids ): string {
		sort( $term_ids );
		foreach ( $term_ids as $term_id ) {
			$chain = array_merge( array( $term_id ), array_map( 'intval', (array) get_ancestors( $term_id, self::TAXONOMY, 'taxonomy' ) ) );
			foreach ( $chain as $id ) {
				$profile = self::clean( get_term_meta( $id, self::TERM_META, true ) );
				if ( '' !== $profile ) {
					return $profile;
				}
			}
		}
		return '';
	}

	private static function clean( mixed $value ): string {
		return is_string( $value ) && Profiles::is_valid_name( $value ) ? $value : '';
	}
}
