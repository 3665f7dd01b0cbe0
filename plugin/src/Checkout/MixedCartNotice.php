<?php
/**
 * Tells classic-checkout shoppers why RU Payments methods are missing for a mixed cart.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Checkout;

use RuPayments\Gateways\Gateway;
use RuPayments\Profiles\ProfileResolver;

defined( 'ABSPATH' ) || exit;

/**
 * Hooked on `woocommerce_review_order_before_payment` (part of the payment fragment WooCommerce
 * refreshes whenever the order review updates).
 */
final class MixedCartNotice {

	/**
	 * @param \Closure():array<string,Gateway> $gateways Gateways by id.
	 * @param ProfileResolver                  $resolver Profile resolution.
	 */
	public function __construct( private readonly \Closure $gateways, private readonly ProfileResolver $resolver ) {
	}

	public function register(): void {
		add_action( 'woocommerce_review_order_before_payment', array( $this, 'render' ) );
	}

	/**
	 * Whether an enabled RU Payments method is hidden because the cart mixes sellers.
	 */
	public function applies(): bool {
		$profile = $this->resolver->for_cart();
		foreach ( ( $this->gateways )() as $gateway ) {
			if ( $gateway->is_enabled() && $profile->is_mixed( $gateway->fallback_profile() ) ) {
				return true;
			}
		}
		return false;
	}

	public function render(): void {
		if ( $this->applies() ) {
			wc_print_notice( esc_html__( 'These products are sold by different sellers; please place separate orders.', 'ru-payments-for-woocommerce' ), 'notice' );
		}
	}
}
