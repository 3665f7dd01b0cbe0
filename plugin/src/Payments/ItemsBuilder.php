<?php
/**
 * The `items` of the create-payment body.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Payments;

use RuPayments\Support\Money;

defined( 'ABSPATH' ) || exit;

/**
 * One item per product line (total after discounts, VAT included), per positive fee and per
 * shipping line. Amounts are exact kopecks computed from WooCommerce's decimal strings. Negative
 * fees and order-level discounts are not lines: the sidecar spreads the difference to the order
 * total over the lines.
 */
final class ItemsBuilder {

	private const MAX_NAME = 128;

	/**
	 * @return list<array<string,mixed>>
	 */
	public function build( \WC_Order $order ): array {
		$vat   = VatMapper::for_order( $order );
		$items = array();

		foreach ( $order->get_items( 'line_item' ) as $item ) {
			$amount = Money::sum_to_kopecks( (string) $item->get_total(), (string) $item->get_total_tax() );
			if ( $amount <= 0 ) {
				continue;
			}
			$product = $item->get_product();
			$line    = array(
				'name'     => self::name( (string) $item->get_name() ),
				'quantity' => self::quantity( $item->get_quantity() ),
				'amount'   => $amount,
				'type'     => $product instanceof \WC_Product && $product->is_virtual() ? 'service' : 'goods',
				'vat'      => $vat->for_item( $item ),
			);
			$sku     = $product instanceof \WC_Product ? (string) $product->get_sku() : '';
			if ( '' !== $sku ) {
				$line = array( 'sku' => $sku ) + $line;
			}
			$items[] = $line;
		}

		foreach ( $order->get_items( 'fee' ) as $fee ) {
			$amount = Money::sum_to_kopecks( (string) $fee->get_total(), (string) $fee->get_total_tax() );
			if ( $amount > 0 ) {
				$items[] = array(
					'name'     => self::name( (string) $fee->get_name() ),
					'quantity' => 1,
					'amount'   => $amount,
					'type'     => 'service',
					'vat'      => $vat->for_item( $fee ),
				);
			}
		}

		foreach ( $order->get_items( 'shipping' ) as $shipping ) {
			$amount = Money::sum_to_kopecks( (string) $shipping->get_total(), (string) $shipping->get_total_tax() );
			if ( $amount > 0 ) {
				$items[] = array(
					'name'     => self::name(
						sprintf(
							/* translators: %s: shipping method name. */
							__( 'Shipping: %s', 'ru-payments-for-woocommerce' ),
							(string) $shipping->get_name()
						)
					),
					'quantity' => 1,
					'amount'   => $amount,
					'type'     => 'shipping',
					'vat'      => $vat->for_item( $shipping ),
				);
			}
		}
		return $items;
	}

	private static function name( string $name ): string {
		$name = trim( wp_strip_all_tags( html_entity_decode( $name, ENT_QUOTES, 'UTF-8' ) ) );
		if ( '' === $name ) {
			$name = __( 'Item', 'ru-payments-for-woocommerce' );
		}
		return mb_substr( $name, 0, self::MAX_NAME );
	}

	/**
	 * Whole quantities as integers; fractional ones (some plugins sell by weight) with at most three
	 * decimals, as the contract allows.
	 */
	private static function quantity( mixed $quantity ): int|float {
		if ( is_int( $quantity ) || ( is_string( $quantity ) && ctype_digit( $quantity ) ) ) {
			return max( 1, (int) $quantity );
		}
		return round( (float) $quantity, 3 );
	}
}
