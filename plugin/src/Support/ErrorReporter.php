<?php
/**
 * E-mails the shop's error-report address about payment problems.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Support;

defined( 'ABSPATH' ) || exit;

/**
 * Sends short, non-secret descriptions (order number, provider, error code — never credentials or
 * raw provider answers) with wp_mail(), at most one message per address and problem every 10
 * minutes, so an outage does not flood the mailbox.
 */
final class ErrorReporter {

	public const THROTTLE_SECONDS = 600;

	/** Throttle transients: one per recipient and kind of problem. */
	public const TRANSIENT_PREFIX = 'ru_payments_mail_';

	public function __construct( private readonly Logger $logger ) {
	}

	/**
	 * @param string $to           Recipient ('' or an invalid address: nothing is sent).
	 * @param string $subject      Subject without the site name.
	 * @param string $message      Plain-text description.
	 * @param string $throttle_key Identifies the kind of problem.
	 * @return bool Whether a message was handed to wp_mail().
	 */
	public function send( string $to, string $subject, string $message, string $throttle_key ): bool {
		$to = trim( $to );
		if ( '' === $to || ! is_email( $to ) ) {
			return false;
		}
		$transient = self::TRANSIENT_PREFIX . md5( strtolower( $to ) . '|' . $throttle_key );
		if ( false !== get_transient( $transient ) ) {
			return false;
		}
		set_transient( $transient, 1, self::THROTTLE_SECONDS );

		$site = wp_specialchars_decode( (string) get_option( 'blogname' ), ENT_QUOTES );
		$body = $message . "\n\n" . __( 'Details are in WooCommerce → Status → Logs (source "ru-payments").', 'ru-payments-for-woocommerce' );
		$sent = wp_mail( $to, sprintf( '[%s] %s', $site, $subject ), $body );
		if ( ! $sent ) {
			$this->logger->warning( 'The error report e-mail could not be sent.' );
		}
		return (bool) $sent;
	}
}
