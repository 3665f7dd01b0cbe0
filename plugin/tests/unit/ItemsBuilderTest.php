<?php
/**
 * The `items` of the create-payment body.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RuPayments\Payments\ItemsBuilder;
use RuPayments\Payments\PaymentRequestBuilder;
use RuPayments\Payments\VatMapper;
use WC_Order;
use WC_Order_Item_Fee;
use WC_Order_Item_Product;
use WC_Order_Item_Shipping;
use WC_Order_Item_Tax;
use WC_Product;

final class ItemsBuilderTest extends TestCase {

	private function order(): WC_Order {
		$order = new WC_Order( 5 );
		foreach ( array( 1 => 20.0, 2 => 10.0, 3 => 0.0, 4 => 22.0, 5 => 5.0, 6 => 7.0 ) as $rate_id => $percent ) {
			$order->add_test_item( new WC_Order_Item_Tax( $rate_id, $percent ) );
		}
		return $order;
	}

	public function test_lines_shipping_vat_and_types(): void {
		$order = $this->order();
		$order->add_test_item( new WC_Order_Item_Product( 'Чайник', '2500.00', '500.00', array( 1 => '500.00' ), 2, new WC_Product( 1, 'simple', 0, 'A-1' ) ) );
		$order->add_test_item( new WC_Order_Item_Product( 'Book &amp; <b>CD</b>', '1000.00', '100.00', array( 2 => '100.00' ), 1, new WC_Product( 2 ) ) );
		$order->add_test_item( new WC_Order_Item_Product( 'Online course', '833.333333', '166.666667', array( 1 => '166.666667' ), 1, new WC_Product( 3, 'simple', 0, 'C-1', true ) ) );
		$order->add_test_item( new WC_Order_Item_Product( 'Exempt', '100.00', '0', array(), 1, new WC_Product( 4 ) ) );
		$order->add_test_item( new WC_Order_Item_Shipping( 'Курьер', '350.00', '0', array() ) );

		$items = ( new ItemsBuilder() )->build( $order );

		$this->assertSame(
			array(
				array( 'sku' => 'A-1', 'name' => 'Чайник', 'quantity' => 2, 'amount' => 300000, 'type' => 'goods', 'vat' => 'vat20' ),
				array( 'name' => 'Book & CD', 'quantity' => 1, 'amount' => 110000, 'type' => 'goods', 'vat' => 'vat10' ),
				array( 'sku' => 'C-1', 'name' => 'Online course', 'quantity' => 1, 'amount' => 100000, 'type' => 'service', 'vat' => 'vat20' ),
				array( 'name' => 'Exempt', 'quantity' => 1, 'amount' => 10000, 'type' => 'goods', 'vat' => 'none' ),
				array( 'name' => 'Shipping: Курьер', 'quantity' => 1, 'amount' => 35000, 'type' => 'shipping', 'vat' => 'none' ),
			),
			$items
		);
	}

	public function test_taxed_shipping_and_fees(): void {
		$order = $this->order();
		$order->add_test_item( new WC_Order_Item_Product( 'A', '100.00', '0', array(), 1, new WC_Product( 1 ) ) );
		$order->add_test_item( new WC_Order_Item_Fee( 'Gift wrap', '50.00', '11.00', array( 4 => '11.00' ) ) );
		$order->add_test_item( new WC_Order_Item_Fee( 'Discount', '-20.00', '0', array() ) );
		$order->add_test_item( new WC_Order_Item_Shipping( 'DPD', '300.00', '60.00', array( 1 => '60.00' ) ) );
		$order->add_test_item( new WC_Order_Item_Shipping( 'Pickup', '0', '0', array() ) );

		$items = ( new ItemsBuilder() )->build( $order );

		$this->assertCount( 3, $items, 'negative fees and free shipping are not lines' );
		$this->assertSame( array( 'name' => 'Gift wrap', 'quantity' => 1, 'amount' => 6100, 'type' => 'service', 'vat' => 'vat22' ), $items[1] );
		$this->assertSame( array( 'name' => 'Shipping: DPD', 'quantity' => 1, 'amount' => 36000, 'type' => 'shipping', 'vat' => 'vat20' ), $items[2] );
	}

	public function vat_rates(): array {
		return array(
			'0 %'       => array( 3, 'vat0' ),
			'5 %'       => array( 5, 'vat5' ),
			'7 %'       => array( 6, 'vat7' ),
			'10 %'      => array( 2, 'vat10' ),
			'20 %'      => array( 1, 'vat20' ),
			'22 %'      => array( 4, 'vat22' ),
			'unknown'   => array( 99, 'none' ),
		);
	}

	/**
	 * @dataProvider vat_rates
	 */
	public function test_vat_mapping( int $rate_id, string $code ): void {
		$mapper = VatMapper::for_order( $this->order() );

		$this->assertSame( $code, $mapper->for_item( new WC_Order_Item_Product( 'X', '10', '0', array( $rate_id => '0' ) ) ) );
		$this->assertSame( 'none', $mapper->for_item( new WC_Order_Item_Product( 'X', '10', '0', array() ) ) );
	}

	public function test_percentages_outside_the_law_are_none(): void {
		$this->assertSame( 'none', VatMapper::code( '18' ) );
		$this->assertSame( 'vat20', VatMapper::code( '20' ) );
	}

	public function test_a_rounding_shortfall_is_added_to_the_largest_line(): void {
		$items = array(
			array( 'name' => 'A', 'quantity' => 1, 'amount' => 100, 'type' => 'goods', 'vat' => 'vat20' ),
			array( 'name' => 'B', 'quantity' => 1, 'amount' => 500, 'type' => 'goods', 'vat' => 'vat20' ),
			array( 'name' => 'Shipping: X', 'quantity' => 1, 'amount' => 900, 'type' => 'shipping', 'vat' => 'none' ),
		);

		$this->assertSame( array( 100, 502, 900 ), array_column( PaymentRequestBuilder::cover_rounding( $items, 1502 ), 'amount' ) );
		$this->assertSame( array( 100, 500, 900 ), array_column( PaymentRequestBuilder::cover_rounding( $items, 1450 ), 'amount' ), 'a discount is spread by the sidecar' );
		$this->assertSame( array( 100, 500, 900 ), array_column( PaymentRequestBuilder::cover_rounding( $items, 2000 ), 'amount' ), 'not a rounding difference' );
	}
}
