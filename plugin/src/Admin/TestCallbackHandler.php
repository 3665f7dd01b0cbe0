<?php
/**
 * admin-ajax handler behind the "Send test callback" buttons.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Profiles\Profiles;
use RuPayments\Providers\ProviderFields;
use RuPayments\Settings\CallbackMode;
use RuPayments\Settings\CallbackUrls;
use RuPayments\Sidecar\SidecarClient;

defined( 'ABSPATH' ) || exit;

/**
 * Asks the sidecar to send the provider's documented test notification
 * (`POST /v1/providers/<id>/test-callback`): to this site's relay URL in relay mode, to the sidecar's
 * own callback URL in direct mode. Answers `{"success":bool,"data":{"message":…}}`.
 */
final class TestCallbackHandler {

	public const ACTION = 'ru_payments_test_callback';

	public function __construct(
		private readonly SidecarClient $client,
		private readonly CallbackMode $mode,
		private readonly Profiles $profiles,
		private readonly TestConnectionHandler $explainer
	) {
	}

	public function register(): void {
		add_action( 'wp_ajax_' . self::ACTION, array( $this, 'handle' ) );
	}

	public function handle(): void {
		if ( ! AjaxGuard::allows( self::ACTION ) ) {
			return;
		}

		$provider = isset( $_POST['provider'] ) ? sanitize_key( wp_unslash( $_POST['provider'] ) ) : '';
		$profile  = isset( $_POST['profile'] ) ? sanitize_key( wp_unslash( $_POST['profile'] ) ) : Profiles::DEFAULT;
		if ( ! ProviderFields::exists( $provider ) || ! $this->profiles->exists( $profile ) ) {
			wp_send_json_error( array( 'message' => __( 'Unknown provider or profile.', 'ru-payments-for-woocommerce' ) ), 400 );
		}

		$url    = $this->mode->is_relay() ? CallbackUrls::relay_url( $provider, $profile ) : null;
		$answer = $this->client->test_callback( $provider, $profile, $url );
		if ( is_wp_error( $answer ) ) {
			wp_send_json_error( array( 'message' => $this->explainer->error_message( $answer ) ) );
		}

		$status = (int) ( $answer['status'] ?? 0 );
		if ( true === ( $answer['ok'] ?? null ) ) {
			wp_send_json_success(
				array(
					'message' => sprintf(
						/* translators: %d: HTTP status code. */
						__( 'OK: the test notification was delivered and accepted (HTTP %d).', 'ru-payments-for-woocommerce' ),
						$status
					),
				)
			);
		}
		$body = is_string( $answer['body'] ?? null ) ? mb_substr( sanitize_text_field( $answer['body'] ), 0, 200 ) : '';
		wp_send_json_error(
			array(
				'message' => sprintf(
					/* translators: 1: HTTP status code, 2: start of the answer. */
					__( 'The test notification was not accepted (HTTP %1$d): %2$s', 'ru-payments-for-woocommerce' ),
					$status,
					'' !== $body ? $body : __( 'empty answer', 'ru-payments-for-woocommerce' )
				),
			)
		);
	}
}
