<?php
/**
 * One-time admin notices about something the plugin did in an earlier request.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

defined( 'ABSPATH' ) || exit;

/**
 * A refused capture happens while WordPress saves the order, and the order screen is shown only
 * after a redirect; so the notice is kept in a transient for the user who caused it (user 0 — a
 * REST API or cron request — for any shop manager) and shown once, on the next admin page.
 */
final class AdminNotices {

	public const TRANSIENT_PREFIX = 'ru_payments_admin_notices_';
	public const TTL              = 86400;
	public const MAX              = 20;

	private const TYPES = array( 'error', 'warning', 'success', 'info' );

	public function register(): void {
		add_action( 'admin_notices', array( $this, 'render' ) );
	}

	/**
	 * Keeps a notice (plain text) for the current user's next admin page.
	 *
	 * @param string $message Plain text; escaped when shown.
	 * @param string $type    error, warning, success or info.
	 */
	public static function add( string $message, string $type = 'error' ): void {
		$key     = self::TRANSIENT_PREFIX . get_current_user_id();
		$notices = get_transient( $key );
		$notices = is_array( $notices ) ? $notices : array();

		$notices[] = array(
			'message' => $message,
			'type'    => in_array( $type, self::TYPES, true ) ? $type : 'error',
		);
		set_transient( $key, array_slice( $notices, -self::MAX ), self::TTL );
	}

	/**
	 * Hooked on `admin_notices`: prints and forgets the kept notices, for shop managers only.
	 */
	public function render(): void {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		foreach ( array_unique( array( get_current_user_id(), 0 ) ) as $user_id ) {
			$key     = self::TRANSIENT_PREFIX . $user_id;
			$notices = get_transient( $key );
			if ( ! is_array( $notices ) ) {
				continue;
			}
			delete_transient( $key );
			foreach ( $notices as $notice ) {
				if ( ! is_array( $notice ) || ! is_string( $notice['message'] ?? null ) ) {
					continue;
				}
				printf(
					'<div class="notice notice-%1$s is-dismissible ru-payments-notice"><p>%2$s</p></div>',
					esc_attr( in_array( $notice['type'] ?? '', self::TYPES, true ) ? $notice['type'] : 'error' ),
					esc_html( $notice['message'] )
				);
			}
		}
	}
}
