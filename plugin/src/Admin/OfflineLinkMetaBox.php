<?php
/**
 * Order screen meta box: a «Плати частями» payment link (QR code, link, SMS) for a customer in the shop.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Frontend\OrderState;
use RuPayments\Orders\OfflineLink;

defined( 'ABSPATH' ) || exit;

/**
 * Registered for the classic order screen (`shop_order`) and the HPOS one
 * (`wc_get_page_screen_id( 'shop-order' )`). Shows the link stored on the order — QR code, link
 * and SMS text with copy buttons, expiry time and the payment state — and the button that asks
 * OfflineLinkHandler for a link. assets/js/admin-offline-link.js polls the order's state (changed
 * only by verified sidecar events) and shows "Paid" as soon as it is.
 *
 * Everything printed is escaped here; the JS only swaps in the panel HTML built by panel_html().
 */
final class OfflineLinkMetaBox {

	public const ID       = 'ru-payments-offline-link';
	public const SCRIPT   = 'ru-payments-admin-offline-link';
	public const INTERVAL = 5000;

	public const STATE_PAID    = OrderState::PAID;
	public const STATE_PENDING = OrderState::PENDING;
	public const STATE_FAILED  = OrderState::FAILED;
	public const STATE_EXPIRED = 'expired';

	public function __construct( private readonly string $plugin_file, private readonly string $version ) {
	}

	public function register(): void {
		add_action( 'add_meta_boxes', array( $this, 'add' ) );
	}

	/**
	 * Hooked on `add_meta_boxes`: the box on both order screens, for shop managers only.
	 */
	public function add(): void {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		foreach ( self::screens() as $screen ) {
			add_meta_box(
				self::ID,
				__( '«Плати частями» payment link', 'ru-payments-for-woocommerce' ),
				array( $this, 'render' ),
				$screen,
				'side',
				'default'
			);
		}
	}

	/**
	 * The classic order screen and, when WooCommerce knows it, the current order screen id
	 * (`woocommerce_page_wc-orders` with HPOS).
	 *
	 * @return list<string>
	 */
	public static function screens(): array {
		$screens = array( 'shop_order' );
		if ( function_exists( 'wc_get_page_screen_id' ) ) {
			$screens[] = (string) wc_get_page_screen_id( 'shop-order' );
		}
		return array_values( array_unique( array_filter( $screens ) ) );
	}

	/**
	 * Meta box callback: gets a WP_Post on the classic screen and the WC_Order with HPOS.
	 *
	 * @param mixed $post_or_order Post or order.
	 */
	public function render( $post_or_order ): void {
		$order = $post_or_order instanceof \WC_Order
			? $post_or_order
			: wc_get_order( is_object( $post_or_order ) && isset( $post_or_order->ID ) ? (int) $post_or_order->ID : 0 );
		if ( ! $order instanceof \WC_Order || ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		$this->enqueue();
		echo self::box_html( $order, time() ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped part by part in box_html().
	}

	/**
	 * Loads the polling and copy script (only where the box is shown; printed in the footer).
	 */
	private function enqueue(): void {
		wp_enqueue_script(
			self::SCRIPT,
			plugins_url( 'assets/js/admin-offline-link.js', $this->plugin_file ),
			array(),
			$this->version,
			array( 'in_footer' => true )
		);
		wp_localize_script(
			self::SCRIPT,
			'ruPaymentsOfflineLink',
			array(
				'ajaxUrl'  => admin_url( 'admin-ajax.php' ),
				'create'   => array(
					'action' => OfflineLinkHandler::ACTION,
					'nonce'  => wp_create_nonce( OfflineLinkHandler::ACTION ),
				),
				'status'   => array(
					'action' => OfflineLinkHandler::STATUS_ACTION,
					'nonce'  => wp_create_nonce( OfflineLinkHandler::STATUS_ACTION ),
				),
				'interval' => self::INTERVAL,
				'i18n'     => array(
					'creating'   => __( 'Creating the link…', 'ru-payments-for-woocommerce' ),
					'error'      => __( 'The request failed. Reload the page and try again.', 'ru-payments-for-woocommerce' ),
					'copied'     => __( 'Copied.', 'ru-payments-for-woocommerce' ),
					'copyFailed' => __( 'Could not copy: select the text and copy it yourself.', 'ru-payments-for-woocommerce' ),
				),
			)
		);
	}

	/**
	 * The whole box.
	 */
	public static function box_html( \WC_Order $order, int $now ): string {
		$link  = OfflineLink::of( $order );
		$html  = sprintf( '<div id="%s" class="ru-payments-offline-link" data-order-id="%d">', esc_attr( self::ID ), (int) $order->get_id() );
		$html .= '<div class="ru-payments-offline-link__panel">' . self::panel_html( $order, $link, $now ) . '</div>';

		if ( self::can_create( $order ) ) {
			if ( null === $link ) {
				$label = __( 'Create «Плати частями» link', 'ru-payments-for-woocommerce' );
			} elseif ( self::STATE_PENDING === self::state( $order, $link, $now ) ) {
				$label = __( 'Show the link again or create a new one', 'ru-payments-for-woocommerce' );
			} else {
				$label = __( 'Create a new link', 'ru-payments-for-woocommerce' );
			}
			$html .= sprintf( '<p><button type="button" class="button button-primary ru-payments-offline-link__create">%s</button></p>', esc_html( $label ) );
			$html .= '<p class="description">' . esc_html__( 'The customer scans the QR code or opens the link from the SMS and pays in four parts on Sber\'s page. While the link is valid and the order is unchanged, the button shows the same link again; after the order changes or the link expires it creates a new one. The payment method of the order becomes «Плати частями».', 'ru-payments-for-woocommerce' ) . '</p>';
		} elseif ( null === $link ) {
			$html .= '<p class="description">' . esc_html__( 'Only an order awaiting payment (status "Pending payment") can be sent to «Плати частями». Set the status, save the order and come back here.', 'ru-payments-for-woocommerce' ) . '</p>';
		}
		$html .= '<p class="ru-payments-offline-link__result" role="status" aria-live="polite"></p>';

		$html .= '<details class="ru-payments-offline-link__help"><summary>' . esc_html__( 'Cash-register software', 'ru-payments-for-woocommerce' ) . '</summary><p class="description">';
		$html .= esc_html(
			sprintf(
				/* translators: 1: sidecar route that creates a link, 2: sidecar route that reports its status. */
				__( 'A till can get the same link, QR code (SVG and PNG) and SMS text directly from the sidecar, without WordPress: %1$s with the create-payment body of the order, then %2$s to follow its status. Both calls are signed with the shared secret, like every call of this plugin; repeating a create call with the same Idempotency-Key returns the same link.', 'ru-payments-for-woocommerce' ),
				'POST /v1/providers/sber/offline-links',
				'GET /v1/providers/sber/offline-links/<payment ID>'
			)
		);
		$html .= '</p></details></div>';
		return $html;
	}

	/**
	 * The part that changes: the state and, while the link can be paid, the QR code, the link and
	 * the SMS text. Empty when the order has no link.
	 */
	public static function panel_html( \WC_Order $order, ?OfflineLink $link, int $now ): string {
		if ( null === $link ) {
			return '';
		}
		$state = self::state( $order, $link, $now );
		$html  = sprintf(
			'<p class="ru-payments-offline-link__state ru-payments-offline-link__state--%1$s" data-state="%1$s"><strong>%2$s</strong></p>',
			esc_attr( $state ),
			esc_html( self::state_label( $state ) )
		);
		if ( self::STATE_PAID === $state ) {
			$html .= '<p class="description">' . esc_html__( 'Sber confirmed the payment. Reload the page to see the new order status before you save the order.', 'ru-payments-for-woocommerce' ) . '</p>';
		}

		if ( self::STATE_PENDING === $state ) {
			if ( '' !== $link->qr_png_base64 ) {
				$html .= sprintf(
					'<p><img class="ru-payments-offline-link__qr" src="%s" width="200" height="200" alt="%s" /></p>',
					esc_attr( 'data:image/png;base64,' . $link->qr_png_base64 ),
					esc_attr__( 'QR code of the payment link', 'ru-payments-for-woocommerce' )
				);
			} else {
				$html .= '<p class="description">' . esc_html__( 'The sidecar sent no usable QR code; give the customer the link instead.', 'ru-payments-for-woocommerce' ) . '</p>';
			}

			$url_id = self::ID . '-url';
			$sms_id = self::ID . '-sms';
			$html  .= sprintf(
				'<p><label for="%1$s">%2$s</label><input type="text" id="%1$s" class="widefat" readonly="readonly" value="%3$s" /><button type="button" class="button ru-payments-offline-link__copy" data-copy-target="%1$s">%4$s</button></p>',
				esc_attr( $url_id ),
				esc_html__( 'Payment link', 'ru-payments-for-woocommerce' ),
				esc_attr( $link->payment_url ),
				esc_html__( 'Copy link', 'ru-payments-for-woocommerce' )
			);
			if ( '' !== $link->sms_text ) {
				$html .= sprintf(
					'<p><label for="%1$s">%2$s</label><textarea id="%1$s" class="widefat" rows="5" readonly="readonly" lang="%3$s">%4$s</textarea><button type="button" class="button ru-payments-offline-link__copy" data-copy-target="%1$s">%5$s</button></p>',
					esc_attr( $sms_id ),
					esc_html__( 'SMS text', 'ru-payments-for-woocommerce' ),
					esc_attr( $link->lang ),
					esc_textarea( $link->sms_text ),
					esc_html__( 'Copy SMS text', 'ru-payments-for-woocommerce' )
				);
			}
		}

		if ( $link->expires_at > 0 ) {
			if ( $link->is_expired( $now ) ) {
				/* translators: %s: date and time. */
				$format = __( 'Expired on %s.', 'ru-payments-for-woocommerce' );
			} else {
				/* translators: %s: date and time. */
				$format = __( 'Valid until %s.', 'ru-payments-for-woocommerce' );
			}
			$html .= '<p class="ru-payments-offline-link__expiry">' . esc_html( sprintf( $format, wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $link->expires_at ) ) ) . '</p>';
		}
		$html .= '<p class="description">' . esc_html(
			sprintf(
				/* translators: %s: sidecar payment id. */
				__( 'Payment ID in the sidecar: %s', 'ru-payments-for-woocommerce' ),
				$link->payment_id
			)
		) . '</p>';
		return $html;
	}

	/**
	 * The state shown for the link: the order's own state (changed only by verified sidecar
	 * events), or "expired" for a pending order whose link is past its time.
	 */
	public static function state( \WC_Order $order, ?OfflineLink $link, int $now ): string {
		$state = OrderState::of( $order );
		if ( OrderState::PENDING === $state && null !== $link && $link->is_expired( $now ) ) {
			return self::STATE_EXPIRED;
		}
		return $state;
	}

	public static function state_label( string $state ): string {
		return match ( $state ) {
			self::STATE_PAID    => __( 'Paid', 'ru-payments-for-woocommerce' ),
			self::STATE_FAILED  => __( 'Not paid: the payment failed or was cancelled.', 'ru-payments-for-woocommerce' ),
			self::STATE_EXPIRED => __( 'The link has expired without payment.', 'ru-payments-for-woocommerce' ),
			default             => __( 'Waiting for the customer to pay…', 'ru-payments-for-woocommerce' ),
		};
	}

	/**
	 * Whether a link may be created for the order: it awaits payment.
	 */
	public static function can_create( \WC_Order $order ): bool {
		return $order->has_status( 'pending' ) && ! $order->is_paid();
	}
}
