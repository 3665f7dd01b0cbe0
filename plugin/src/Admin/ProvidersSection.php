<?php
/**
 * WooCommerce → Settings → RU Payments → Providers.
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
use RuPayments\Settings\CallbackMode;

defined( 'ABSPATH' ) || exit;

/**
 * Provider credentials per profile, the callback URL to give each provider, and adding profiles.
 * Runs inside WooCommerce's settings form (nonce `woocommerce-settings`, checked by
 * WC_Admin_Settings::save() before `woocommerce_update_options_ru_payments`).
 */
final class ProvidersSection {

	public const ID          = 'providers';
	public const INPUT       = 'ru_payments_provider';
	public const PROFILE     = 'ru_payments_profile';
	public const NEW_PROFILE = 'ru_payments_new_profile';

	private readonly ProviderSaveReport $report;

	public function __construct(
		private readonly Profiles $profiles,
		private readonly ProviderSettings $settings,
		private readonly ProviderConfigSaver $saver,
		private readonly ProviderDirectory $directory,
		private readonly CallbackMode $callback_mode,
		TestConnectionHandler $explainer,
		private readonly ?DestinationConfirmation $confirmation = null
	) {
		$this->report = new ProviderSaveReport( $explainer );
	}

	/**
	 * When the callback mode changes, the notification addresses pushed to the sidecar change too.
	 */
	public function register(): void {
		add_action( 'add_option_' . CallbackMode::OPTION, array( $this, 'resend_after_mode_change' ) );
		add_action( 'update_option_' . CallbackMode::OPTION, array( $this, 'resend_after_mode_change' ) );
	}

	public function resend_after_mode_change(): void {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		$failed = $this->saver->resend_all( $this->profiles->all() );
		if ( $failed ) {
			\WC_Admin_Settings::add_error(
				sprintf(
					/* translators: %s: comma-separated provider names with their profiles. */
					__( 'The new callback mode could not be sent to the sidecar for: %s. Save those provider settings again once the sidecar is reachable.', 'ru-payments-for-woocommerce' ),
					implode( ', ', $failed )
				)
			);
		}
	}

	/**
	 * The profile being edited (from the request; `default` when unknown).
	 */
	public function current_profile(): string {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- selects what to display; saving is nonce-checked by WooCommerce.
		$profile = isset( $_REQUEST[ self::PROFILE ] ) ? sanitize_key( wp_unslash( $_REQUEST[ self::PROFILE ] ) ) : Profiles::DEFAULT;
		return $this->profiles->exists( $profile ) ? $profile : Profiles::DEFAULT;
	}

	public function save(): void {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		$this->confirmation?->save();
		$profile = $this->current_profile();
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- WC_Admin_Settings::save() checked the nonce.
		$posted = isset( $_POST[ self::INPUT ] ) && is_array( $_POST[ self::INPUT ] ) ? wp_unslash( $_POST[ self::INPUT ] ) : array();

		foreach ( ProviderFields::ids() as $provider ) {
			if ( ProviderFields::is_sidecar_only( $provider ) ) {
				continue;
			}
			$outcome = $this->saver->save( $provider, $profile, is_array( $posted[ $provider ] ?? null ) ? $posted[ $provider ] : array() );
			$this->report->add( $provider, $profile, $outcome );
		}

		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- see above.
		$new = isset( $_POST[ self::NEW_PROFILE ] ) ? trim( sanitize_text_field( wp_unslash( $_POST[ self::NEW_PROFILE ] ) ) ) : '';
		if ( '' !== $new ) {
			if ( $this->profiles->add( $new ) ) {
				\WC_Admin_Settings::add_message(
					sprintf(
						/* translators: %s: profile name. */
						__( 'Profile "%s" added. Choose it above to enter its provider settings.', 'ru-payments-for-woocommerce' ),
						$new
					)
				);
			} else {
				\WC_Admin_Settings::add_error( __( 'The profile was not added: use 1–32 lower-case Latin letters, digits, "-" or "_", and a name that is not taken yet.', 'ru-payments-for-woocommerce' ) );
			}
		}
		$this->directory->forget();
	}

	public function output(): void {
		$profile = $this->current_profile();
		$this->confirmation?->output();
		?>
		<h2><?php esc_html_e( 'Provider settings', 'ru-payments-for-woocommerce' ); ?></h2>
		<p><?php esc_html_e( 'Credentials are sent to the sidecar when you save; it stores them encrypted. Saved secrets are never shown again: leave a secret field empty to keep it.', 'ru-payments-for-woocommerce' ); ?></p>
		<p class="ru-payments-profiles">
			<strong><?php esc_html_e( 'Profile:', 'ru-payments-for-woocommerce' ); ?></strong>
			<?php foreach ( $this->profiles->choices() as $name => $label ) : ?>
				<?php if ( $name === $profile ) : ?>
					<strong>[<?php echo esc_html( $label ); ?>]</strong>
				<?php else : ?>
					<a href="<?php echo esc_url( add_query_arg( array( 'section' => self::ID, self::PROFILE => $name ), SettingsPage::url() ) ); ?>"><?php echo esc_html( $label ); ?></a>
				<?php endif; ?>
			<?php endforeach; ?>
			<input type="hidden" name="<?php echo esc_attr( self::PROFILE ); ?>" value="<?php echo esc_attr( $profile ); ?>" />
		</p>
		<?php
		foreach ( ProviderFields::ids() as $provider ) {
			$this->output_provider( $provider, $profile );
		}
		?>
		<h2><?php esc_html_e( 'Add a profile', 'ru-payments-for-woocommerce' ); ?></h2>
		<p><?php esc_html_e( 'A profile is a separate set of provider credentials, for example for a second seller. Products and product categories can name their profile.', 'ru-payments-for-woocommerce' ); ?></p>
		<table class="form-table">
			<tr>
				<th scope="row"><label for="<?php echo esc_attr( self::NEW_PROFILE ); ?>"><?php esc_html_e( 'New profile name', 'ru-payments-for-woocommerce' ); ?></label></th>
				<td>
					<input type="text" id="<?php echo esc_attr( self::NEW_PROFILE ); ?>" name="<?php echo esc_attr( self::NEW_PROFILE ); ?>" value="" pattern="[a-z0-9_\-]{1,32}" placeholder="seller2" />
					<p class="description"><?php esc_html_e( '1–32 lower-case Latin letters, digits, "-" or "_".', 'ru-payments-for-woocommerce' ); ?></p>
				</td>
			</tr>
		</table>
		<?php
	}

	private function output_provider( string $provider, string $profile ): void {
		$name = ProviderFields::name( $provider );
		?>
		<h3 id="ru-payments-provider-<?php echo esc_attr( $provider ); ?>"><?php echo esc_html( $name ); ?></h3>
		<table class="form-table">
			<?php if ( ProviderFields::is_sidecar_only( $provider ) ) : ?>
				<tr>
					<th scope="row"><?php esc_html_e( 'Settings', 'ru-payments-for-woocommerce' ); ?></th>
					<td><?php echo esc_html( self::sidecar_only_text( $this->directory->is_configured_in_sidecar( $provider ) ) ); ?></td>
				</tr>
			<?php else : ?>
				<?php
				$values = $this->settings->get( $provider, $profile );
				foreach ( ProviderFields::fields( $provider ) as $key => $field ) {
					$this->output_field( $provider, $key, $field, $values );
				}
				?>
			<?php endif; ?>
			<tr>
				<th scope="row"><label for="ru-payments-callback-url-<?php echo esc_attr( $provider ); ?>"><?php esc_html_e( 'Callback URL', 'ru-payments-for-woocommerce' ); ?></label></th>
				<td><?php $this->output_callback_url( $provider, $profile ); ?></td>
			</tr>
			<?php
			if ( ProviderFields::DOLYAME === $provider ) {
				DolyameFiscalSummary::output_row( $profile );
			}
			?>
		</table>
		<?php
	}

	/**
	 * One setting; secrets are write-only.
	 *
	 * @param array<string,mixed>  $field  Field definition.
	 * @param array<string,string> $values Saved values.
	 */
	private function output_field( string $provider, string $key, array $field, array $values ): void {
		$id    = 'ru_payments_provider_' . $provider . '_' . str_replace( '.', '-', $key );
		$name  = self::INPUT . '[' . $provider . '][' . $key . ']';
		$value = $values[ $key ] ?? '';
		$error = $this->report->field_error( $provider, $key );
		$when  = (array) ( $field['when'] ?? array() );
		?>
		<tr valign="top"
			<?php if ( $when ) : ?>
				data-ru-payments-when="<?php echo esc_attr( (string) wp_json_encode( $when ) ); ?>"
			<?php endif; ?>
		>
			<th scope="row" class="titledesc">
				<label for="<?php echo esc_attr( $id ); ?>"><?php echo esc_html( (string) $field['label'] ); ?><?php echo ! empty( $field['required'] ) ? ' *' : ''; ?></label>
			</th>
			<td class="forminp">
				<?php
				switch ( $field['type'] ) {
					case 'secret':
						$saved = '' !== $value;
						?>
						<input type="password" id="<?php echo esc_attr( $id ); ?>" name="<?php echo esc_attr( $name ); ?>" value="" autocomplete="new-password" spellcheck="false" style="min-width: 350px;"
							placeholder="<?php echo esc_attr( $saved ? __( '•••• saved', 'ru-payments-for-woocommerce' ) : '' ); ?>" />
						<?php
						break;
					case 'checkbox':
						?>
						<input type="checkbox" id="<?php echo esc_attr( $id ); ?>" name="<?php echo esc_attr( $name ); ?>" value="yes" <?php checked( 'yes', $value ); ?> />
						<?php
						break;
					case 'select':
						?>
						<select id="<?php echo esc_attr( $id ); ?>" name="<?php echo esc_attr( $name ); ?>" data-ru-payments-setting="<?php echo esc_attr( $key ); ?>">
							<?php foreach ( (array) $field['options'] as $option => $label ) : ?>
								<option value="<?php echo esc_attr( (string) $option ); ?>" <?php selected( (string) $option, $value ); ?>><?php echo esc_html( (string) $label ); ?></option>
							<?php endforeach; ?>
						</select>
						<?php
						break;
					default:
						?>
						<input type="<?php echo esc_attr( in_array( $field['type'], array( 'email', 'url' ), true ) ? $field['type'] : 'text' ); ?>" id="<?php echo esc_attr( $id ); ?>" name="<?php echo esc_attr( $name ); ?>" value="<?php echo esc_attr( $value ); ?>" style="min-width: 350px;" />
						<?php
				}
				if ( '' !== $error ) {
					echo '<p class="ru-payments-field-error" style="color:#d63638;">' . esc_html( $error ) . '</p>';
				}
				if ( ! empty( $field['description'] ) ) {
					echo '<p class="description">' . esc_html( (string) $field['description'] ) . '</p>';
				}
				?>
			</td>
		</tr>
		<?php
	}

	private function output_callback_url( string $provider, string $profile ): void {
		if ( ! $this->callback_mode->is_relay() && '' === $this->directory->callback_url( $provider ) ) {
			$this->directory->get_or_refresh();
		}
		$url = $this->callback_mode->url( $provider, $profile );
		if ( '' === $url ) {
			echo '<p>' . esc_html__( 'Not known yet: the sidecar has not reported a callback URL for this provider. Check the connection on the Status screen.', 'ru-payments-for-woocommerce' ) . '</p>';
			return;
		}
		?>
		<input type="text" id="ru-payments-callback-url-<?php echo esc_attr( $provider ); ?>" class="ru-payments-callback-url" value="<?php echo esc_attr( $url ); ?>" readonly="readonly" onfocus="this.select();" style="min-width: 450px;" />
		<p class="description">
			<?php
			echo esc_html(
				$this->callback_mode->is_relay()
					? __( 'Paste this address into the provider\'s dashboard as the notification (callback) URL. Notifications reach this site and are relayed to the sidecar.', 'ru-payments-for-woocommerce' )
					: __( 'Paste this address into the provider\'s dashboard as the notification (callback) URL. Notifications go straight to the sidecar.', 'ru-payments-for-woocommerce' )
			);
			?>
		</p>
		<?php
	}

	/**
	 * @param bool|null $configured What the sidecar reported (null: not asked yet).
	 */
	public static function sidecar_only_text( ?bool $configured ): string {
		if ( null === $configured ) {
			return __( 'Configured in the sidecar only. Run the check on the Status screen to see whether it is set up.', 'ru-payments-for-woocommerce' );
		}
		return $configured
			? __( 'Configured in the sidecar.', 'ru-payments-for-woocommerce' )
			: __( 'Not configured in the sidecar: set it up in the sidecar\'s configuration.', 'ru-payments-for-woocommerce' );
	}
}
