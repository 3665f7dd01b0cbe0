<?php
/**
 * Turns the till's basket into a WooCommerce order.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

use RuPayments\Support\Money;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * The order is created through WooCommerce's order API (wc_create_order, add_product, fees,
 * calculate_totals), so prices, taxes and stock rules are WooCommerce's own. A free amount is a fee
 * line named by the cashier, with the VAT rate chosen at the till.
 */
final class SaleBuilder {

	public const FREE_VAT_META = '_ru_payments_vat';
	public const FREE_VATS     = array( 'none', 'vat0', 'vat5', 'vat7', 'vat10', 'vat20', 'vat22' );
	private const MAX_LINES    = 200;

	/**
	 * @param array<string,mixed> $basket `items`: list of {product_id, quantity}; `free`: list of {name, amount (kopecks), vat}.
	 * @param array{method: string, method_title: string, till: string, shift: string, cashier: int} $sale Sale facts.
	 */
	public function create( array $basket, array $sale ): \WC_Order|WP_Error {
		$lines = $this->product_lines( is_array( $basket['items'] ?? null ) ? $basket['items'] : array() );
		if ( $lines instanceof WP_Error ) {
			return $lines;
		}
		$free = $this->free_lines( is_array( $basket['free'] ?? null ) ? $basket['free'] : array() );
		if ( $free instanceof WP_Error ) {
			return $free;
		}
		if ( array() === $lines && array() === $free ) {
			return self::invalid( __( 'The basket is empty.', 'ru-payments-for-woocommerce' ) );
		}

		$order = wc_create_order( array( 'created_via' => 'ru_payments_till' ) );
		if ( $order instanceof WP_Error ) {
			return $order;
		}
		foreach ( $lines as [ $product, $quantity ] ) {
			$order->add_product( $product, $quantity );
		}
		foreach ( $free as [ $name, $amount, $vat ] ) {
			$fee = new \WC_Order_Item_Fee();
			$fee->set_name( $name );
			$fee->set_amount( Money::from_kopecks( $amount ) );
			$fee->set_total( Money::from_kopecks( $amount ) );
			$fee->set_tax_status( 'none' );
			$fee->add_meta_data( self::FREE_VAT_META, $vat, true );
			$order->add_item( $fee );
		}
		$order->set_payment_method( $sale['method'] );
		$order->set_payment_method_title( $sale['method_title'] );
		$order->update_meta_data( TillMeta::TILL, $sale['till'] );
		$order->update_meta_data( TillMeta::SHIFT, $sale['shift'] );
		$order->update_meta_data( TillMeta::CASHIER, $sale['cashier'] );
		$order->update_meta_data( TillMeta::METHOD, 'ru_payments_sber_bnpl' === $sale['method'] ? 'sber' : 'koshelek' );
		$order->calculate_totals( true );
		$order->add_order_note(
			sprintf(
				/* translators: 1: till id, 2: shift id. */
				__( 'RU Payments: sale at till %1$s (shift %2$s).', 'ru-payments-for-woocommerce' ),
				$sale['till'],
				$sale['shift']
			)
		);
		$order->save();
		return $order;
	}

	/**
	 * @param array<int|string,mixed> $items Raw items.
	 * @return list<array{0: \WC_Product, 1: int}>|WP_Error
	 */
	private function product_lines( array $items ): array|WP_Error {
		if ( count( $items ) > self::MAX_LINES ) {
			return self::invalid( __( 'The basket has too many lines.', 'ru-payments-for-woocommerce' ) );
		}
		$lines = array();
		foreach ( $items as $item ) {
			$id       = is_array( $item ) ? absint( $item['product_id'] ?? 0 ) : 0;
			$quantity = is_array( $item ) && is_numeric( $item['quantity'] ?? null ) ? (int) $item['quantity'] : 0;
			$product  = $id > 0 ? wc_get_product( $id ) : null;
			if ( ! $product instanceof \WC_Product || $quantity < 1 || $quantity > 9999 ) {
				return self::invalid( __( 'A basket line names no product or a wrong quantity.', 'ru-payments-for-woocommerce' ) );
			}
			if ( ! $product->is_purchasable() || ! $product->has_enough_stock( $quantity ) ) {
				return self::invalid(
					/* translators: %s: product name. */
					sprintf( __( '%s cannot be sold in this quantity (price or stock).', 'ru-payments-for-woocommerce' ), $product->get_name() )
				);
			}
			$lines[] = array( $product, $quantity );
		}
		return $lines;
	}

	/**
	 * @param array<int|string,mixed> $items Raw free amounts.
	 * @return list<array{0: string, 1: int, 2: string}>|WP_Error
	 */
	private function free_lines( array $items ): array|WP_Error {
		$lines = array();
		foreach ( array_slice( $items, 0, self::MAX_LINES ) as $item ) {
			$amount = is_array( $item ) && is_int( $item['amount'] ?? null ) ? $item['amount'] : 0;
			$vat    = is_array( $item ) ? (string) ( $item['vat'] ?? 'none' ) : 'none';
			$name   = is_array( $item ) ? trim( sanitize_text_field( (string) ( $item['name'] ?? '' ) ) ) : '';
			if ( $amount < 1 || $amount > 99999999999 || ! in_array( $vat, self::FREE_VATS, true ) ) {
				return self::invalid( __( 'A free amount must be a positive sum with a valid VAT rate.', 'ru-payments-for-woocommerce' ) );
			}
			$lines[] = array( '' !== $name ? mb_substr( $name, 0, 128 ) : __( 'Free amount', 'ru-payments-for-woocommerce' ), $amount, $vat );
		}
		return $lines;
	}

	private static function invalid( string $message ): WP_Error {
		return new WP_Error( 'ru_payments_till_invalid', $message, array( 'status' => 400 ) );
	}
}
