<?php
/**
 * "Payment profile" on the product edit screen (General tab).
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Profiles\ProfileResolver;
use RuPayments\Profiles\Profiles;

defined( 'ABSPATH' ) || exit;

/**
 * Stores the product's profile as product meta `_ru_payments_profile` through the product CRUD
 * object (empty: the category's profile, or the payment method's). Variations use their parent's.
 * Saved on `woocommerce_admin_process_product_object`, which WooCommerce runs after checking the
 * product edit nonce and the edit capability.
 */
final class ProductProfileField {

	public function __construct( private readonly Profiles $profiles ) {
	}

	public function register(): void {
		add_action( 'woocommerce_product_options_general_product_data', array( $this, 'render' ) );
		add_action( 'woocommerce_admin_process_product_object', array( $this, 'save' ) );
	}

	public function render(): void {
		global $product_object;
		$value = $product_object instanceof \WC_Product ? (string) $product_object->get_meta( ProfileResolver::PRODUCT_META, true ) : '';
		echo '<div class="options_group">';
		woocommerce_wp_select(
			array(
				'id'          => ProfileResolver::PRODUCT_META,
				'label'       => __( 'Payment profile', 'ru-payments-for-woocommerce' ),
				'options'     => array( '' => __( 'From the category or the payment method', 'ru-payments-for-woocommerce' ) ) + $this->profiles->choices(),
				'value'       => $value,
				'desc_tip'    => true,
				'description' => __( 'The RU Payments provider settings (seller) this product is paid through. A cart with products of different profiles cannot be paid with RU Payments in one order.', 'ru-payments-for-woocommerce' ),
			)
		);
		echo '</div>';
	}

	/**
	 * @param mixed $product Product being saved.
	 */
	public function save( $product ): void {
		if ( ! $product instanceof \WC_Product || ! current_user_can( 'edit_product', $product->get_id() ) ) {
			return;
		}
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- WooCommerce verified woocommerce_meta_nonce before this action.
		$value = isset( $_POST[ ProfileResolver::PRODUCT_META ] ) ? sanitize_key( wp_unslash( $_POST[ ProfileResolver::PRODUCT_META ] ) ) : null;
		if ( null === $value ) {
			return;
		}
		if ( '' === $value ) {
			$product->delete_meta_data( ProfileResolver::PRODUCT_META );
		} elseif ( $this->profiles->exists( $value ) ) {
			$product->update_meta_data( ProfileResolver::PRODUCT_META, $value );
		}
	}
}
