<?php
/**
 * Order screen meta box for an authorised (two-stage) payment: the capture deadline.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Orders\AuthorizationLapse;
use RuPayments\Orders\OrderMeta;
use RuPayments\Support\Money;

defined( 'ABSPATH' ) || exit;

/**
 * Shown on both order screens (classic and HPOS, see OfflineLinkMetaBox::screens()) while the
 * order's payment is authorised and not captured: the authorised amount and time, "Capture by
 * <date> or the authorisation lapses" (AuthorizationLapse), and how to capture or release it. Read
 * from the order only; never calls the sidecar.
 */
final class AuthorizationMetaBox {

	public const ID = 'ru-payments-authorization';

	/**
	 * @var null|callable():int
	 */
	private $clock;

	/**
	 * @param null|callable():int $clock Clock (tests).
	 */
	public function __construct( ?callable $clock = null ) {
		$this->clock = $clock;
	}

	public function register(): void {
		add_action( 'add_meta_boxes', array( $this, 'add' ), 10, 2 );
	}

	/**
	 * Hooked on `add_meta_boxes` (screen id or post type, then the post or — with HPOS — the order):
	 * the box only for an order whose payment waits for capture, for shop managers only.
	 *
	 * @param mixed $screen_id     Screen id or post type.
	 * @param mixed $post_or_order Post or order.
	 */
	public function add( $screen_id = '', $post_or_order = null ): void {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		$order = self::order( $post_or_order );
		if ( null === $order || ! AuthorizationLapse::is_authorized( $order ) ) {
			return;
		}
		foreach ( OfflineLinkMetaBox::screens() as $screen ) {
			add_meta_box(
				self::ID,
				__( 'Authorised payment (RU Payments)', 'ru-payments-for-woocommerce' ),
				array( $this, 'render' ),
				$screen,
				'side',
				'high'
			);
		}
	}

	/**
	 * Meta box callback.
	 *
	 * @param mixed $post_or_order Post or order.
	 */
	public function render( $post_or_order ): void {
		$order = self::order( $post_or_order );
		if ( null === $order || ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		echo self::box_html( $order, $this->now() ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped part by part in box_html().
	}

	/**
	 * The box content (empty when the payment does not wait for capture).
	 */
	public static function box_html( \WC_Order $order, int $now ): string {
		if ( ! AuthorizationLapse::is_authorized( $order ) ) {
			return '';
		}
		$html          = '<div class="ru-payments-authorization">';
		$amount        = OrderMeta::authorized_amount( $order );
		$authorized_at = OrderMeta::authorized_at( $order );
		if ( null !== $amount && null !== $authorized_at ) {
			$html .= '<p>' . esc_html(
				sprintf(
					/* translators: 1: amount with currency, 2: date and time. */
					__( 'The customer authorised %1$s on %2$s; the money is held until you capture it.', 'ru-payments-for-woocommerce' ),
					Money::from_kopecks( $amount ) . ' ' . $order->get_currency(),
					self::date( $authorized_at )
				)
			) . '</p>';
		}

		$deadline = AuthorizationLapse::deadline( $order );
		if ( null === $deadline ) {
			$html .= '<p class="ru-payments-authorization__deadline">' . esc_html__( 'The time of the authorisation is not known. Capture the payment soon: providers release held money after a few days.', 'ru-payments-for-woocommerce' ) . '</p>';
		} elseif ( $deadline <= $now ) {
			$html .= '<div class="notice notice-error inline ru-payments-authorization__deadline"><p>' . esc_html(
				sprintf(
					/* translators: %s: date and time. */
					__( 'The authorisation lapsed on %s: the money can no longer be captured. Cancel the order; the customer has to pay again.', 'ru-payments-for-woocommerce' ),
					self::date( $deadline )
				)
			) . '</p></div>';
		} else {
			$html .= sprintf(
				'<p class="ru-payments-authorization__deadline%1$s"><strong>%2$s</strong></p>',
				$deadline - $now <= AuthorizationLapse::WARN_BEFORE ? ' ru-payments-authorization__deadline--soon' : '',
				esc_html(
					sprintf(
						/* translators: %s: date and time. */
						__( 'Capture by %s or the authorisation lapses.', 'ru-payments-for-woocommerce' ),
						self::date( $deadline )
					)
				)
			);
		}
		$html .= '<p class="description">' . esc_html__( 'To capture, set the order status to Processing or Completed, or choose "Capture payment (RU Payments)" in the order actions. If the order total is lower than the authorised amount, only the total is captured. Cancelling the order releases the held money.', 'ru-payments-for-woocommerce' ) . '</p>';
		return $html . '</div>';
	}

	private static function date( int $timestamp ): string {
		return (string) wp_date( (string) get_option( 'date_format', 'Y-m-d' ) . ' ' . (string) get_option( 'time_format', 'H:i' ), $timestamp );
	}

	private static function order( mixed $post_or_order ): ?\WC_Order {
		if ( $post_or_order instanceof \WC_Order ) {
			return $post_or_order;
		}
		$order = wc_get_order( is_object( $post_or_order ) && isset( $post_or_order->ID ) ? (int) $post_or_order->ID : 0 );
		return $order instanceof \WC_Order ? $order : null;
	}

	private function now(): int {
		return null === $this->clock ? time() : (int) ( $this->clock )();
	}
}
