<?php
/**
 * WooCommerce → Settings → RU Payments → Status.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Profiles\Profiles;
use RuPayments\Providers\ProviderConfigSaver;
use RuPayments\Providers\ProviderDirectory;
use RuPayments\Providers\ProviderFields;
use RuPayments\Providers\ProviderSettings;
use RuPayments\Rest\EventsController;

defined( 'ABSPATH' ) || exit;

/**
 * Shows what is known without calling the sidecar (settings per profile, the last event per
 * provider, the cached sidecar answer, the cached Dolyame certificate check); the sidecar is asked
 * only on demand ("Check the sidecar", "Send test callback", "Check the certificate", all admin-ajax
 * with nonce and capability checks).
 */
final class StatusSection {

	public const ID = 'status';

	public function __construct(
		private readonly Profiles $profiles,
		private readonly ProviderSettings $settings,
		private readonly ProviderDirectory $directory,
		private readonly ?DolyameCertificateBlock $certificate = null,
		private readonly ?DeadLettersBlock $dead_letters = null,
		private readonly ?BackgroundStatusBlock $background = null
	) {
	}

	public function output(): void {
		$GLOBALS['hide_save_button'] = true; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- WooCommerce's documented switch for settings screens without a form.
		$last_events = get_option( EventsController::OPTION_LAST_EVENT, array() );
		$last_events = is_array( $last_events ) ? $last_events : array();
		$fetched_at  = $this->directory->fetched_at();
		?>
		<h2><?php esc_html_e( 'Status', 'ru-payments-for-woocommerce' ); ?></h2>
		<table class="form-table">
			<tr>
				<th scope="row"><?php esc_html_e( 'Sidecar', 'ru-payments-for-woocommerce' ); ?></th>
				<td>
					<button type="button" class="button" id="ru-payments-sidecar-status"><?php esc_html_e( 'Check the sidecar', 'ru-payments-for-woocommerce' ); ?></button>
					<span id="ru-payments-sidecar-status-result" role="status" aria-live="polite" style="margin-left: 8px;"></span>
					<p class="description">
						<?php
						echo esc_html(
							$fetched_at
								? sprintf(
									/* translators: %s: date and time. */
									__( 'Provider states below were last read from the sidecar on %s.', 'ru-payments-for-woocommerce' ),
									wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $fetched_at )
								)
								: __( 'The sidecar has not been asked yet.', 'ru-payments-for-woocommerce' )
						);
						?>
					</p>
				</td>
			</tr>
		</table>
		<table class="widefat striped ru-payments-status-table">
			<thead>
				<tr>
					<th scope="col"><?php esc_html_e( 'Provider', 'ru-payments-for-woocommerce' ); ?></th>
					<th scope="col"><?php esc_html_e( 'Settings in WordPress', 'ru-payments-for-woocommerce' ); ?></th>
					<th scope="col"><?php esc_html_e( 'In the sidecar', 'ru-payments-for-woocommerce' ); ?></th>
					<th scope="col"><?php esc_html_e( 'Last callback', 'ru-payments-for-woocommerce' ); ?></th>
					<th scope="col"><?php esc_html_e( 'Test callback', 'ru-payments-for-woocommerce' ); ?></th>
				</tr>
			</thead>
			<tbody>
				<?php foreach ( ProviderFields::ids() as $provider ) : ?>
					<tr data-provider="<?php echo esc_attr( $provider ); ?>">
						<td><?php echo esc_html( ProviderFields::name( $provider ) ); ?></td>
						<td><?php echo esc_html( $this->settings_text( $provider ) ); ?></td>
						<td class="ru-payments-sidecar-state"><?php echo esc_html( self::sidecar_text( $this->directory->is_configured_in_sidecar( $provider ), $this->directory->config_error( $provider ) ) ); ?></td>
						<td>
							<?php
							echo esc_html(
								isset( $last_events[ $provider ] )
									? wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), (int) $last_events[ $provider ] )
									: __( 'never', 'ru-payments-for-woocommerce' )
							);
							?>
						</td>
						<td>
							<?php if ( count( $this->profiles->all() ) > 1 ) : ?>
								<select class="ru-payments-test-callback-profile" aria-label="<?php esc_attr_e( 'Profile', 'ru-payments-for-woocommerce' ); ?>">
									<?php foreach ( $this->profiles->choices() as $name => $label ) : ?>
										<option value="<?php echo esc_attr( $name ); ?>"><?php echo esc_html( $label ); ?></option>
									<?php endforeach; ?>
								</select>
							<?php endif; ?>
							<button type="button" class="button ru-payments-test-callback" data-provider="<?php echo esc_attr( $provider ); ?>"><?php esc_html_e( 'Send test callback', 'ru-payments-for-woocommerce' ); ?></button>
							<span class="ru-payments-test-callback-result" role="status" aria-live="polite"></span>
						</td>
					</tr>
				<?php endforeach; ?>
			</tbody>
		</table>
		<?php
		$this->background?->output();
		$this->dead_letters?->output();
		$this->certificate?->output();
	}

	/**
	 * "configured: default, seller2; not sent to the sidecar: seller2".
	 */
	private function settings_text( string $provider ): string {
		if ( ProviderFields::is_sidecar_only( $provider ) ) {
			return __( 'Configured in the sidecar only', 'ru-payments-for-woocommerce' );
		}
		$configured = array();
		$unsent     = array();
		foreach ( $this->profiles->all() as $profile ) {
			if ( $this->settings->is_configured( $provider, $profile ) ) {
				$configured[] = $profile;
			}
			if ( $this->settings->has_any( $provider, $profile ) && ! ProviderConfigSaver::is_synced( $provider, $profile ) ) {
				$unsent[] = $profile;
			}
		}
		$configured = implode( ', ', $configured );
		$unsent     = implode( ', ', $unsent );
		if ( '' !== $unsent ) {
			return '' !== $configured
				? sprintf(
					/* translators: 1: comma-separated profile names, 2: comma-separated profile names. */
					__( 'Configured: %1$s; not sent to the sidecar yet: %2$s', 'ru-payments-for-woocommerce' ),
					$configured,
					$unsent
				)
				: sprintf(
					/* translators: %s: comma-separated profile names. */
					__( 'Not configured; not sent to the sidecar yet: %s', 'ru-payments-for-woocommerce' ),
					$unsent
				);
		}
		return '' !== $configured
			? sprintf(
				/* translators: %s: comma-separated profile names. */
				__( 'Configured: %s', 'ru-payments-for-woocommerce' ),
				$configured
			)
			: __( 'Not configured', 'ru-payments-for-woocommerce' );
	}

	/**
	 * @param bool|null $configured   What the sidecar reported (null: not asked yet).
	 * @param string    $config_error The sidecar's reason for disabling the provider ('' when none).
	 */
	public static function sidecar_text( ?bool $configured, string $config_error = '' ): string {
		if ( '' !== $config_error ) {
			return sprintf(
				/* translators: %s: the sidecar's description of the problem, e.g. "Invalid configuration: providers.koshelek.storeId: Required". */
				__( 'disabled: the sidecar\'s configuration file has an error in this provider\'s settings, so the sidecar switched this provider off (the others keep working). Correct it and restart the sidecar. The sidecar says: %s', 'ru-payments-for-woocommerce' ),
				$config_error
			);
		}
		if ( null === $configured ) {
			return __( 'unknown (check the sidecar)', 'ru-payments-for-woocommerce' );
		}
		return $configured ? __( 'configured', 'ru-payments-for-woocommerce' ) : __( 'not configured', 'ru-payments-for-woocommerce' );
	}
}
