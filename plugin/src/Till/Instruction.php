<?php
/**
 * The cashier instruction of a Koshelek answer.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

defined( 'ABSPATH' ) || exit;

/**
 * The sidecar gives every Koshelek outcome a cashier text in Russian and English; the till shows
 * the one of the cashier's language.
 */
final class Instruction {

	/**
	 * @param mixed  $texts `{ru, en}` from the sidecar.
	 * @param string $code  Error code ('' when none).
	 * @return array{code: string, ru: string, en: string}|array{}
	 */
	public static function from( mixed $texts, string $code ): array {
		if ( ! is_array( $texts ) || ! is_string( $texts['ru'] ?? null ) || ! is_string( $texts['en'] ?? null ) ) {
			return '' === $code ? array() : array( 'code' => $code, 'ru' => '', 'en' => '' );
		}
		return array(
			'code' => $code,
			'ru'   => sanitize_text_field( $texts['ru'] ),
			'en'   => sanitize_text_field( $texts['en'] ),
		);
	}

	/**
	 * The text for the current user's language ('' when none).
	 *
	 * @param mixed $stored Stored instruction.
	 */
	public static function text( mixed $stored ): string {
		if ( ! is_array( $stored ) ) {
			return '';
		}
		$lang = str_starts_with( determine_locale(), 'ru' ) ? 'ru' : 'en';
		return (string) ( $stored[ $lang ] ?? '' );
	}
}
