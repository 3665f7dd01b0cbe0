<?php
/**
 * Test double of WC_Order_Refund: what WC_Order::get_refunds() returns. As in WooCommerce, its
 * line items are copies of the order's lines with negative quantities, totals and taxes (zero
 * quantity when only an amount of the line was refunded).
 *
 * @package RuPayments\Tests
 */

class WC_Order_Refund {

	/**
	 * @param array{id: int, amount: string, reason: string, refunded_payment: bool, items?: list<WC_Order_Item>} $record The order double's refund record.
	 */
	public function __construct( private readonly array $record ) {
	}

	public function get_id(): int {
		return (int) $this->record['id'];
	}

	public function get_amount( $context = 'view' ): string {
		return (string) $this->record['amount'];
	}

	public function get_reason( $context = 'view' ): string {
		return (string) $this->record['reason'];
	}

	public function get_refunded_payment( $context = 'view' ): bool {
		return (bool) $this->record['refunded_payment'];
	}

	/**
	 * @param string|list<string> $types Item types.
	 * @return list<WC_Order_Item>
	 */
	public function get_items( $types = 'line_item' ): array {
		return array_values( array_filter( $this->record['items'] ?? array(), static fn ( WC_Order_Item $item ): bool => in_array( $item->get_type(), (array) $types, true ) ) );
	}
}
