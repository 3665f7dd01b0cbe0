<?php
/**
 * Suggested privacy-policy text (Settings → Privacy → Policy guide).
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Privacy;

defined( 'ABSPATH' ) || exit;

/**
 * What the shop owner may tell shoppers about the payment data this plugin handles.
 */
final class PrivacyPolicy {

	public function register(): void {
		add_action( 'admin_init', array( $this, 'add_content' ) );
	}

	public function add_content(): void {
		if ( ! function_exists( 'wp_add_privacy_policy_content' ) ) {
			return;
		}
		wp_add_privacy_policy_content( __( 'RU Payments for WooCommerce', 'ru-payments-for-woocommerce' ), wp_kses_post( wpautop( $this->text(), false ) ) );
	}

	public function text(): string {
		$paragraphs = array(
			__( 'When you pay for an order with one of the RU Payments methods (card, SBP or online banking, payment by invoice, Dolyame, «Плати частями», PayLate), the order number, its amount and items, and your e-mail address, phone number and name are sent to our payment service (the RU Payments sidecar, run by us) and from there to the payment provider that handles the payment: Invoicebox, Dolyame (T-Bank), Sber, IntellectMoney or Koshelek. The provider processes them under its own privacy policy.', 'ru-payments-for-woocommerce' ),
			__( 'When a company or sole trader pays by invoice, we also store the company name, INN, KPP and legal address with the order and pass them to the provider for the invoice.', 'ru-payments-for-woocommerce' ),
			__( 'We keep the payment references the provider returns (payment ids, attempts and refunds) with the order for as long as we keep the order, to confirm payments and make refunds. You can ask us for a copy of these details or for their removal; details needed for accounting or refunds may be kept as the law requires.', 'ru-payments-for-woocommerce' ),
		);
		return implode( "\n\n", $paragraphs );
	}
}
