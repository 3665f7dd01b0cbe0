<?php
/**
 * The write-only shared-secret field of the connection settings.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Settings\SidecarSettings;
use RuPayments\Signing\RequestSigner;

defined( 'ABSPATH' ) || exit;

/**
 * The stored secret is never printed, only whether one is saved; an empty submission keeps it.
 * When wp-config.php defines RU_PAYMENTS_SIDECAR_SECRET the field only says so.
 */
final class SecretField {

	public function __construct( private readonly SidecarSettings $settings ) {
	}

	/**
	 * WooCommerce's sanitize filter for the option (null = skip saving).
	 *
	 * @param mixed $value     Value cleaned by WooCommerce.
	 * @param array $option    Field definition.
	 * @param mixed $raw_value Unslashed submitted value.
	 * @return string|null
	 */
	public function keep_secret_when_empty( $value, $option = array(), $raw_value = null ): ?string {
		$raw = is_string( $raw_value ) ? trim( $raw_value ) : '';
		return '' === $raw || null !== SidecarSettings::secret_from_constant() ? null : $raw;
	}

	/**
	 * @param array<string,mixed> $field Field definition.
	 */
	public function render( array $field ): void {
		$saved    = $this->settings->has_secret();
		$constant = null !== SidecarSettings::secret_from_constant();
		$id       = (string) $field['id'];
		?>
		<tr valign="top">
			<th scope="row" class="titledesc">
				<label for="<?php echo esc_attr( $id ); ?>"><?php echo esc_html( (string) $field['title'] ); ?></label>
			</th>
			<td class="forminp forminp-password">
				<input
					name="<?php echo esc_attr( $id ); ?>"
					id="<?php echo esc_attr( $id ); ?>"
					type="password"
					value=""
					autocomplete="new-password"
					spellcheck="false"
					style="min-width: 350px;"
					<?php disabled( $constant ); ?>
					placeholder="<?php echo esc_attr( $saved ? __( '•••••••• saved', 'ru-payments-for-woocommerce' ) : '' ); ?>"
				/>
				<p class="description">
					<?php
					if ( $constant ) {
						echo esc_html__( 'Set in wp-config.php (RU_PAYMENTS_SIDECAR_SECRET); change it there.', 'ru-payments-for-woocommerce' );
					} else {
						echo esc_html(
							sprintf(
								/* translators: %d: minimum number of characters. */
								__( 'The same secret as in the sidecar, at least %d characters.', 'ru-payments-for-woocommerce' ),
								RequestSigner::MIN_SECRET_LENGTH
							)
						);
						if ( $saved ) {
							echo ' ' . esc_html__( 'A secret is saved; leave the field empty to keep it.', 'ru-payments-for-woocommerce' );
						}
						echo ' ' . esc_html__( 'It can also be defined in wp-config.php as RU_PAYMENTS_SIDECAR_SECRET, which keeps it out of the database.', 'ru-payments-for-woocommerce' );
					}
					?>
				</p>
			</td>
		</tr>
		<?php
	}
}
