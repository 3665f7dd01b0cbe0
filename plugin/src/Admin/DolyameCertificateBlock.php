<?php
/**
 * "Dolyame certificate" on the Status screen, and the admin notice when it is about to expire.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Profiles\Profiles;
use RuPayments\Providers\DolyameCertificate;

defined( 'ABSPATH' ) || exit;

/**
 * Shows the cached certificate check per profile (expiry date, days left, key / certificate / CSR
 * match) and the "Check the certificate" button (DolyameCertificateHandler). Printing never calls
 * the sidecar. On WooCommerce screens, shop managers get a notice while a cached check says the
 * certificate expires within DolyameCertificate::WARNING_DAYS days (or has expired).
 */
final class DolyameCertificateBlock {

	public const BUTTON_ID = 'ru-payments-dolyame-certificate';

	public function __construct(
		private readonly DolyameCertificate $certificate,
		private readonly Profiles $profiles
	) {
	}

	public function register(): void {
		add_action( 'admin_notices', array( $this, 'notice' ) );
	}

	/**
	 * The block on the Status screen.
	 */
	public function output(): void {
		$profiles = $this->profiles->choices();
		?>
		<h3><?php esc_html_e( 'Dolyame certificate', 'ru-payments-for-woocommerce' ); ?></h3>
		<table class="form-table">
			<tr>
				<th scope="row"><?php esc_html_e( 'Dolyame certificate', 'ru-payments-for-woocommerce' ); ?></th>
				<td>
					<?php if ( count( $profiles ) > 1 ) : ?>
						<select id="<?php echo esc_attr( self::BUTTON_ID . '-profile' ); ?>" aria-label="<?php esc_attr_e( 'Profile', 'ru-payments-for-woocommerce' ); ?>">
							<?php foreach ( $profiles as $name => $label ) : ?>
								<option value="<?php echo esc_attr( $name ); ?>"><?php echo esc_html( $label ); ?></option>
							<?php endforeach; ?>
						</select>
					<?php endif; ?>
					<button type="button" class="button" id="<?php echo esc_attr( self::BUTTON_ID ); ?>"><?php esc_html_e( 'Check the certificate', 'ru-payments-for-woocommerce' ); ?></button>
					<span id="<?php echo esc_attr( self::BUTTON_ID . '-status' ); ?>" role="status" aria-live="polite" style="margin-left: 8px;"></span>
					<div id="<?php echo esc_attr( self::BUTTON_ID . '-result' ); ?>">
						<?php
						foreach ( $this->certificate->all() as $profile => $entry ) {
							echo $this->result_html( (string) $profile, $entry ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped part by part in result_html().
						}
						?>
					</div>
					<p class="description">
						<?php
						echo esc_html(
							sprintf(
								/* translators: %d: number of days. */
								__( 'Checks the expiry date of open-api-cert.pem and that the private key, the certificate and the CSR in the sidecar belong together. The sidecar is asked only when you press the button; the answer is kept for 12 hours, and a warning appears on WooCommerce screens %d days before the certificate expires.', 'ru-payments-for-woocommerce' ),
								DolyameCertificate::WARNING_DAYS
							)
						);
						?>
					</p>
				</td>
			</tr>
		</table>
		<?php
	}

	/**
	 * One profile's cached check.
	 *
	 * @param string              $profile Profile name.
	 * @param array<string,mixed> $entry   Cached entry (DolyameCertificate).
	 */
	public function result_html( string $profile, array $entry ): string {
		$days     = $this->certificate->days_left( $entry );
		$matches  = is_array( $entry['matches'] ?? null ) ? $entry['matches'] : array();
		$mismatch = DolyameCertificate::mismatch_message( $matches );

		$html = sprintf( '<div class="ru-payments-dolyame-certificate-profile" data-profile="%s">', esc_attr( $profile ) );
		if ( count( $this->profiles->all() ) > 1 ) {
			$html .= '<h4>' . esc_html(
				sprintf(
					/* translators: %s: profile name. */
					__( 'Profile %s', 'ru-payments-for-woocommerce' ),
					$profile
				)
			) . '</h4>';
		}

		$rows = array(
			__( 'Expires', 'ru-payments-for-woocommerce' )          => self::date( (int) $entry['not_after'] ),
			__( 'Days left', 'ru-payments-for-woocommerce' )        => (string) max( 0, $days ),
			__( 'Subject', 'ru-payments-for-woocommerce' )          => '' !== (string) ( $entry['subject'] ?? '' ) ? (string) $entry['subject'] : '—',
			__( 'Private key and certificate', 'ru-payments-for-woocommerce' ) => self::match_text( $matches['key_cert'] ?? null ),
			__( 'Private key and CSR', 'ru-payments-for-woocommerce' )         => self::match_text( $matches['key_csr'] ?? null ),
			__( 'Certificate and CSR', 'ru-payments-for-woocommerce' )         => self::match_text( $matches['cert_csr'] ?? null ),
		);
		$html .= '<table class="widefat striped ru-payments-dolyame-certificate-table" style="max-width: 640px;"><tbody>';
		foreach ( $rows as $label => $value ) {
			$html .= '<tr><th scope="row">' . esc_html( $label ) . '</th><td>' . esc_html( $value ) . '</td></tr>';
		}
		$html .= '</tbody></table>';

		if ( $this->certificate->needs_warning( $entry ) ) {
			$html .= sprintf(
				'<div class="notice %s inline ru-payments-dolyame-certificate-warning"><p>%s</p></div>',
				$days < 0 ? 'notice-error' : 'notice-warning',
				esc_html( $this->expiry_message( $entry, false ) )
			);
		}
		if ( null !== $mismatch ) {
			$html .= '<div class="notice notice-error inline ru-payments-dolyame-certificate-mismatch"><p>' . esc_html( $mismatch ) . '</p></div>';
		}
		if ( null === ( $matches['key_csr'] ?? null ) && null === ( $matches['cert_csr'] ?? null ) ) {
			$html .= '<p class="description">' . esc_html__( 'No CSR is set in the sidecar (csrPath or csrPem), so only the private key and the certificate were compared.', 'ru-payments-for-woocommerce' ) . '</p>';
		}
		if ( ! empty( $entry['simulated'] ) ) {
			$html .= '<p class="description">' . esc_html__( 'This is the test certificate of the sidecar\'s Dolyame simulator: Dolyame is not configured for this profile.', 'ru-payments-for-woocommerce' ) . '</p>';
		}
		$html .= '<p class="description">' . esc_html(
			sprintf(
				/* translators: %s: date and time. */
				__( 'Checked on %s.', 'ru-payments-for-woocommerce' ),
				self::date( (int) ( $entry['fetched_at'] ?? 0 ) )
			)
		) . '</p></div>';
		return $html;
	}

	/**
	 * Hooked on `admin_notices`: warns shop managers on WooCommerce screens, from the cache only.
	 */
	public function notice(): void {
		if ( ! current_user_can( 'manage_woocommerce' ) || ! self::is_woocommerce_screen() ) {
			return;
		}
		foreach ( $this->certificate->all() as $entry ) {
			if ( ! $this->certificate->needs_warning( $entry ) ) {
				continue;
			}
			printf(
				'<div class="notice %1$s"><p>%2$s <a href="%3$s">%4$s</a></p></div>',
				esc_attr( $this->certificate->days_left( $entry ) < 0 ? 'notice-error' : 'notice-warning' ),
				esc_html( $this->expiry_message( $entry, true ) ),
				esc_url( SettingsPage::url( StatusSection::ID ) ),
				esc_html__( 'Certificate status', 'ru-payments-for-woocommerce' )
			);
		}
	}

	/**
	 * "Your Dolyame certificate expires on …; order a new one." (naming the profile when there are
	 * several and it is not the default one).
	 *
	 * @param array<string,mixed> $entry        Cached entry.
	 * @param bool                $name_profile Whether to name a non-default profile.
	 */
	public function expiry_message( array $entry, bool $name_profile ): string {
		$date    = self::date( (int) $entry['not_after'] );
		$profile = (string) ( $entry['profile'] ?? Profiles::DEFAULT );
		$expired = $this->certificate->days_left( $entry ) < 0;
		if ( $name_profile && Profiles::DEFAULT !== $profile ) {
			if ( $expired ) {
				/* translators: 1: profile name, 2: date. */
				$format = __( 'Your Dolyame certificate for profile %1$s expired on %2$s: Dolyame refuses every request. Order a new one.', 'ru-payments-for-woocommerce' );
			} else {
				/* translators: 1: profile name, 2: date. */
				$format = __( 'Your Dolyame certificate for profile %1$s expires on %2$s; order a new one.', 'ru-payments-for-woocommerce' );
			}
			return sprintf( $format, $profile, $date );
		}
		if ( $expired ) {
			/* translators: %s: date. */
			$format = __( 'Your Dolyame certificate expired on %s: Dolyame refuses every request. Order a new one.', 'ru-payments-for-woocommerce' );
		} else {
			/* translators: %s: date. */
			$format = __( 'Your Dolyame certificate expires on %s; order a new one.', 'ru-payments-for-woocommerce' );
		}
		return sprintf( $format, $date );
	}

	private static function match_text( mixed $match ): string {
		if ( null === $match ) {
			return __( 'not checked', 'ru-payments-for-woocommerce' );
		}
		return true === $match ? __( 'match', 'ru-payments-for-woocommerce' ) : __( 'do NOT match', 'ru-payments-for-woocommerce' );
	}

	private static function date( int $timestamp ): string {
		return (string) wp_date( (string) get_option( 'date_format', 'Y-m-d' ), $timestamp );
	}

	/**
	 * Whether the current admin screen is one of WooCommerce's.
	 */
	private static function is_woocommerce_screen(): bool {
		$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		$id     = is_object( $screen ) && isset( $screen->id ) ? (string) $screen->id : '';
		return '' !== $id && function_exists( 'wc_get_screen_ids' ) && in_array( $id, (array) wc_get_screen_ids(), true );
	}
}
