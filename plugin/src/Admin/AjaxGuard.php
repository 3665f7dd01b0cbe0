<?php
/**
 * The nonce and capability check every RU Payments admin-ajax action starts with.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

defined( 'ABSPATH' ) || exit;

/**
 * One place for the check, so no handler can forget half of it.
 */
final class AjaxGuard {

	/**
	 * Whether the request carries a valid nonce for `$action` (field `nonce`) from a user who may
	 * manage WooCommerce. When not, a JSON error (403) has been sent — wp_send_json_error() ends the
	 * request in WordPress — and the caller must stop.
	 */
	public static function allows( string $action ): bool {
		if ( ! check_ajax_referer( $action, 'nonce', false ) ) {
			wp_send_json_error( array( 'message' => __( 'Your session has expired. Reload the page and try again.', 'ru-payments-for-woocommerce' ) ), 403 );
			return false;
		}
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			wp_send_json_error( array( 'message' => __( 'You are not allowed to manage WooCommerce settings.', 'ru-payments-for-woocommerce' ) ), 403 );
			return false;
		}
		return true;
	}
}
