<?php
/**
 * REST routes of the till: products, shift, sales and their money actions.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

use RuPayments\Orders\OrderMeta;
use WP_Error;
use WP_REST_Request;
use WP_REST_Response;

defined( 'ABSPATH' ) || exit;

/**
 * Under `/ru-payments/v1/till/…`, cookie-authenticated (wp_rest nonce) and allowed to users with
 * the till capability only. Money actions reach only till orders (those with TillMeta::TILL), so
 * a cashier cannot touch any other order.
 */
final class SalesController {

	public const NS = 'ru-payments/v1';

	public function __construct(
		private readonly SaleBuilder $builder,
		private readonly KoshelekTill $koshelek,
		private readonly SberTill $sber,
		private readonly ProductLookup $products,
		private readonly Shift $shifts,
		private readonly TillSettings $settings
	) {
	}

	public function register_routes(): void {
		$allowed = static fn (): bool => current_user_can( CashierRole::CAP_TILL );
		$routes  = array(
			array( '/till/products', 'GET', 'products' ),
			array( '/till/shift', 'GET', 'shift' ),
			array( '/till/shift', 'POST', 'change_shift' ),
			array( '/till/sales', 'POST', 'create' ),
			array( '/till/sales/(?P<id>\d+)', 'GET', 'status' ),
			array( '/till/sales/(?P<id>\d+)/pay', 'POST', 'pay' ),
			array( '/till/sales/(?P<id>\d+)/cancel', 'POST', 'cancel' ),
			array( '/till/sales/(?P<id>\d+)/refund', 'POST', 'refund' ),
			array( '/till/sales/(?P<id>\d+)/capture', 'POST', 'capture' ),
			array( '/till/sales/(?P<id>\d+)/sms', 'POST', 'sms' ),
			array( '/till/sales/(?P<id>\d+)/discard', 'POST', 'discard' ),
		);
		foreach ( $routes as [ $route, $methods, $handler ] ) {
			register_rest_route(
				self::NS,
				$route,
				array(
					'methods'             => $methods,
					'callback'            => array( $this, $handler ),
					'permission_callback' => $allowed,
				)
			);
		}
	}

	public function products( WP_REST_Request $request ): WP_REST_Response {
		$barcode = (string) $request->get_param( 'barcode' );
		if ( '' !== $barcode ) {
			$product = $this->products->barcode( $barcode );
			return new WP_REST_Response( array( 'products' => null === $product ? array() : array( $product ) ) );
		}
		return new WP_REST_Response( array( 'products' => $this->products->search( (string) $request->get_param( 'search' ) ) ) );
	}

	public function shift(): WP_REST_Response {
		$settings = $this->settings->all();
		return new WP_REST_Response(
			array(
				'shift'         => $this->shifts->current( get_current_user_id() ),
				'terminals'     => $settings['terminals'],
				'payment_types' => $settings['payment_types'],
				'test_mode'     => $settings['test_mode'],
			)
		);
	}

	public function change_shift( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$till = (string) $request->get_param( 'till' );
		if ( 'close' === $request->get_param( 'action' ) ) {
			$this->shifts->close( get_current_user_id() );
		} elseif ( $this->settings->has_terminal( $till ) ) {
			$this->shifts->open( get_current_user_id(), $till );
		} else {
			return self::invalid( __( 'Unknown till.', 'ru-payments-for-woocommerce' ) );
		}
		return $this->shift();
	}

	/**
	 * Creates the order and, for Koshelek Pay, sends the payment at once; for «Плати частями», the link.
	 */
	public function create( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$handler = microtime( true );
		$till    = (string) $request->get_param( 'till' );
		$method = (string) $request->get_param( 'method' );
		if ( ! $this->settings->has_terminal( $till ) || ! in_array( $method, array( 'koshelek', 'sber' ), true ) ) {
			return self::invalid( __( 'Choose a till and a payment method.', 'ru-payments-for-woocommerce' ) );
		}
		$card    = $this->card( $request );
		$prepare = 'koshelek' === $method && true === $request->get_param( 'prepare' );
		if ( 'koshelek' === $method && '' === $card['barcode'] && ! $prepare ) {
			return self::invalid( __( 'Scan the buyer\'s Koshelek card first.', 'ru-payments-for-woocommerce' ) );
		}
		$user  = get_current_user_id();
		$shift = $this->shifts->ensure( $user, $till );
		$sber  = $this->sber->gateway();
		$order = $this->builder->create(
			(array) $request->get_json_params(),
			array(
				'method'       => 'sber' === $method ? 'ru_payments_sber_bnpl' : TillMeta::KOSHELEK_METHOD,
				'method_title' => 'sber' === $method ? ( $sber ? (string) $sber->get_title() : '«Плати частями»' ) : 'Koshelek Pay',
				'till'         => $till,
				'shift'        => $shift['id'],
				'cashier'      => $user,
			)
		);
		if ( is_wp_error( $order ) ) {
			return $order;
		}
		if ( $prepare ) {
			// Made while the cashier waits for the buyer's card, so "Pay" only sends the payment.
			return SaleResponse::view( $order, array(), 201 );
		}
		PayTiming::record( $order, $request->get_param( 'pressed_at' ), $handler );
		$order->save();
		if ( 'sber' === $method ) {
			$link = $this->sber->link( $order );
			return is_wp_error( $link ) ? SaleResponse::failed( $order, $link ) : SaleResponse::view( $order, array(), 201 );
		}
		$answer = $this->koshelek->pay( $order, $card, $this->payment_type( $request ), false );
		return is_wp_error( $answer ) ? SaleResponse::failed( $order, $answer ) : SaleResponse::view( $order, $answer, 201 );
	}

	public function status( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$order = $this->order( $request );
		if ( is_wp_error( $order ) ) {
			return $order;
		}
		$answer = array();
		if ( 'koshelek' === $order->get_meta( TillMeta::METHOD, true ) && '' !== OrderMeta::payment_id( $order ) ) {
			$answer = $this->koshelek->status( $order, (int) $request->get_param( 'wait' ) );
			if ( is_wp_error( $answer ) ) {
				return SaleResponse::failed( $order, $answer );
			}
		}
		return SaleResponse::view( $order, $answer );
	}

	/**
	 * Koshelek Pay again on the same sale: another card after a refusal, or "Retry" of the last call.
	 */
	public function pay( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$handler = microtime( true );
		$order   = $this->order( $request, 'koshelek' );
		if ( is_wp_error( $order ) ) {
			return $order;
		}
		$card = $this->card( $request );
		if ( '' === $card['barcode'] || $order->is_paid() ) {
			return self::invalid( __( 'Scan the buyer\'s Koshelek card first.', 'ru-payments-for-woocommerce' ) );
		}
		if ( '' === OrderMeta::payment_id( $order ) ) {
			PayTiming::record( $order, $request->get_param( 'pressed_at' ), $handler );
		}
		$answer = $this->koshelek->pay( $order, $card, $this->payment_type( $request ), (bool) $request->get_param( 'retry' ) );
		return is_wp_error( $answer ) ? SaleResponse::failed( $order, $answer ) : SaleResponse::view( $order, $answer );
	}

	/**
	 * Deletes a prepared sale whose basket changed before anything was sent to a provider.
	 */
	public function discard( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$order = $this->order( $request, 'koshelek' );
		if ( is_wp_error( $order ) ) {
			return $order;
		}
		if ( '' !== OrderMeta::payment_id( $order ) || ! $order->has_status( 'pending' ) ) {
			return self::invalid( __( 'This sale has a payment; cancel it instead.', 'ru-payments-for-woocommerce' ) );
		}
		$order->delete( true );
		return new WP_REST_Response( array( 'discarded' => true ) );
	}

	public function cancel( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$order = $this->order( $request );
		if ( is_wp_error( $order ) ) {
			return $order;
		}
		$result = 'sber' === $order->get_meta( TillMeta::METHOD, true ) ? $this->sber->cancel( $order ) : $this->koshelek->cancel( $order );
		return is_wp_error( $result ) ? SaleResponse::failed( $order, $result ) : SaleResponse::view( $order, true === $result ? array() : $result );
	}

	public function refund( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$order = $this->order( $request );
		if ( is_wp_error( $order ) ) {
			return $order;
		}
		$items    = $request->get_param( 'items' );
		$returned = null;
		if ( is_array( $items ) ) {
			$returned = array();
			foreach ( $items as $item_id => $quantity ) {
				if ( is_numeric( $quantity ) && (int) $quantity > 0 ) {
					$returned[ (int) $item_id ] = (int) $quantity;
				}
			}
		}
		$reason = sanitize_text_field( (string) $request->get_param( 'reason' ) );
		$result = 'sber' === $order->get_meta( TillMeta::METHOD, true ) ? $this->sber->refund( $order, $returned, $reason ) : $this->koshelek->refund( $order, $returned, $reason );
		return is_wp_error( $result ) ? SaleResponse::failed( $order, $result ) : SaleResponse::view( $order, true === $result ? array() : $result );
	}

	public function capture( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$order = $this->order( $request, 'sber' );
		if ( is_wp_error( $order ) ) {
			return $order;
		}
		$result = $this->sber->capture( $order );
		return is_wp_error( $result ) ? SaleResponse::failed( $order, $result ) : SaleResponse::view( $order );
	}

	public function sms( WP_REST_Request $request ): WP_REST_Response|WP_Error {
		$order = $this->order( $request, 'sber' );
		if ( is_wp_error( $order ) ) {
			return $order;
		}
		$sent = $this->sber->send_sms( $order, sanitize_text_field( (string) $request->get_param( 'phone' ) ) );
		return new WP_REST_Response( array( 'sent' => $sent ) + SaleResponse::fresh( $order ) );
	}

	/**
	 * @return array{barcode: string, format: string}
	 */
	private function card( WP_REST_Request $request ): array {
		$card   = (array) $request->get_param( 'card' );
		$format = (string) ( $card['format'] ?? '' );
		return array(
			// Scanner text may carry a DataMatrix group separator: keep every printable byte and GS.
			'barcode' => substr( (string) preg_replace( '/[^\x1d\x20-\x7e]/', '', (string) ( $card['barcode'] ?? '' ) ), 0, 2048 ),
			'format'  => in_array( $format, array( 'code128', 'code39', 'pdf417', 'dataMatrix', 'qr' ), true ) ? $format : '',
		);
	}

	private function payment_type( WP_REST_Request $request ): string {
		$type = (string) $request->get_param( 'payment_type' );
		$all  = $this->settings->all()['payment_types'];
		return in_array( $type, $all, true ) ? $type : $all[0];
	}

	private function order( WP_REST_Request $request, string $method = '' ): \WC_Order|WP_Error {
		$order = wc_get_order( absint( $request->get_param( 'id' ) ) );
		if ( ! $order instanceof \WC_Order || '' === (string) $order->get_meta( TillMeta::TILL, true )
			|| ( '' !== $method && $method !== $order->get_meta( TillMeta::METHOD, true ) ) ) {
			return new WP_Error( 'ru_payments_till_not_found', __( 'No such till sale.', 'ru-payments-for-woocommerce' ), array( 'status' => 404 ) );
		}
		return $order;
	}

	private static function invalid( string $message ): WP_Error {
		return new WP_Error( 'ru_payments_till_invalid', $message, array( 'status' => 400 ) );
	}
}
