<?php
/**
 * The order's lines as Koshelek Pay items.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

use RuPayments\Payments\VatMapper;
use RuPayments\Support\Money;

defined( 'ABSPATH' ) || exit;

/**
 * Koshelek's item: {name, article, price, quantity, totalAmount, tax}, amounts in kopecks, VAT
 * included. `tax` uses Koshelek's codes (vat10_110 → vat110, vat20_120 → vat120); rates Koshelek
 * has no code for by default (5 %, 7 %, 22 %) go as `vatNN`, which the sidecar accepts once the
 * shop adds them to `enums.taxes`.
 */
final class KoshelekBasket {

	private const TAX = array(
		'vat10_110' => 'vat110',
		'vat20_120' => 'vat120',
		'vat22_122' => 'vat122',
	);

	/**
	 * Every line of the order, or the returned quantities when `$returned` (order item id → quantity) is given.
	 *
	 * @param array<int,int>|null $returned Returned quantities.
	 * @return list<array{name: string, article: string, price: int, quantity: int, totalAmount: int, tax: string}>
	 */
	public static function items( \WC_Order $order, ?array $returned = null ): array {
		$vat   = VatMapper::for_order( $order );
		$items = array();
		foreach ( $order->get_items( array( 'line_item', 'fee' ) ) as $id => $item ) {
			$quantity = max( 1, (int) $item->get_quantity() );
			$total    = Money::sum_to_kopecks( (string) $item->get_total(), (string) $item->get_total_tax() );
			if ( $total <= 0 ) {
				continue;
			}
			$count = null === $returned ? $quantity : min( $quantity, (int) ( $returned[ (int) $id ] ?? 0 ) );
			if ( $count < 1 ) {
				continue;
			}
			$line_total = $count === $quantity ? $total : intdiv( $total * $count, $quantity );
			$items[]    = array(
				'name'        => mb_substr( (string) $item->get_name(), 0, 255 ),
				'article'     => self::article( $item ),
				'price'       => intdiv( $line_total, $count ),
				'quantity'    => $count,
				'totalAmount' => $line_total,
				'tax'         => self::tax( $item, $vat ),
			);
		}
		return $items;
	}

	/**
	 * Sum of the items' totals in kopecks.
	 *
	 * @param list<array{totalAmount: int}> $items Items.
	 */
	public static function total( array $items ): int {
		return array_sum( array_column( $items, 'totalAmount' ) );
	}

	private static function article( \WC_Order_Item $item ): string {
		if ( $item instanceof \WC_Order_Item_Product ) {
			$product = $item->get_product();
			$sku     = $product instanceof \WC_Product ? (string) $product->get_sku() : '';
			return mb_substr( '' !== $sku ? $sku : 'ID' . $item->get_product_id(), 0, 64 );
		}
		return 'FREE-' . $item->get_id();
	}

	private static function tax( \WC_Order_Item $item, VatMapper $vat ): string {
		$chosen = (string) $item->get_meta( SaleBuilder::FREE_VAT_META, true );
		$code   = '' !== $chosen ? $chosen : $vat->for_item( $item );
		return self::TAX[ $code ] ?? $code;
	}
}
