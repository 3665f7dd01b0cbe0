<?php
/**
 * What availability is decided on: the total, the currency and the products' profiles.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Checkout;

use RuPayments\Profiles\CartProfile;
use RuPayments\Profiles\ProfileResolver;
use RuPayments\Support\Money;

defined( 'ABSPATH' ) || exit;

/**
 * A snapshot of the cart (or of the order on the pay-for-order page). Reading it never calls the
 * sidecar.
 */
final class CheckoutContext {

	/**
	 * @param int|null         $total    Total in kopecks, shipping and taxes included (null: unknown, e.g. no cart).
	 * @param string           $currency ISO currency code.
	 * @param CartProfile|null $profile  Products' profiles (null: unknown).
	 */
	public function __construct(
		public readonly ?int $total,
		public readonly string $currency,
		public readonly ?CartProfile $profile
	) {
	}

	/**
	 * The order being paid on the pay-for-order page, else the cart, else an unknown total.
	 */
	public static function current( ProfileResolver $resolver ): self {
		$order_id = absint( get_query_var( 'order-pay' ) );
		if ( $order_id > 0 ) {
			$order = wc_get_order( $order_id );
			if ( $order instanceof \WC_Order ) {
				return self::for_order( $order, $resolver );
			}
		}

		$cart = function_exists( 'WC' ) && WC() ? WC()->cart : null;
		if ( $cart ) {
			return new self( self::kopecks( $cart->get_total( 'edit' ) ), get_woocommerce_currency(), $resolver->for_cart() );
		}
		return new self( null, get_woocommerce_currency(), null );
	}

	public static function for_order( \WC_Order $order, ProfileResolver $resolver ): self {
		return new self( self::kopecks( $order->get_total() ), (string) $order->get_currency(), $resolver->for_order( $order ) );
	}

	/**
	 * WooCommerce's total (a float for the cart, a decimal string for orders) in kopecks.
	 */
	private static function kopecks( mixed $total ): ?int {
		if ( is_float( $total ) ) {
			// WooCommerce's own rounding to the price decimals first, then exact parsing.
			$total = wc_format_decimal( $total, wc_get_price_decimals() );
		}
		return ( is_string( $total ) || is_int( $total ) ) && Money::is_decimal( $total ) ? Money::to_kopecks( $total ) : null;
	}
}
