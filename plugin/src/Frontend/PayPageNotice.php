<?php
/**
 * A declined or failed payment explained on the order's pay page.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Frontend;

use RuPayments\Orders\OrderMeta;

defined( 'ABSPATH' ) || exit;

/**
 * A provider sends a shopper who declined (or whose payment failed) to the order's pay page
 * (`fail_url`). WooCommerce shows that page with the payment methods and no word about what
 * happened, so the shopper cannot tell a refusal from a glitch. This prints why, above the form,
 * for orders with an RU Payments payment that is not paid: when the provider reported the failure,
 * or when the provider sent the shopper back through the fail URL (its event may still be on its
 * way).
 */
final class PayPageNotice {

	public const RETURN_ARG    = 'ru_payments_return';
	public const RETURN_FAILED = 'failed';

	public function register(): void {
		add_action( 'before_woocommerce_pay_form', array( $this, 'render' ), 10, 1 );
	}

	/**
	 * Where a provider sends the shopper back when the payment did not go through.
	 */
	public static function fail_url( \WC_Order $order ): string {
		return add_query_arg( self::RETURN_ARG, self::RETURN_FAILED, $order->get_checkout_payment_url() );
	}

	/**
	 * @param mixed $order The order being paid (WooCommerce passes a WC_Order).
	 */
	public function render( $order ): void {
		if ( ! $order instanceof \WC_Order || '' === OrderMeta::payment_id( $order ) ) {
			return;
		}
		$state = OrderState::of( $order );
		if ( OrderState::PAID === $state ) {
			return;
		}
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- a display hint from the provider's redirect; changes nothing.
		$returned = isset( $_GET[ self::RETURN_ARG ] ) && self::RETURN_FAILED === sanitize_key( wp_unslash( $_GET[ self::RETURN_ARG ] ) );
		if ( OrderState::FAILED !== $state && ! $returned ) {
			return;
		}
		wc_print_notice( esc_html( OrderState::message( OrderState::FAILED ) ), 'error' );
	}
}
