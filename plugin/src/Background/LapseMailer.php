<?php
/**
 * E-mails the admin about two-stage authorisations close to lapsing, on a schedule.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Background;

use RuPayments\Orders\LapsingAuthorizations;

defined( 'ABSPATH' ) || exit;

/**
 * Hourly: the authorisations that lapse within 24 hours (LapsingAuthorizations, the same list as
 * the admin notice) that were not reported yet go into one e-mail to the site admin. Each order is
 * reported once per authorisation (`_ru_payments_lapse_mailed` = the deadline mailed about).
 */
final class LapseMailer {

	public const HOOK      = 'ru_payments_check_lapsing_authorizations';
	public const RUN_EVERY = 3600;
	public const META      = '_ru_payments_lapse_mailed';

	public function __construct( private readonly LapsingAuthorizations $lapsing ) {
	}

	public function register(): void {
		add_action( self::HOOK, array( $this, 'run' ) );
	}

	/**
	 * Returns how many orders were reported.
	 */
	public function run(): int {
		LapsingAuthorizations::forget();
		$lines  = array();
		$orders = array();
		foreach ( $this->lapsing->all() as $entry ) {
			$order    = wc_get_order( (int) ( $entry['id'] ?? 0 ) );
			$deadline = (int) ( $entry['deadline'] ?? 0 );
			if ( ! $order instanceof \WC_Order || (int) $order->get_meta( self::META, true ) === $deadline ) {
				continue;
			}
			$lines[]  = sprintf(
				/* translators: 1: order number, 2: date and time, 3: order edit URL. */
				__( 'Order #%1$s: capture by %2$s — %3$s', 'ru-payments-for-woocommerce' ),
				$order->get_order_number(),
				(string) wp_date( (string) get_option( 'date_format', 'Y-m-d' ) . ' ' . (string) get_option( 'time_format', 'H:i' ), $deadline ),
				$order->get_edit_order_url()
			);
			$orders[] = array( $order, $deadline );
		}
		if ( array() === $orders ) {
			return 0;
		}
		$sent = wp_mail(
			(string) get_option( 'admin_email' ),
			__( '[RU Payments] Authorised payments lapse within 24 hours', 'ru-payments-for-woocommerce' ),
			__( 'These authorised payments lapse within 24 hours unless you capture them:', 'ru-payments-for-woocommerce' ) . "\n\n"
				. implode( "\n", $lines ) . "\n\n"
				. __( 'To capture, set the order to Processing or Completed, or choose "Capture payment (RU Payments)" in its order actions. A lapsed authorisation can no longer be captured: cancel the order.', 'ru-payments-for-woocommerce' )
		);
		if ( ! $sent ) {
			return 0;
		}
		foreach ( $orders as [ $order, $deadline ] ) {
			$order->update_meta_data( self::META, $deadline );
			$order->save_meta_data();
		}
		return count( $orders );
	}
}
