<?php
/**
 * The Dolyame mTLS certificate as the sidecar reports it, cached.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Providers;

use RuPayments\Sidecar\SidecarClient;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Asks `GET /v1/providers/dolyame/certificate?profile=…` only on demand (the Status screen's button)
 * and keeps the last answer per profile in a transient for TTL seconds; reading never calls the
 * sidecar, so screens and the admin notice cost nothing. Days left are counted from the expiry date
 * at the time of reading, so a cached answer does not go stale within its 12 hours.
 *
 * A cached entry: `profile`, `simulated`, `not_after` (Unix time), `expired`, `subject`,
 * `matches` (`key_cert`, `key_csr`, `cert_csr`: true, false, or null when not checked) and
 * `fetched_at`.
 */
final class DolyameCertificate {

	public const TRANSIENT    = 'ru_payments_dolyame_certificate';
	public const TTL          = 43200;
	public const WARNING_DAYS = 30;

	private const DAY = 86400;

	/**
	 * @var null|callable():int
	 */
	private $clock;

	/**
	 * @param SidecarClient       $client Sidecar client.
	 * @param null|callable():int $clock  Clock (tests).
	 */
	public function __construct( private readonly SidecarClient $client, ?callable $clock = null ) {
		$this->clock = $clock;
	}

	/**
	 * Asks the sidecar for the profile's certificate and caches the answer (errors are not cached;
	 * the last good answer stays).
	 *
	 * @return array<string,mixed>|WP_Error
	 */
	public function refresh( string $profile ): array|WP_Error {
		$answer = $this->client->dolyame_certificate( $profile );
		if ( is_wp_error( $answer ) ) {
			return $answer;
		}
		$entry = self::normalize( $answer, $profile, $this->now() );
		if ( null === $entry ) {
			return new WP_Error(
				'ru_payments_bad_response',
				__( 'The payment service is temporarily unavailable. Please try again later or choose another payment method.', 'ru-payments-for-woocommerce' ),
				array( 'status' => 200 )
			);
		}
		$all             = $this->all();
		$all[ $profile ] = $entry;
		set_transient( self::TRANSIENT, array( 'profiles' => $all ), self::TTL );
		return $entry;
	}

	/**
	 * The cached answer for a profile (null: none, or older than TTL).
	 *
	 * @return array<string,mixed>|null
	 */
	public function cached( string $profile ): ?array {
		return $this->all()[ $profile ] ?? null;
	}

	/**
	 * Every fresh cached answer, by profile.
	 *
	 * @return array<string,array<string,mixed>>
	 */
	public function all(): array {
		$cached = get_transient( self::TRANSIENT );
		$all    = is_array( $cached ) && is_array( $cached['profiles'] ?? null ) ? $cached['profiles'] : array();
		$fresh  = array();
		foreach ( $all as $profile => $entry ) {
			if ( is_array( $entry ) && isset( $entry['not_after'], $entry['fetched_at'] ) && (int) $entry['fetched_at'] > $this->now() - self::TTL ) {
				$fresh[ (string) $profile ] = $entry;
			}
		}
		return $fresh;
	}

	/**
	 * Whole days until the certificate expires, counted now (negative once expired).
	 *
	 * @param array<string,mixed> $entry Cached entry.
	 */
	public function days_left( array $entry ): int {
		return (int) floor( ( (int) $entry['not_after'] - $this->now() ) / self::DAY );
	}

	/**
	 * Whether to warn: WARNING_DAYS or fewer days left (the sidecar's rule), or already expired.
	 *
	 * @param array<string,mixed> $entry Cached entry.
	 */
	public function needs_warning( array $entry ): bool {
		return $this->days_left( $entry ) <= self::WARNING_DAYS;
	}

	/**
	 * Which of the private key, the certificate and the CSR does not belong (null: all that were
	 * compared match), naming the odd one out like the sidecar's cert-check.
	 *
	 * @param array<string,bool|null> $matches `key_cert`, `key_csr`, `cert_csr`.
	 */
	public static function mismatch_message( array $matches ): ?string {
		$key_cert = $matches['key_cert'] ?? null;
		$key_csr  = $matches['key_csr'] ?? null;
		$cert_csr = $matches['cert_csr'] ?? null;
		if ( null === $key_csr ) {
			if ( false === $key_cert ) {
				return __( 'The private key does not match the certificate: Dolyame will refuse the connection. Put the key the certificate was issued for into the sidecar settings.', 'ru-payments-for-woocommerce' );
			}
			if ( false === $cert_csr ) {
				return __( 'The CSR does not match the certificate.', 'ru-payments-for-woocommerce' );
			}
			return null;
		}
		if ( true === $key_cert && true === $key_csr ) {
			return null;
		}
		if ( true === $key_cert ) {
			return __( 'The CSR does not match: the private key and the certificate belong together, the CSR was made with another key.', 'ru-payments-for-woocommerce' );
		}
		if ( true === $key_csr ) {
			return __( 'The certificate does not match: it was issued for another request (the private key and the CSR belong together).', 'ru-payments-for-woocommerce' );
		}
		if ( true === $cert_csr ) {
			return __( 'The private key does not match: the certificate and the CSR belong together, the key is another one.', 'ru-payments-for-woocommerce' );
		}
		return __( 'None of the three match: the private key, the CSR and the certificate all have different keys.', 'ru-payments-for-woocommerce' );
	}

	/**
	 * The sidecar's answer as a cache entry; null when it has no readable expiry date.
	 *
	 * @param array<string,mixed> $answer  Decoded answer.
	 * @param string              $profile Profile asked for.
	 * @param int                 $now     Unix time.
	 * @return array<string,mixed>|null
	 */
	public static function normalize( array $answer, string $profile, int $now ): ?array {
		$not_after = is_string( $answer['notAfter'] ?? null ) ? strtotime( $answer['notAfter'] ) : false;
		if ( false === $not_after ) {
			return null;
		}
		$matches = is_array( $answer['matches'] ?? null ) ? $answer['matches'] : array();
		$flag    = static fn ( string $key ): ?bool => is_bool( $matches[ $key ] ?? null ) ? $matches[ $key ] : null;
		return array(
			'profile'    => $profile,
			'simulated'  => true === ( $answer['simulated'] ?? null ),
			'not_after'  => $not_after,
			'expired'    => true === ( $answer['expired'] ?? null ) || $not_after <= $now,
			'subject'    => is_string( $answer['subject'] ?? null ) ? mb_substr( sanitize_text_field( $answer['subject'] ), 0, 300 ) : '',
			'matches'    => array(
				'key_cert' => $flag( 'keyCert' ),
				'key_csr'  => $flag( 'keyCsr' ),
				'cert_csr' => $flag( 'certCsr' ),
			),
			'fetched_at' => $now,
		);
	}

	public function now(): int {
		return null === $this->clock ? time() : (int) ( $this->clock )();
	}
}
