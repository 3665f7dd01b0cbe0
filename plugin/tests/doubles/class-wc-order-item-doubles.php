<?php
/**
 * Test doubles of the order item classes: product lines, shipping, fees and tax lines. Totals are
 * decimal strings, as WooCommerce stores them; get_taxes() has WooCommerce's shape
 * `['total' => [rate_id => amount], 'subtotal' => [...]]`.
 *
 * @package RuPayments\Tests
 */

class WC_Order_Item {

	/**
	 * @param string             $name      Name.
	 * @param string             $total     Line total after discounts, without tax.
	 * @param string             $total_tax Tax of the line.
	 * @param array<int,string>  $taxes     rate id => tax amount.
	 * @param int|float          $quantity  Quantity.
	 * @param WC_Product|null    $product   Product.
	 */
	public function __construct(
		protected string $name = '',
		protected string $total = '0',
		protected string $total_tax = '0',
		protected array $taxes = array(),
		protected int|float $quantity = 1,
		protected ?WC_Product $product = null
	) {
	}

	public function get_type(): string {
		return 'line_item';
	}

	public function get_name( $context = 'view' ): string {
		return $this->name;
	}

	public function get_total( $context = 'view' ): string {
		return $this->total;
	}

	public function get_total_tax( $context = 'view' ): string {
		return $this->total_tax;
	}

	public function get_taxes( $context = 'view' ): array {
		return array(
			'total'    => $this->taxes,
			'subtotal' => $this->taxes,
		);
	}

	public function get_quantity( $context = 'view' ) {
		return $this->quantity;
	}

	/**
	 * The copy WooCommerce's wc_create_refund() stores in a refund: quantity, total and taxes
	 * negative (total_tax is the sum of the taxes, as set_taxes() makes it).
	 *
	 * @param int|float         $qty          Refunded quantity.
	 * @param string            $refund_total Refunded total without tax.
	 * @param array<int,string> $refund_tax   rate id => refunded tax.
	 */
	public function refunded_copy( int|float $qty, string $refund_total, array $refund_tax ): static {
		$copy            = clone $this;
		$copy->quantity  = -1 * $qty;
		$copy->total     = wc_format_decimal( -1 * (float) $refund_total );
		$copy->taxes     = array_map( static fn ( $tax ): string => wc_format_decimal( -1 * (float) $tax ), $refund_tax );
		$copy->total_tax = wc_format_decimal( array_sum( array_map( 'floatval', $copy->taxes ) ) );
		return $copy;
	}
}

class WC_Order_Item_Product extends WC_Order_Item {

	public function get_product() {
		return $this->product ?? false;
	}
}

class WC_Order_Item_Shipping extends WC_Order_Item {

	public function get_type(): string {
		return 'shipping';
	}
}

class WC_Order_Item_Fee extends WC_Order_Item {

	public function get_type(): string {
		return 'fee';
	}
}

class WC_Order_Item_Tax extends WC_Order_Item {

	public function __construct( private int $rate_id = 0, private ?float $rate_percent = null ) {
		parent::__construct();
	}

	public function get_type(): string {
		return 'tax';
	}

	public function get_rate_id( $context = 'view' ): int {
		return $this->rate_id;
	}

	public function get_rate_percent( $context = 'view' ): ?float {
		return $this->rate_percent;
	}
}
