<?php
/**
 * What saving the provider settings tells the admin.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Providers\ProviderConfigSaver;
use RuPayments\Providers\ProviderFields;

defined( 'ABSPATH' ) || exit;

/**
 * Turns ProviderConfigSaver outcomes into WooCommerce settings messages, and keeps the field
 * errors of this request for the form.
 */
final class ProviderSaveReport {

	/**
	 * @var array<string,array<string,string>> Field errors of this request: provider => setting => message.
	 */
	private array $errors = array();

	public function __construct( private readonly TestConnectionHandler $explainer ) {
	}

	public function field_error( string $provider, string $key ): string {
		return $this->errors[ $provider ][ $key ] ?? '';
	}

	/**
	 * @param array{result: string, field?: string, error?: \WP_Error} $outcome Saver outcome.
	 */
	public function add( string $provider, string $profile, array $outcome ): void {
		$name = ProviderFields::name( $provider );
		switch ( $outcome['result'] ) {
			case ProviderConfigSaver::PUSHED:
				\WC_Admin_Settings::add_message(
					sprintf(
						/* translators: 1: provider name, 2: profile name. */
						__( '%1$s settings (profile %2$s) were saved and sent to the sidecar.', 'ru-payments-for-woocommerce' ),
						$name,
						$profile
					)
				);
				break;
			case ProviderConfigSaver::REFUSED:
				$field = (string) ( $outcome['field'] ?? '' );
				$label = (string) ( ProviderFields::fields( $provider )[ $field ]['label'] ?? $field );
				$data  = isset( $outcome['error'] ) ? (array) $outcome['error']->get_error_data() : array();
				$why   = (string) ( $data['sidecar_message'] ?? '' );
				$this->errors[ $provider ][ $field ] = '' !== $why ? $why : __( 'The sidecar did not accept this value.', 'ru-payments-for-woocommerce' );
				\WC_Admin_Settings::add_error(
					sprintf(
						/* translators: 1: provider name, 2: setting name, 3: explanation from the sidecar. */
						__( '%1$s: the sidecar refused the setting "%2$s" (%3$s). These settings were not saved.', 'ru-payments-for-woocommerce' ),
						$name,
						'' !== $label ? $label : __( 'unknown', 'ru-payments-for-woocommerce' ),
						$this->errors[ $provider ][ $field ]
					)
				);
				break;
			case ProviderConfigSaver::NOT_PUSHED:
				\WC_Admin_Settings::add_error(
					sprintf(
						/* translators: 1: provider name, 2: why the sidecar could not be reached. */
						__( '%1$s settings were saved here but could not be sent to the sidecar: %2$s They are sent again in the background; the Status screen shows how that goes.', 'ru-payments-for-woocommerce' ),
						$name,
						isset( $outcome['error'] ) ? $this->explainer->error_message( $outcome['error'] ) : ''
					)
				);
				break;
			case ProviderConfigSaver::BLOCKED:
				\WC_Admin_Settings::add_error(
					sprintf(
						/* translators: %s: provider name. */
						__( '%s: the sidecar address changed since the saved secrets were last sent, so nothing was sent. Enter this provider\'s secrets again, or confirm the new address above.', 'ru-payments-for-woocommerce' ),
						$name
					)
				);
				break;
		}
	}
}
