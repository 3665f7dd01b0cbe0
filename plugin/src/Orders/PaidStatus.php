<?php
/**
 * The per-gateway "paid order status" setting.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Orders;

use RuPayments\Gateways\FormFields;
use RuPayments\Gateways\GatewayOptions;

defined( 'ABSPATH' ) || exit;

/**
 * Hooked on WooCommerce's `woocommerce_payment_complete_order_status` filter, which
 * WC_Order::payment_complete() applies to choose the status of a paid order: StatusApplier's
 * payment_complete() moves the order straight to the configured status (one status change, one
 * set of e-mails) instead of WooCommerce's processing/completed default.
 */
final class PaidStatus {

	public function register(): void {
		add_filter( 'woocommerce_payment_complete_order_status', array( $this, 'filter' ), 10, 3 );
	}

	/**
	 * @param mixed $status   Status WooCommerce chose.
	 * @param mixed $order_id Order id.
	 * @param mixed $order    Order (WooCommerce 3.0+).
	 * @return mixed
	 */
	public function filter( $status, $order_id = 0, $order = null ) {
		if ( ! $order instanceof \WC_Order ) {
			$order = wc_get_order( $order_id );
		}
		if ( ! $order instanceof \WC_Order ) {
			return $status;
		}
		$configured = self::configured_for( (string) $order->get_payment_method() );
		return '' !== $configured ? $configured : $status;
	}

	/**
	 * The configured status for a gateway ('' = WooCommerce's default).
	 */
	public static function configured_for( string $gateway_id ): string {
		if ( ! GatewayOptions::is_ours( $gateway_id ) ) {
			return '';
		}
		$status = GatewayOptions::get( $gateway_id, 'paid_status' );
		return in_array( $status, FormFields::PAID_STATUSES, true ) ? $status : '';
	}
}
