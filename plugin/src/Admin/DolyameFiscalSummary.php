<?php
/**
 * "Summary for the Dolyame manager" in the Dolyame provider settings.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Profiles\Profiles;
use RuPayments\Providers\ProviderFields;
use RuPayments\Sidecar\SidecarClient;

defined( 'ABSPATH' ) || exit;

/**
 * Dolyame sets up the shop's online till on its side, so the integration manager needs the
 * fiscalisation data the partner FAQ lists. The button asks the sidecar
 * (`GET /v1/providers/dolyame/fiscalization-summary?profile=…`) for them as one message and shows
 * it in a copyable text area, the fields still missing named above it. Answers
 * `{"success":bool,"data":{"message","text","missing":[{label,input}…],"complete","simulated"}}`.
 */
final class DolyameFiscalSummary {

	public const ACTION    = 'ru_payments_dolyame_fiscal_summary';
	public const BUTTON_ID = 'ru-payments-dolyame-fiscal-summary';
	public const SCRIPT    = 'ru-payments-admin-fiscal-summary';

	public function __construct(
		private readonly SidecarClient $client,
		private readonly Profiles $profiles,
		private readonly TestConnectionHandler $explainer,
		private readonly string $plugin_file,
		private readonly string $version
	) {
	}

	public function register(): void {
		add_action( 'wp_ajax_' . self::ACTION, array( $this, 'handle' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
	}

	/**
	 * The row under the Dolyame settings (ProvidersSection); the profile is the one being edited.
	 */
	public static function output_row( string $profile ): void {
		?>
		<tr>
			<th scope="row"><?php esc_html_e( 'Fiscalization summary', 'ru-payments-for-woocommerce' ); ?></th>
			<td>
				<button type="button" class="button" id="<?php echo esc_attr( self::BUTTON_ID ); ?>" data-profile="<?php echo esc_attr( $profile ); ?>"><?php esc_html_e( 'Summary for the Dolyame manager', 'ru-payments-for-woocommerce' ); ?></button>
				<span id="<?php echo esc_attr( self::BUTTON_ID . '-status' ); ?>" role="status" aria-live="polite" style="margin-left: 8px;"></span>
				<div id="<?php echo esc_attr( self::BUTTON_ID . '-missing' ); ?>"></div>
				<textarea id="<?php echo esc_attr( self::BUTTON_ID . '-text' ); ?>" class="large-text code" rows="10" readonly hidden aria-label="<?php esc_attr_e( 'Fiscalization summary', 'ru-payments-for-woocommerce' ); ?>"></textarea>
				<p class="description"><?php esc_html_e( 'Dolyame sets up receipts through your online cash register on its side. Save the settings above, press the button and send the text to your Dolyame integration manager. The cash-register service password and keys are not part of it: hand them over separately.', 'ru-payments-for-woocommerce' ); ?></p>
			</td>
		</tr>
		<?php
	}

	/**
	 * Loads the script on our settings tab only.
	 */
	public function enqueue( string $hook_suffix ): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Only decides whether to load a script.
		$tab = isset( $_GET['tab'] ) ? sanitize_key( wp_unslash( $_GET['tab'] ) ) : '';
		if ( 'woocommerce_page_wc-settings' !== $hook_suffix || SettingsPage::TAB !== $tab ) {
			return;
		}
		wp_enqueue_script( self::SCRIPT, plugins_url( 'assets/js/admin-fiscal-summary.js', $this->plugin_file ), array(), $this->version, array( 'in_footer' => true ) );
		wp_localize_script(
			self::SCRIPT,
			'ruPaymentsFiscalSummary',
			array(
				'ajaxUrl' => admin_url( 'admin-ajax.php' ),
				'action'  => self::ACTION,
				'nonce'   => wp_create_nonce( self::ACTION ),
				'i18n'    => array(
					'loading' => __( 'Asking the sidecar…', 'ru-payments-for-woocommerce' ),
					'missing' => __( 'Still missing (fill in and save, then press the button again):', 'ru-payments-for-woocommerce' ),
					'error'   => __( 'The request failed. Reload the page and try again.', 'ru-payments-for-woocommerce' ),
				),
			)
		);
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
		$answer = $this->client->dolyame_fiscalization_summary( $profile );
		if ( is_wp_error( $answer ) ) {
			$code = (string) ( ( (array) $answer->get_error_data() )['sidecar_code'] ?? '' );
			wp_send_json_error(
				array(
					'message' => 'provider_not_configured' === $code
						? __( 'Dolyame is not configured in the sidecar for this profile: save its settings above first.', 'ru-payments-for-woocommerce' )
						: $this->explainer->error_message( $answer ),
				)
			);
			return;
		}
		wp_send_json_success( self::summary( $answer ) );
	}

	/**
	 * The sidecar's answer as the script shows it: plain text only, missing fields by their label.
	 *
	 * @param array<string,mixed> $answer Sidecar answer.
	 * @return array<string,mixed>
	 */
	public static function summary( array $answer ): array {
		$labels = array();
		foreach ( (array) ( $answer['fields'] ?? array() ) as $field ) {
			if ( is_array( $field ) && is_string( $field['key'] ?? null ) ) {
				$labels[ $field['key'] ] = is_string( $field['label'] ?? null ) ? $field['label'] : $field['key'];
			}
		}
		// A missing field by the label of our own form field (so the admin finds it), and that
		// field's input id, which the script highlights.
		$form    = ProviderFields::fields( ProviderFields::DOLYAME );
		$missing = array();
		foreach ( array_filter( (array) ( $answer['missing'] ?? array() ), 'is_string' ) as $key ) {
			$setting   = 'fiscalization.' . $key;
			$missing[] = array(
				'label' => sanitize_text_field( isset( $form[ $setting ] ) ? (string) $form[ $setting ]['label'] : ( $labels[ $key ] ?? $key ) ),
				'input' => isset( $form[ $setting ] ) ? 'ru_payments_provider_' . ProviderFields::DOLYAME . '_' . str_replace( '.', '-', $setting ) : '',
			);
		}
		$complete = true === ( $answer['complete'] ?? null ) && array() === $missing;
		$message  = $complete
			? __( 'Ready: copy the text below and send it to your Dolyame integration manager.', 'ru-payments-for-woocommerce' )
			: __( 'Some data the Dolyame manager needs is missing; the text below names what is there.', 'ru-payments-for-woocommerce' );
		if ( true === ( $answer['simulated'] ?? null ) ) {
			$message .= ' ' . __( 'Dolyame is not configured for this profile: the sidecar answered from its simulator.', 'ru-payments-for-woocommerce' );
		}
		return array(
			'message'   => $message,
			'text'      => is_string( $answer['text'] ?? null ) ? sanitize_textarea_field( $answer['text'] ) : '',
			'missing'   => $missing,
			'complete'  => $complete,
			'simulated' => true === ( $answer['simulated'] ?? null ),
		);
	}
}
