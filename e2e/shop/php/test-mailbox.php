<?php
/**
 * Plugin Name: RU Payments test mailbox
 * Description: Test stage only (never shipped). Records every wp_mail() as a JSON line in
 * RUP_TEST_MAILBOX instead of sending it, so tests can count e-mails per order; with the option
 * `rup_test_mail_sleep` set, each mail first waits that many seconds (reproduces a slow mailer
 * while the sidecar re-delivers an event).
 */

add_filter(
	'pre_wp_mail',
	static function ( $short_circuit, array $atts ) {
		$sleep = (int) get_option( 'rup_test_mail_sleep', 0 );
		if ( $sleep > 0 ) {
			sleep( $sleep );
		}
		if ( defined( 'RUP_TEST_MAILBOX' ) ) {
			$to   = is_array( $atts['to'] ) ? implode( ',', $atts['to'] ) : (string) $atts['to'];
			$line = wp_json_encode(
				array(
					'to'      => $to,
					'subject' => (string) $atts['subject'],
					'message' => (string) $atts['message'],
					'time'    => microtime( true ),
				)
			);
			file_put_contents( RUP_TEST_MAILBOX, $line . "\n", FILE_APPEND | LOCK_EX );
		}
		return true;
	},
	10,
	2
);
