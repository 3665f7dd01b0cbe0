<?php
/**
 * Encrypts provider secrets kept in wp_options with a key that is not in the database.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Support;

defined( 'ABSPATH' ) || exit;

/**
 * The key is derived from wp-config.php's AUTH_KEY and SECURE_AUTH_SALT (never stored), so a copy
 * of the database alone does not reveal the secrets. Sealed values look like `rupbox1:<base64>`;
 * a value without the prefix is a secret saved before encryption (or on a site whose wp-config.php
 * has no keys) and is returned as it is. Changing those wp-config keys makes the sealed secrets
 * unreadable: they then read as empty and have to be entered again.
 */
final class SecretBox {

	public const PREFIX = 'rupbox1:';

	/**
	 * Whether secrets can be sealed here (wp-config keys set, libsodium present).
	 */
	public static function available(): bool {
		return null !== self::key();
	}

	public static function seal( string $plain ): string {
		$key = self::key();
		if ( '' === $plain || null === $key || str_starts_with( $plain, self::PREFIX ) ) {
			return $plain;
		}
		$nonce = random_bytes( SODIUM_CRYPTO_SECRETBOX_NONCEBYTES );
		return self::PREFIX . base64_encode( $nonce . sodium_crypto_secretbox( $plain, $nonce, $key ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- binary ciphertext in a text option.
	}

	public static function open( string $stored ): string {
		if ( ! str_starts_with( $stored, self::PREFIX ) ) {
			return $stored;
		}
		$key = self::key();
		$raw = base64_decode( substr( $stored, strlen( self::PREFIX ) ), true ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode
		if ( null === $key || false === $raw || strlen( $raw ) <= SODIUM_CRYPTO_SECRETBOX_NONCEBYTES ) {
			return '';
		}
		$plain = sodium_crypto_secretbox_open( substr( $raw, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES ), substr( $raw, 0, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES ), $key );
		return false === $plain ? '' : $plain;
	}

	private static function key(): ?string {
		if ( ! function_exists( 'sodium_crypto_secretbox' ) || ! defined( 'AUTH_KEY' ) || ! defined( 'SECURE_AUTH_SALT' ) ) {
			return null;
		}
		$material = (string) constant( 'AUTH_KEY' ) . '|' . (string) constant( 'SECURE_AUTH_SALT' );
		// wp-config-sample.php's placeholder is no secret.
		if ( strlen( $material ) < 33 || str_contains( $material, 'put your unique phrase here' ) ) {
			return null;
		}
		return hash_hmac( 'sha256', 'ru-payments provider secrets v1', $material, true );
	}
}
