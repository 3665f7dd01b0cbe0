<?php
/**
 * admin-ajax handler behind "Check the sidecar" on the Status screen.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Providers\ProviderDirectory;
use RuPayments\Providers\ProviderFields;
use RuPayments\Sidecar\SidecarClient;

defined( 'ABSPATH' ) || exit;

/**
 * Asks GET /v1/readyz and GET /v1/providers (refreshing the cached provider list) and answers
 * `{"success":bool,"data":{"message":…,"providers":{id: text}}}`.
 */
final class SidecarStatusHandler {

	public const ACTION = 'ru_payments_sidecar_status';

	public function __construct(
		private readonly SidecarClient $client,
		private readonly ProviderDirectory $directory,
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

		$ready = $this->client->ready();
		if ( is_wp_error( $ready ) ) {
			wp_send_json_error( array( 'message' => $this->explainer->error_message( $ready ) ) );
		}
		$providers = $this->directory->refresh();
		if ( is_wp_error( $providers ) ) {
			wp_send_json_error( array( 'message' => $this->explainer->error_message( $providers ) ) );
		}

		$states = array();
		foreach ( ProviderFields::ids() as $id ) {
			$states[ $id ] = StatusSection::sidecar_text( isset( $providers[ $id ] ) ? (bool) $providers[ $id ]['configured'] : false, (string) ( $providers[ $id ]['config_error'] ?? '' ) );
		}
		wp_send_json_success(
			array(
				'message'   => sprintf(
					/* translators: %s: sidecar version. */
					__( 'The sidecar is reachable (version %s).', 'ru-payments-for-woocommerce' ),
					is_string( $ready['version'] ?? null ) ? $ready['version'] : '?'
				),
				'providers' => $states,
			)
		);
	}
}
