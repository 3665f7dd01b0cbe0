<?php
/**
 * The contract's status → order mapping.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RuPayments\Orders\PaymentStatus;
use RuPayments\Orders\StatusApplier;
use WC_Order;

final class StatusApplierTest extends TestCase {

	/**
	 * status, order status before, expected action, expected order status after, payment_complete calls.
	 */
	public function mapping(): array {
		return array(
			'created: note only'                   => array( 'created', 'pending', 'note', 'pending', 0 ),
			'pending: note only'                   => array( 'pending', 'pending', 'note', 'pending', 0 ),
			'authorized → on-hold'                 => array( 'authorized', 'pending', 'on-hold', 'on-hold', 0 ),
			'paid → payment_complete'              => array( 'paid', 'pending', 'payment_complete', 'processing', 1 ),
			'paid after on-hold → payment_complete' => array( 'paid', 'on-hold', 'payment_complete', 'processing', 1 ),
			'paid when already paid: note only'    => array( 'paid', 'processing', 'note', 'processing', 0 ),
			'paid when completed: note only'       => array( 'paid', 'completed', 'note', 'completed', 0 ),
			'partially_refunded: note only'        => array( 'partially_refunded', 'processing', 'note', 'processing', 0 ),
			'refunded → refunded'                  => array( 'refunded', 'processing', 'refunded', 'refunded', 0 ),
			'refunded when refunded: note only'    => array( 'refunded', 'refunded', 'note', 'refunded', 0 ),
			'cancelled → cancelled'                => array( 'cancelled', 'pending', 'cancelled', 'cancelled', 0 ),
			'expired → cancelled'                  => array( 'expired', 'on-hold', 'cancelled', 'cancelled', 0 ),
			'failed → failed'                      => array( 'failed', 'pending', 'failed', 'failed', 0 ),
			'failed on a paid order: note only'    => array( 'failed', 'processing', 'note', 'processing', 0 ),
			'cancelled on a paid order: note only' => array( 'cancelled', 'completed', 'note', 'completed', 0 ),
		);
	}

	/**
	 * @dataProvider mapping
	 */
	public function test_status_mapping( string $status, string $before, string $action, string $after, int $payment_calls ): void {
		$order = new WC_Order( 7, $before );

		$taken = ( new StatusApplier() )->apply( $order, $status, 'toy', 'toy_42' );
		$order->save();

		$this->assertSame( $action, $taken );
		$this->assertSame( $after, $order->saved()['status'] );
		$this->assertCount( $payment_calls, $order->payment_complete_calls );
		$this->assertStringStartsWith( 'RU Payments: payment ' . PaymentStatus::label( $status ) . ' (provider toy, ID toy_42).', $order->notes[0] );
	}

	public function test_contract_table_covers_every_status(): void {
		$this->assertSame( PaymentStatus::ALL, array_keys( StatusApplier::MAP ) );
		$this->assertSame(
			array(
				'created'            => 'note',
				'pending'            => 'note',
				'authorized'         => 'on-hold',
				'paid'               => 'payment_complete',
				'partially_refunded' => 'note',
				'refunded'           => 'refunded',
				'cancelled'          => 'cancelled',
				'failed'             => 'failed',
				'expired'            => 'cancelled',
			),
			StatusApplier::MAP
		);
		$this->assertSame( 'note', StatusApplier::action_for( 'something-new' ) );
	}

	public function test_paid_passes_the_provider_payment_id_as_transaction_id(): void {
		$order = new WC_Order( 7 );

		( new StatusApplier() )->apply( $order, 'paid', 'toy', 'toy_42' );

		$this->assertSame( array( 'toy_42' ), $order->payment_complete_calls );
		$this->assertSame( 'toy_42', $order->get_transaction_id() );
	}

	public function test_authorized_records_the_transaction_id(): void {
		$order = new WC_Order( 7 );

		( new StatusApplier() )->apply( $order, 'authorized', 'toy', 'toy_42' );

		$this->assertSame( 'toy_42', $order->get_transaction_id() );
	}

	public function test_kept_status_on_a_paid_order_is_explained_in_the_note(): void {
		$order = new WC_Order( 7, 'processing' );

		( new StatusApplier() )->apply( $order, 'failed', 'toy', '' );

		$this->assertSame( 'RU Payments: payment failed (provider toy, ID —). The order is already paid, so its status was not changed.', $order->notes[0] );
	}
}
