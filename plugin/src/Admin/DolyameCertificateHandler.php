<?php
/**
 * admin-ajax handler behind "Check the certificate" (Dolyame) on the Status screen.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Profiles\Profiles;
use RuPayments\Providers\DolyameCertificate;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Asks `GET /v1/providers/dolyame/certificate?profile=…` for one profile (the answer is cached for
 * 12 hours) and answers `{"success":bool,"data":{"message","profile","html"}}`, `html` being the
 * profile's block as DolyameCertificateBlock prints it.
 */
final class DolyameCertificateHandler {

	public const ACTION = 'ru_payments_dolyame_certificate';

	public function __construct(
		private readonly DolyameCertificate $certificate,
		private readonly DolyameCertificateBlock $block,
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
		$profile = isset( $_POST['profile'] ) ? sanitize_key( wp_unslash( $_POST['profile'] ) ) : Profiles::DEFAULT;
		if ( ! $this->profiles->exists( $profile ) ) {
			wp_send_json_error( array( 'message' => __( 'Unknown provider or profile.', 'ru-payments-for-woocommerce' ) ), 400 );
			return;
		}

		$entry = $this->certificate->refresh( $profile );
		if ( is_wp_error( $entry ) ) {
			wp_send_json_error( array( 'message' => $this->error_message( $entry ) ) );
			return;
		}
		wp_send_json_success(
			array(
				'message' => __( 'Checked.', 'ru-payments-for-woocommerce' ),
				'profile' => $profile,
				'html'    => $this->block->result_html( $profile, $entry ),
			)
		);
	}

	private function error_message( WP_Error $error ): string {
		$data = (array) $error->get_error_data();
		switch ( (string) ( $data['sidecar_code'] ?? '' ) ) {
			case 'provider_not_configured':
				return __( 'Dolyame is not configured in the sidecar for this profile: save its settings under Providers first.', 'ru-payments-for-woocommerce' );
			case 'certificate_unreadable':
				return sprintf(
					/* translators: %s: reason given by the sidecar. */
					__( 'The sidecar cannot read the certificate files: %s', 'ru-payments-for-woocommerce' ),
					sanitize_text_field( (string) ( $data['sidecar_message'] ?? '' ) )
				);
			default:
				return $this->explainer->error_message( $error );
		}
	}
}
