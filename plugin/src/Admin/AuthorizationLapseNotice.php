<?php
/**
 * Admin notice listing authorised payments that lapse within 24 hours.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Orders\LapsingAuthorizations;

defined( 'ABSPATH' ) || exit;

/**
 * On WooCommerce screens, shop managers see the on-hold orders whose authorisation lapses within
 * 24 hours (or has lapsed while the order still waits), with a link to each. The list comes from
 * LapsingAuthorizations (one order query per 15 minutes, no sidecar call).
 */
final class AuthorizationLapseNotice {

	/**
	 * @var null|callable():int
	 */
	private $clock;

	/**
	 * @param LapsingAuthorizations $lapsing The lapsing authorisations.
	 * @param null|callable():int   $clock   Clock (tests).
	 */
	public function __construct( private readonly LapsingAuthorizations $lapsing, ?callable $clock = null ) {
		$this->clock = $clock;
	}

	public function register(): void {
		add_action( 'admin_notices', array( $this, 'notice' ) );
	}

	/**
	 * Hooked on `admin_notices`.
	 */
	public function notice(): void {
		if ( ! current_user_can( 'manage_woocommerce' ) || ! self::is_woocommerce_screen() ) {
			return;
		}
		$orders = $this->lapsing->all();
		if ( array() === $orders ) {
			return;
		}
		$now   = $this->now();
		$items = '';
		foreach ( $orders as $entry ) {
			$deadline = (int) ( $entry['deadline'] ?? 0 );
			if ( $deadline <= $now ) {
				/* translators: 1: order number, 2: date and time. */
				$format = __( 'Order #%1$s: the authorisation lapsed on %2$s.', 'ru-payments-for-woocommerce' );
			} else {
				/* translators: 1: order number, 2: date and time. */
				$format = __( 'Order #%1$s: capture by %2$s.', 'ru-payments-for-woocommerce' );
			}
			$text  = sprintf( $format, (string) ( $entry['number'] ?? '' ), self::date( $deadline ) );
			$url   = (string) ( $entry['url'] ?? '' );
			$items .= '<li>' . ( '' !== $url ? '<a href="' . esc_url( $url ) . '">' . esc_html( $text ) . '</a>' : esc_html( $text ) ) . '</li>';
		}
		printf(
			'<div class="notice notice-warning ru-payments-lapsing-authorizations"><p><strong>%1$s</strong></p><ul>%2$s</ul><p>%3$s</p></div>',
			esc_html__( 'RU Payments: these authorised payments lapse within 24 hours unless you capture them.', 'ru-payments-for-woocommerce' ),
			$items, // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped item by item above.
			esc_html__( 'To capture, set the order to Processing or Completed, or choose "Capture payment (RU Payments)" in its order actions. A lapsed authorisation can no longer be captured: cancel the order.', 'ru-payments-for-woocommerce' )
		);
	}

	private static function date( int $timestamp ): string {
		return (string) wp_date( (string) get_option( 'date_format', 'Y-m-d' ) . ' ' . (string) get_option( 'time_format', 'H:i' ), $timestamp );
	}

	/**
	 * Whether the current admin screen is one of WooCommerce's.
	 */
	private static function is_woocommerce_screen(): bool {
		$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		$id     = is_object( $screen ) && isset( $screen->id ) ? (string) $screen->id : '';
		return '' !== $id && function_exists( 'wc_get_screen_ids' ) && in_array( $id, (array) wc_get_screen_ids(), true );
	}

	private function now(): int {
		return null === $this->clock ? time() : (int) ( $this->clock )();
	}
}
