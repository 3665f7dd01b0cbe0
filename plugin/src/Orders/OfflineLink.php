<?php
/**
 * A «Плати частями» payment link sent to a customer in the shop (Sber offline link).
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Orders;

defined( 'ABSPATH' ) || exit;

/**
 * What the order keeps of the sidecar's answer to `POST /v1/providers/sber/offline-links`, cleaned
 * once on the way in: the payment id, the link (http/https only), the QR code as PNG base64 (only
 * base64 characters that decode to a PNG, else none), the SMS text (plain text, escaped on output),
 * the SMS language, the expiry time and the attempt that created it. Stored as order meta
 * (OrderMeta::OFFLINE_LINK) through the CRUD API, so it is HPOS-safe.
 */
final class OfflineLink {

	public const MAX_QR_BYTES = 524288;
	public const MAX_SMS      = 1000;

	private const PNG_SIGNATURE = "\x89PNG\r\n\x1a\n";

	public function __construct(
		public readonly string $payment_id,
		public readonly string $payment_url,
		public readonly string $qr_png_base64,
		public readonly string $sms_text,
		public readonly string $lang,
		public readonly int $expires_at,
		public readonly int $attempt,
		public readonly int $created_at
	) {
	}

	/**
	 * Builds the link from the sidecar's answer; null when it has no valid payment id or link.
	 *
	 * @param array<string,mixed> $answer  Decoded answer.
	 * @param int                 $attempt Attempt number of the idempotency key.
	 * @param int                 $now     Unix time.
	 */
	public static function from_answer( array $answer, int $attempt, int $now ): ?self {
		$payment    = is_array( $answer['payment'] ?? null ) ? $answer['payment'] : array();
		$payment_id = is_string( $payment['id'] ?? null ) ? $payment['id'] : '';
		$url        = is_string( $answer['paymentUrl'] ?? null ) ? esc_url_raw( $answer['paymentUrl'], array( 'https', 'http' ) ) : '';
		if ( ! self::is_payment_id( $payment_id ) || '' === $url ) {
			return null;
		}
		$expires = is_string( $answer['expiresAt'] ?? null ) ? strtotime( $answer['expiresAt'] ) : false;
		return new self(
			$payment_id,
			$url,
			self::clean_png_base64( $answer['qrPngBase64'] ?? null ),
			self::clean_sms( $answer['smsText'] ?? null ),
			'en' === ( $answer['lang'] ?? null ) ? 'en' : 'ru',
			false === $expires ? 0 : $expires,
			$attempt,
			$now
		);
	}

	/**
	 * The link stored on the order, or null when none (or the stored value is damaged).
	 */
	public static function of( \WC_Order $order ): ?self {
		$stored = $order->get_meta( OrderMeta::OFFLINE_LINK, true );
		if ( ! is_array( $stored ) || ! self::is_payment_id( (string) ( $stored['payment_id'] ?? '' ) ) ) {
			return null;
		}
		$url = esc_url_raw( (string) ( $stored['payment_url'] ?? '' ), array( 'https', 'http' ) );
		if ( '' === $url ) {
			return null;
		}
		return new self(
			(string) $stored['payment_id'],
			$url,
			self::clean_png_base64( $stored['qr_png_base64'] ?? null ),
			self::clean_sms( $stored['sms_text'] ?? null ),
			'en' === ( $stored['lang'] ?? null ) ? 'en' : 'ru',
			(int) ( $stored['expires_at'] ?? 0 ),
			max( 1, (int) ( $stored['attempt'] ?? 1 ) ),
			(int) ( $stored['created_at'] ?? 0 )
		);
	}

	/**
	 * Stores the link on the order. The caller saves the order.
	 */
	public function save_to( \WC_Order $order ): void {
		$order->update_meta_data( OrderMeta::OFFLINE_LINK, $this->to_array() );
	}

	/**
	 * @return array<string,string|int>
	 */
	public function to_array(): array {
		return array(
			'payment_id'    => $this->payment_id,
			'payment_url'   => $this->payment_url,
			'qr_png_base64' => $this->qr_png_base64,
			'sms_text'      => $this->sms_text,
			'lang'          => $this->lang,
			'expires_at'    => $this->expires_at,
			'attempt'       => $this->attempt,
			'created_at'    => $this->created_at,
		);
	}

	/**
	 * Whether the link can no longer be paid because its time is over (unknown expiry: never).
	 */
	public function is_expired( int $now ): bool {
		return $this->expires_at > 0 && $now >= $this->expires_at;
	}

	public static function is_payment_id( string $payment_id ): bool {
		return 1 === preg_match( '/^pay_[A-Za-z0-9_-]{8,40}$/', $payment_id );
	}

	/**
	 * The QR code as it may go into `data:image/png;base64,…`: only base64 characters, strictly
	 * decodable, a PNG by its signature and not larger than MAX_QR_BYTES; '' otherwise.
	 */
	public static function clean_png_base64( mixed $value ): string {
		if ( ! is_string( $value ) || '' === $value || strlen( $value ) > self::MAX_QR_BYTES ) {
			return '';
		}
		if ( 1 !== preg_match( '#^[A-Za-z0-9+/]+={0,2}$#', $value ) || 0 !== strlen( $value ) % 4 ) {
			return '';
		}
		$binary = base64_decode( $value, true ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- checks that the QR image is a PNG.
		return is_string( $binary ) && str_starts_with( $binary, self::PNG_SIGNATURE ) ? $value : '';
	}

	/**
	 * The SMS as plain text: control characters other than line breaks removed, at most MAX_SMS
	 * characters. It is escaped wherever it is printed.
	 */
	public static function clean_sms( mixed $value ): string {
		if ( ! is_string( $value ) || ! mb_check_encoding( $value, 'UTF-8' ) ) {
			return '';
		}
		$text = (string) preg_replace( '/[\x00-\x09\x0B-\x1F\x7F]/u', '', str_replace( "\r\n", "\n", $value ) );
		return mb_substr( trim( $text ), 0, self::MAX_SMS );
	}
}
