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
		add_action( 'template_redirect', array( $this, 'queue_for_blocks' ) );
	}

	/**
	 * The Checkout block has no hook inside its payment step, but shows the session's notices when
	 * it loads; its cart cannot change sellers on that page, so one notice at load is enough.
	 */
	public function queue_for_blocks(): void {
		if ( is_checkout() && has_block( 'woocommerce/checkout', wc_get_page_id( 'checkout' ) ) && $this->applies() ) {
			wc_add_notice( self::message(), 'notice' );
		}
	}

	private static function message(): string {
		return __( 'These products are sold by different sellers; please place separate orders.', 'ru-payments-for-woocommerce' );
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
			wc_print_notice( esc_html( self::message() ), 'notice' );
		}
	}
}
