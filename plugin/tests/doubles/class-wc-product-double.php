<?php
/**
 * Test doubles of WC_Product (CRUD meta, type, parent, SKU, virtual flag, categories) and WC_Cart
 * (the cart contents and WC_Cart::get_total( 'edit' ), which WooCommerce returns as a float).
 *
 * @package RuPayments\Tests
 */

class WC_Product {

	private array $meta = array();

	/**
	 * @param int       $id           Product id.
	 * @param string    $type         simple, variable, variation…
	 * @param int       $parent_id    Parent id (variations).
	 * @param string    $sku          SKU.
	 * @param bool      $virtual      Virtual product.
	 * @param list<int> $category_ids product_cat term ids.
	 */
	public function __construct(
		private int $id = 0,
		private string $type = 'simple',
		private int $parent_id = 0,
		private string $sku = '',
		private bool $virtual = false,
		private array $category_ids = array()
	) {
	}

	public function get_id(): int {
		return $this->id;
	}

	public function is_type( $type ): bool {
		return in_array( $this->type, (array) $type, true );
	}

	public function get_parent_id( $context = 'view' ): int {
		return $this->parent_id;
	}

	public function get_sku( $context = 'view' ): string {
		return $this->sku;
	}

	public function is_virtual(): bool {
		return $this->virtual;
	}

	public function get_category_ids( $context = 'view' ): array {
		return $this->category_ids;
	}

	public function get_meta( $key = '', $single = true, $context = 'view' ) {
		return $this->meta[ $key ] ?? ( $single ? '' : array() );
	}

	public function update_meta_data( $key, $value, $meta_id = 0 ): void {
		$this->meta[ $key ] = $value;
	}

	public function delete_meta_data( $key ): void {
		unset( $this->meta[ $key ] );
	}

	public function save(): int {
		return $this->id;
	}
}

class WC_Cart {

	/** @var array<string,array{data: WC_Product, quantity: int}> */
	public array $cart_contents = array();

	public float $total = 0.0;

	public function add( WC_Product $product, int $quantity = 1 ): void {
		$this->cart_contents[ md5( (string) $product->get_id() . count( $this->cart_contents ) ) ] = array(
			'data'     => $product,
			'quantity' => $quantity,
		);
	}

	public function get_cart(): array {
		return $this->cart_contents;
	}

	public function get_total( $context = 'view' ) {
		return 'edit' === $context ? $this->total : wc_price( $this->total );
	}

	public function is_empty(): bool {
		return array() === $this->cart_contents;
	}
}
