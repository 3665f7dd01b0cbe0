<?php
/**
 * Test double of WC_Order. Mirrors the CRUD semantics the plugin relies on:
 * - set_status()/meta changes stay in memory until save(); save() persists them, records the
 *   status transition, fires WooCommerce's status hooks and adds its "Order status changed" note;
 * - add_order_note() is stored immediately (a comment in WooCommerce);
 * - payment_complete() sets the transaction id, moves on-hold/pending/failed/cancelled orders to
 *   processing and saves;
 * - is_paid() is true for processing/completed;
 * - payment_complete() picks the status through the `woocommerce_payment_complete_order_status`
 *   filter, as WooCommerce does;
 * - items, totals (decimal strings) and refunds (WC_Order_Refund children; get_total_refunded()
 *   returns a float, like WooCommerce).
 *
 * @package RuPayments\Tests
 */

class WC_Order {

	/** @var list<string> */
	public array $notes = array();

	/** @var list<array{0: string, 1: string}> Saved status transitions [from, to]. */
	public array $status_changes = array();

	/** @var list<string> Transaction ids passed to payment_complete(). */
	public array $payment_complete_calls = array();

	public int $save_count = 0;

	private array $meta = array();

	private array $saved = array();

	private ?array $transition = null;

	private string $transaction_id = '';

	/** @var array<string,list<WC_Order_Item>> Items by type. */
	private array $items = array();

	/** @var list<array{id: int, amount: string, reason: string, refunded_payment: bool, items?: list<WC_Order_Item>}> */
	public array $refunds = array();

	public string $total = '0.00';

	public string $currency = 'RUB';

	public string $order_key = 'wc_order_testkey';

	public int $customer_id = 0;

	public string $payment_method_title = '';

	/** @var list<array{0: string, 1: int, 2: bool}> Notes with their flags [note, is_customer_note, added_by_user]. */
	public array $note_flags = array();

	public array $billing = array(
		'email'      => 'buyer@example.com',
		'phone'      => '+7 (999) 000-00-00',
		'first_name' => 'Иван',
		'last_name'  => 'Петров',
	);

	public function __construct( private int $id = 0, private string $status = 'pending', private string $payment_method = '' ) {
		$this->persist();
	}

	/**
	 * Test helper (not WooCommerce): adds an item.
	 */
	public function add_test_item( WC_Order_Item $item ): void {
		$this->items[ $item->get_type() ][] = $item;
	}

	public function get_items( $types = 'line_item' ): array {
		$items = array();
		foreach ( (array) $types as $type ) {
			$items = array_merge( $items, $this->items[ $type ] ?? array() );
		}
		return $items;
	}

	public function get_total( $context = 'view' ): string {
		return $this->total;
	}

	public function get_currency( $context = 'view' ): string {
		return $this->currency;
	}

	public function get_order_key( $context = 'view' ): string {
		return $this->order_key;
	}

	public function get_order_number(): string {
		return (string) $this->id;
	}

	public function get_billing_email( $context = 'view' ): string {
		return $this->billing['email'];
	}

	public function get_billing_company( $context = 'view' ): string {
		return $this->billing['company'] ?? '';
	}

	public function set_billing_company( $value ): void {
		$this->billing['company'] = (string) $value;
	}

	public function get_billing_phone( $context = 'view' ): string {
		return $this->billing['phone'];
	}

	public function get_billing_first_name( $context = 'view' ): string {
		return $this->billing['first_name'];
	}

	public function get_billing_last_name( $context = 'view' ): string {
		return $this->billing['last_name'];
	}

	public function get_checkout_order_received_url(): string {
		return 'https://shop.test/checkout/order-received/' . $this->id . '/?key=' . $this->order_key;
	}

	public function get_checkout_payment_url( $on_checkout = false ): string {
		return 'https://shop.test/checkout/order-pay/' . $this->id . '/?pay_for_order=true&key=' . $this->order_key;
	}

	public function get_total_refunded(): float {
		$sum = 0.0;
		foreach ( $this->refunds as $refund ) {
			$sum += (float) $refund['amount'];
		}
		return $sum;
	}

	public function get_remaining_refund_amount(): string {
		return wc_format_decimal( (float) $this->total - $this->get_total_refunded(), 2 );
	}

	/**
	 * Newest first, as WooCommerce.
	 *
	 * @return list<WC_Order_Refund>
	 */
	public function get_refunds(): array {
		return array_reverse( array_map( static fn ( array $record ): WC_Order_Refund => new WC_Order_Refund( $record ), $this->refunds ) );
	}

	public function get_id(): int {
		return $this->id;
	}

	public function get_status(): string {
		return $this->status;
	}

	public function has_status( $status ): bool {
		return in_array( $this->status, (array) $status, true );
	}

	public function set_status( string $new_status, string $note = '', bool $manual = false ): array {
		$new_status = str_starts_with( $new_status, 'wc-' ) ? substr( $new_status, 3 ) : $new_status;
		$from       = $this->transition['from'] ?? $this->status;
		if ( $new_status !== $this->status ) {
			$this->transition = array(
				'from'   => $from,
				'to'     => $new_status,
				'note'   => $note,
				'manual' => $manual,
			);
		}
		$this->status = $new_status;
		return array(
			'from' => $from,
			'to'   => $new_status,
		);
	}

	public function update_status( string $new_status, string $note = '', bool $manual = false ): bool {
		$this->set_status( $new_status, $note, $manual );
		$this->save();
		return true;
	}

	public function is_paid(): bool {
		return $this->has_status( array( 'processing', 'completed' ) );
	}

	public function payment_complete( $transaction_id = '' ): bool {
		$this->payment_complete_calls[] = (string) $transaction_id;
		if ( '' !== (string) $transaction_id ) {
			$this->set_transaction_id( (string) $transaction_id );
		}
		if ( $this->has_status( array( 'on-hold', 'pending', 'failed', 'cancelled' ) ) ) {
			$this->set_status( apply_filters( 'woocommerce_payment_complete_order_status', 'processing', $this->id, $this ) );
		}
		$this->save();
		return true;
	}

	public function add_order_note( string $note, $is_customer_note = 0, $added_by_user = false ): int {
		$this->notes[]      = $note;
		$this->note_flags[] = array( $note, (int) $is_customer_note, (bool) $added_by_user );
		return count( $this->notes );
	}

	public function get_meta( string $key = '', bool $single = true, string $context = 'view' ) {
		if ( ! array_key_exists( $key, $this->meta ) ) {
			return $single ? '' : array();
		}
		return $this->meta[ $key ];
	}

	public function meta_exists( string $key ): bool {
		return array_key_exists( $key, $this->meta );
	}

	public function update_meta_data( string $key, $value, $meta_id = 0 ): void {
		$this->meta[ $key ] = $value;
	}

	public function delete_meta_data( string $key ): void {
		unset( $this->meta[ $key ] );
	}

	public function get_payment_method( string $context = 'view' ): string {
		return $this->payment_method;
	}

	public function set_payment_method( string $method ): void {
		$this->payment_method = $method;
	}

	public function get_payment_method_title( string $context = 'view' ): string {
		return $this->payment_method_title;
	}

	public function set_payment_method_title( string $title ): void {
		$this->payment_method_title = $title;
	}

	public function get_customer_id( string $context = 'view' ): int {
		return $this->customer_id;
	}

	public function get_transaction_id( string $context = 'view' ): string {
		return $this->transaction_id;
	}

	public function set_transaction_id( string $transaction_id ): void {
		$this->transaction_id = $transaction_id;
	}

	/**
	 * As WC_Order::save(): persists, then runs the status transition (WC_Order::status_transition()):
	 * the transition is reset first (so a callback may change the status and save again), then
	 * `woocommerce_order_status_{to}` ($id, $order, $transition), the "Order status changed" note,
	 * `woocommerce_order_status_{from}_to_{to}` and `woocommerce_order_status_changed`.
	 */
	public function save(): int {
		++$this->save_count;
		$this->persist();
		$transition       = $this->transition;
		$this->transition = null;
		if ( null !== $transition ) {
			$this->status_changes[] = array( $transition['from'], $transition['to'] );
			do_action( 'woocommerce_order_status_' . $transition['to'], $this->id, $this, $transition );
			$this->notes[] = trim( $transition['note'] . ' Order status changed from ' . $transition['from'] . ' to ' . $transition['to'] . '.' );
			do_action( 'woocommerce_order_status_' . $transition['from'] . '_to_' . $transition['to'], $this->id, $this );
			do_action( 'woocommerce_order_status_changed', $this->id, $transition['from'], $transition['to'], $this, $transition );
		}
		return $this->id;
	}

	/**
	 * As WooCommerce: the order's edit screen (HPOS or posts).
	 */
	public function get_edit_order_url(): string {
		return RU_Payments_Test_State::$hpos
			? 'https://shop.test/wp-admin/admin.php?page=wc-orders&action=edit&id=' . $this->id
			: 'https://shop.test/wp-admin/post.php?post=' . $this->id . '&action=edit';
	}

	/**
	 * What a fresh wc_get_order() would read back: the state as of the last save().
	 */
	public function saved(): array {
		return $this->saved;
	}

	/**
	 * Everything observable, for "nothing changed" assertions.
	 */
	public function snapshot(): array {
		return array(
			'status'         => $this->status,
			'meta'           => $this->meta,
			'notes'          => $this->notes,
			'transaction_id' => $this->transaction_id,
			'status_changes' => $this->status_changes,
			'payment_calls'  => $this->payment_complete_calls,
			'save_count'     => $this->save_count,
		);
	}

	private function persist(): void {
		$this->saved = array(
			'status'         => $this->status,
			'meta'           => $this->meta,
			'transaction_id' => $this->transaction_id,
			'payment_method' => $this->payment_method,
		);
	}
}
