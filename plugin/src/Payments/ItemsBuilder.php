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
 * total over the lines. build_refund() gives the lines of a WooCommerce refund in the same shape
 * (WooCommerce stores them negative; the contract wants positive quantities and amounts).
 */
final class ItemsBuilder {

	private const MAX_NAME = 128;

	/**
	 * @return list<array<string,mixed>>
	 */
	public function build( \WC_Order $order ): array {
		return $this->lines( $order, $order, 1 );
	}

	/**
	 * build(), or no lines when an amount cannot be read (a capture or refund then goes without).
	 *
	 * @return list<array<string,mixed>>
	 */
	public function build_or_none( \WC_Order $order, ?object $refund = null ): array {
		try {
			return null === $refund ? $this->build( $order ) : $this->build_refund( $order, $refund );
		} catch ( \InvalidArgumentException $e ) {
			return array();
		}
	}

	/**
	 * The refunded lines of a refund of $order.
	 *
	 * @param \WC_Order $order  The refunded order (its tax rates name the VAT).
	 * @param object    $refund WC_Order_Refund.
	 * @return list<array<string,mixed>>
	 */
	public function build_refund( \WC_Order $order, object $refund ): array {
		return $this->lines( $order, $refund, -1 );
	}

	/**
	 * @param \WC_Order $order  Order whose tax rates name the VAT.
	 * @param object    $source The order or one of its refunds (get_items()).
	 * @param int       $sign   1 for the order, -1 for a refund.
	 * @return list<array<string,mixed>>
	 */
	private function lines( \WC_Order $order, object $source, int $sign ): array {
		$vat   = VatMapper::for_order( $order );
		$items = array();

		foreach ( $source->get_items( 'line_item' ) as $item ) {
			$amount = $sign * Money::sum_to_kopecks( (string) $item->get_total(), (string) $item->get_total_tax() );
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

		foreach ( $source->get_items( 'fee' ) as $fee ) {
			$amount = $sign * Money::sum_to_kopecks( (string) $fee->get_total(), (string) $fee->get_total_tax() );
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

		foreach ( $source->get_items( 'shipping' ) as $shipping ) {
			$amount = $sign * Money::sum_to_kopecks( (string) $shipping->get_total(), (string) $shipping->get_total_tax() );
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
	 * decimals, as the contract allows. A refund stores its quantities negative, and 0 when only an
	 * amount of the line was refunded: that is one unit of the refunded amount.
	 */
	private static function quantity( mixed $quantity ): int|float {
		$quantity = abs( is_numeric( $quantity ) ? 0 + $quantity : 0 );
		if ( is_int( $quantity ) || floor( $quantity ) === $quantity ) {
			return max( 1, (int) $quantity );
		}
		return round( $quantity, 3 );
	}
}
