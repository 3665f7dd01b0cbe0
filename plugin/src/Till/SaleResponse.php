<?php
/**
 * The till routes' answers.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

use WP_Error;
use WP_REST_Response;

defined( 'ABSPATH' ) || exit;

/**
 * A sale is always answered with its fresh view (read again from the database); a refusal adds
 * the code, the text for the cashier and whether a retry may help.
 */
final class SaleResponse {

	/**
	 * @return array<string,mixed>
	 */
	public static function fresh( \WC_Order $order, array $koshelek = array() ): array {
		$fresh = wc_get_order( $order->get_id() );
		return array( 'sale' => SaleView::of( $fresh instanceof \WC_Order ? $fresh : $order, $koshelek ) );
	}

	/**
	 * @param array<string,mixed> $koshelek Koshelek view.
	 */
	public static function view( \WC_Order $order, array $koshelek = array(), int $status = 200 ): WP_REST_Response {
		return new WP_REST_Response( self::fresh( $order, $koshelek ), $status );
	}

	/**
	 * An error the till shows: the cashier instruction when the sidecar gave one, else the message.
	 */
	public static function failed( \WC_Order $order, WP_Error $error ): WP_REST_Response {
		$data   = (array) $error->get_error_data();
		$texts  = Instruction::from( $data['cashier'] ?? null, (string) ( $data['sidecar_code'] ?? '' ) );
		$text   = Instruction::text( $texts );
		$detail = (string) ( $data[ str_starts_with( determine_locale(), 'ru' ) ? 'sidecar_message_ru' : 'sidecar_message_en' ] ?? '' );
		$status = (int) ( $data['status'] ?? 502 );
		return new WP_REST_Response(
			array(
				'code'      => (string) ( $data['sidecar_code'] ?? $error->get_error_code() ),
				'message'   => '' !== $text ? $text : ( '' !== $detail ? $detail : $error->get_error_message() ),
				'retryable' => (bool) ( $data['retryable'] ?? false ),
			) + self::fresh( $order ),
			$status >= 400 && $status < 600 ? $status : 502
		);
	}
}
