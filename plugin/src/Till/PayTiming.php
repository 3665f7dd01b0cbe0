<?php
/**
 * Where the time from the cashier's "Pay" to the provider goes.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

defined( 'ABSPATH' ) || exit;

/**
 * Unix times (float) kept on the order for the real-shop run, which prints them beside the 0.5 s
 * goal: "Pay" in the browser, the request reaching PHP, WordPress booted (the route's handler
 * runs), the order ready; the provider's receipt time comes from the simulator.
 */
final class PayTiming {

	/**
	 * @param mixed $pressed The browser's "Pay" time (seconds) as the till sent it.
	 */
	public static function record( \WC_Order $order, mixed $pressed, float $handler ): void {
		$order->update_meta_data(
			TillMeta::TIMING,
			array(
				'pressed'       => is_numeric( $pressed ) ? (float) $pressed : 0.0,
				'request'       => (float) ( $_SERVER['REQUEST_TIME_FLOAT'] ?? 0 ), // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- a number set by PHP.
				'handler'       => $handler,
				'order_created' => microtime( true ),
			)
		);
	}
}
