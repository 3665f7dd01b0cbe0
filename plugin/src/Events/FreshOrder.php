<?php
/**
 * Loads an order as the database has it now.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Events;

defined( 'ABSPATH' ) || exit;

/**
 * Drops WooCommerce's in-request caches of the order first (the HPOS order cache and the post
 * cache), so that an object read before another request changed the order is never used.
 */
final class FreshOrder {

	public static function load( int $order_id ): ?\WC_Order {
		if ( function_exists( 'wc_get_container' ) && class_exists( \Automattic\WooCommerce\Caches\OrderCache::class ) ) {
			wc_get_container()->get( \Automattic\WooCommerce\Caches\OrderCache::class )->remove( $order_id );
		}
		if ( function_exists( 'clean_post_cache' ) ) {
			clean_post_cache( $order_id );
		}
		$order = wc_get_order( $order_id );
		return $order instanceof \WC_Order ? $order : null;
	}
}
