<?php
/**
 * Sidecar connection options.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Settings;

use RuPayments\Signing\RequestSigner;

defined( 'ABSPATH' ) || exit;

/**
 * Owns the `ru_payments_sidecar_url` and `ru_payments_sidecar_secret` options and their sanitization.
 *
 * Sanitization is attached with register_setting(), so it runs for every update_option() call:
 * the WooCommerce settings screen, the Settings API and `wp option update` alike.
 */
final class SidecarSettings {

	public const OPTION_URL    = 'ru_payments_sidecar_url';
	public const OPTION_SECRET = 'ru_payments_sidecar_secret';
	public const GROUP         = 'ru_payments';

	/** wp-config.php constant that, when defined, is the shared secret (the option is then ignored). */
	public const SECRET_CONSTANT = 'RU_PAYMENTS_SIDECAR_SECRET';

	/** wp-config.php constant that allows a plain-http sidecar on a private network (e.g. docker compose). */
	public const ALLOW_HTTP_CONSTANT = 'RU_PAYMENTS_ALLOW_HTTP_SIDECAR';

	/**
	 * Registers both options (hooked on `init`).
	 */
	public function register(): void {
		register_setting(
			self::GROUP,
			self::OPTION_URL,
			array(
				'type'              => 'string',
				'default'           => '',
				'show_in_rest'      => false,
				'sanitize_callback' => array( $this, 'sanitize_url' ),
			)
		);
		register_setting(
			self::GROUP,
			self::OPTION_SECRET,
			array(
				'type'              => 'string',
				'default'           => '',
				'show_in_rest'      => false,
				'sanitize_callback' => array( $this, 'sanitize_secret' ),
			)
		);
	}

	/**
	 * Sidecar base URL without a trailing slash ('' when not set).
	 */
	public function url(): string {
		return untrailingslashit( (string) get_option( self::OPTION_URL, '' ) );
	}

	public function secret(): string {
		return self::secret_from_constant() ?? (string) get_option( self::OPTION_SECRET, '' );
	}

	/**
	 * The secret defined in wp-config.php (RU_PAYMENTS_SIDECAR_SECRET), or null when none is.
	 */
	public static function secret_from_constant(): ?string {
		$value = defined( self::SECRET_CONSTANT ) ? constant( self::SECRET_CONSTANT ) : null;
		return is_string( $value ) && '' !== trim( $value ) ? trim( $value ) : null;
	}

	/**
	 * Whether a URL may carry the shared secret's signatures and provider secrets: https, or http to
	 * this machine (loopback), or http anywhere when wp-config.php defines RU_PAYMENTS_ALLOW_HTTP_SIDECAR.
	 */
	public static function is_safe_transport( string $url ): bool {
		$scheme = strtolower( (string) wp_parse_url( $url, PHP_URL_SCHEME ) );
		if ( 'https' === $scheme ) {
			return true;
		}
		$host = strtolower( trim( (string) wp_parse_url( $url, PHP_URL_HOST ), '[]' ) );
		$loop = 'localhost' === $host || '::1' === $host || str_ends_with( $host, '.localhost' )
			|| ( false !== filter_var( $host, FILTER_VALIDATE_IP, FILTER_FLAG_IPV4 ) && str_starts_with( $host, '127.' ) );
		return 'http' === $scheme && ( $loop || ( defined( self::ALLOW_HTTP_CONSTANT ) && constant( self::ALLOW_HTTP_CONSTANT ) ) );
	}

	public function has_secret(): bool {
		return '' !== $this->secret();
	}

	public function is_configured(): bool {
		return '' !== $this->url() && strlen( $this->secret() ) >= RequestSigner::MIN_SECRET_LENGTH;
	}

	/**
	 * Sanitizes the URL: http(s) only, no trailing slash. An invalid value keeps the stored one.
	 *
	 * @param mixed $value Submitted value.
	 */
	public function sanitize_url( $value ): string {
		$value = trim( is_string( $value ) ? $value : '' );
		if ( '' === $value ) {
			return '';
		}
		$url = untrailingslashit( esc_url_raw( $value, array( 'http', 'https' ) ) );
		if ( '' === $url || ! wp_parse_url( $url, PHP_URL_HOST ) ) {
			$this->report_error( 'ru_payments_invalid_url', __( 'The sidecar URL must be a valid http:// or https:// address. The previous value was kept.', 'ru-payments-for-woocommerce' ) );
			return (string) get_option( self::OPTION_URL, '' );
		}
		if ( ! self::is_safe_transport( $url ) ) {
			$this->report_error( 'ru_payments_insecure_url', __( 'A sidecar on another machine must be reached over https:// (plain http:// is allowed only to this server, e.g. http://127.0.0.1:8787). The previous value was kept.', 'ru-payments-for-woocommerce' ) );
			return (string) get_option( self::OPTION_URL, '' );
		}
		return $url;
	}

	/**
	 * Sanitizes the secret: empty keeps the stored value, shorter than 32 characters is rejected.
	 *
	 * @param mixed $value Submitted value.
	 */
	public function sanitize_secret( $value ): string {
		$stored = (string) get_option( self::OPTION_SECRET, '' );
		$value  = trim( is_string( $value ) ? $value : '' );
		if ( '' === $value ) {
			return $stored;
		}
		if ( strlen( $value ) < RequestSigner::MIN_SECRET_LENGTH ) {
			$this->report_error(
				'ru_payments_short_secret',
				sprintf(
					/* translators: %d: minimum number of characters. */
					__( 'The shared secret must be at least %d characters long. The previous secret was kept.', 'ru-payments-for-woocommerce' ),
					RequestSigner::MIN_SECRET_LENGTH
				)
			);
			return $stored;
		}
		return $value;
	}

	/**
	 * Shows a validation error wherever the value came from.
	 */
	private function report_error( string $code, string $message ): void {
		if ( class_exists( 'WC_Admin_Settings' ) ) {
			\WC_Admin_Settings::add_error( $message );
		} elseif ( function_exists( 'add_settings_error' ) ) {
			add_settings_error( self::GROUP, $code, $message );
		}
		if ( defined( 'WP_CLI' ) && WP_CLI && class_exists( 'WP_CLI' ) ) {
			\WP_CLI::warning( $message );
		}
	}
}
