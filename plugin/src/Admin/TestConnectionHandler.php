<?php
/**
 * admin-ajax handler behind the "Test connection" button.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Settings\SidecarSettings;
use RuPayments\Sidecar\SidecarClient;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Calls GET /v1/readyz with the saved settings and answers a translated, admin-oriented message.
 */
final class TestConnectionHandler {

	public const ACTION = 'ru_payments_test_connection';

	public function __construct(
		private readonly SidecarClient $client,
		private readonly SidecarSettings $settings
	) {
	}

	public function register(): void {
		add_action( 'wp_ajax_' . self::ACTION, array( $this, 'handle' ) );
	}

	/**
	 * Sends JSON and exits (wp_send_json_*): `{"success":bool,"data":{"message":…}}`.
	 */
	public function handle(): void {
		if ( ! AjaxGuard::allows( self::ACTION ) ) {
			return;
		}

		$result = $this->client->ready();
		if ( is_wp_error( $result ) ) {
			wp_send_json_error( array( 'message' => $this->error_message( $result ) ) );
		}
		if ( true !== ( $result['ok'] ?? null ) ) {
			wp_send_json_error( array( 'message' => __( 'The sidecar answered but is not ready. Check its logs.', 'ru-payments-for-woocommerce' ) ) );
		}

		$version   = is_string( $result['version'] ?? null ) ? $result['version'] : '?';
		$providers = array_values( array_filter( (array) ( $result['providers'] ?? array() ), 'is_string' ) );
		wp_send_json_success(
			array(
				'message'   => sprintf(
					/* translators: 1: sidecar version, 2: comma-separated provider ids. */
					__( 'Connected. Sidecar version %1$s, providers: %2$s.', 'ru-payments-for-woocommerce' ),
					$version,
					$providers ? implode( ', ', $providers ) : __( 'none', 'ru-payments-for-woocommerce' )
				),
				'version'   => $version,
				'providers' => $providers,
			)
		);
	}

	/**
	 * Explains a SidecarClient error to the shop manager (never includes the secret).
	 */
	public function error_message( WP_Error $error ): string {
		$data   = (array) $error->get_error_data();
		$status = (int) ( $data['status'] ?? 0 );
		switch ( $error->get_error_code() ) {
			case 'ru_payments_not_configured':
				return __( 'Enter the sidecar URL and a shared secret of at least 32 characters, then save the settings.', 'ru-payments-for-woocommerce' );
			case 'ru_payments_unreachable':
				return sprintf(
					/* translators: 1: sidecar URL, 2: error from the HTTP library. */
					__( 'Could not reach the sidecar at %1$s: %2$s', 'ru-payments-for-woocommerce' ),
					$this->settings->url(),
					(string) ( $data['detail'] ?? '' )
				);
			case 'ru_payments_unauthorized':
				return __( 'The sidecar rejected the request signature. Make sure the shared secret is the same here and in the sidecar, and that both servers have the correct time.', 'ru-payments-for-woocommerce' );
			case 'ru_payments_bad_response':
				return sprintf(
					/* translators: %d: HTTP status code. */
					__( 'The address answered HTTP %d but not like the sidecar. Check the sidecar URL.', 'ru-payments-for-woocommerce' ),
					$status
				);
			default:
				return sprintf(
					/* translators: 1: HTTP status code, 2: error message from the sidecar. */
					__( 'The sidecar answered HTTP %1$d: %2$s', 'ru-payments-for-woocommerce' ),
					$status,
					(string) ( $data['sidecar_message'] ?? $data['sidecar_code'] ?? __( 'unknown error', 'ru-payments-for-woocommerce' ) )
				);
		}
	}
}
