<?php
/**
 * Confirming that the saved provider secrets may go to a new sidecar address.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Profiles\Profiles;
use RuPayments\Providers\ProviderConfigSaver;
use RuPayments\Providers\ProviderFields;
use RuPayments\Providers\ProviderSettings;
use RuPayments\Settings\SecretsDestination;

defined( 'ABSPATH' ) || exit;

/**
 * On the Providers screen, after the sidecar URL changed: a warning naming the old and the new
 * host, and a checkbox that (saved by an administrator) sends every saved provider setting to
 * the new sidecar. Runs inside WooCommerce's nonce-checked settings form.
 */
final class DestinationConfirmation {

	public const INPUT = 'ru_payments_confirm_destination';

	public function __construct(
		private readonly SecretsDestination $destination,
		private readonly ProviderSettings $settings,
		private readonly ProviderConfigSaver $saver,
		private readonly Profiles $profiles
	) {
	}

	/**
	 * Whether saved secrets wait for a confirmation.
	 */
	public function is_needed(): bool {
		if ( $this->destination->is_trusted() ) {
			return false;
		}
		foreach ( ProviderFields::ids() as $provider ) {
			foreach ( $this->profiles->all() as $profile ) {
				if ( $this->settings->has_any( $provider, $profile ) ) {
					return true;
				}
			}
		}
		return false;
	}

	public function output(): void {
		if ( ! $this->is_needed() ) {
			return;
		}
		$new = (string) wp_parse_url( $this->destination->current(), PHP_URL_HOST );
		?>
		<div class="notice notice-warning inline ru-payments-destination">
			<p>
				<?php
				echo esc_html(
					sprintf(
						/* translators: 1: previous sidecar host, 2: new sidecar host. */
						__( 'The sidecar address changed from %1$s to %2$s. The saved provider secrets are not sent to the new address until you confirm it (or enter them again).', 'ru-payments-for-woocommerce' ),
						$this->destination->previous_host(),
						$new
					)
				);
				?>
			</p>
			<?php if ( current_user_can( 'manage_options' ) ) : ?>
				<p><label>
					<input type="checkbox" name="<?php echo esc_attr( self::INPUT ); ?>" value="1" />
					<?php
					echo esc_html(
						sprintf(
							/* translators: %s: new sidecar host. */
							__( 'Send all saved provider settings, secrets included, to the sidecar at %s when I save', 'ru-payments-for-woocommerce' ),
							$new
						)
					);
					?>
				</label></p>
			<?php endif; ?>
		</div>
		<?php
	}

	/**
	 * Hooked before the provider settings are saved.
	 */
	public function save(): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- WC_Admin_Settings::save() checked the nonce.
		if ( empty( $_POST[ self::INPUT ] ) || ! current_user_can( 'manage_options' ) || ! $this->is_needed() ) {
			return;
		}
		$this->destination->trust_current();
		$failed = $this->saver->resend_all( $this->profiles->all() );
		if ( $failed ) {
			\WC_Admin_Settings::add_error(
				sprintf(
					/* translators: %s: comma-separated provider names with their profiles. */
					__( 'These provider settings could not be sent to the new sidecar: %s. They are sent again in the background.', 'ru-payments-for-woocommerce' ),
					implode( ', ', $failed )
				)
			);
		} else {
			\WC_Admin_Settings::add_message( __( 'The saved provider settings were sent to the new sidecar.', 'ru-payments-for-woocommerce' ) );
		}
	}
}
