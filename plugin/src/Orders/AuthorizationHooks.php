<?php
/**
 * Capture and cancellation of authorised payments from the order's life in WooCommerce.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Orders;

use RuPayments\Admin\AdminNotices;
use RuPayments\Payments\AuthorizationProcessor;
use RuPayments\Rest\PaymentEvent;

defined( 'ABSPATH' ) || exit;

/**
 * As the WooCommerce Stripe plugin does for authorised charges:
 * - the shop manager moves an order whose RU Payments payment is `authorized` (on-hold) to
 *   processing or completed → the payment is captured (`woocommerce_order_status_processing` /
 *   `_completed`). A refused capture sets the order back to on-hold (on
 *   `woocommerce_order_status_changed`, after WooCommerce noted the change, so the notes read in
 *   order), with a note and an admin notice, and the customer gets no "processing" / "completed"
 *   e-mail for it;
 * - the order action "Capture payment (RU Payments)" captures and then completes the payment
 *   (payment_complete(), once: not when a `paid` event completed the order meanwhile);
 * - the order is cancelled → the authorisation is cancelled, so the provider releases the money.
 *
 * Runs once per payment: only while the payment is `authorized` and not yet captured
 * (AuthorizationLapse::is_authorized()), and never re-entered for the same order in a request. A
 * `paid` event applied by StatusApplier records `paid` before it completes the order, so completing
 * an order from an event never captures; and the event that follows a capture only adds a note.
 */
final class AuthorizationHooks {

	public const ORDER_ACTION = 'ru_payments_capture';

	/**
	 * @var array<int,true> Orders whose capture runs in this request.
	 */
	private array $running = array();

	/**
	 * @var array<int,string> Orders whose last capture in this request was refused => the explanation.
	 */
	private array $refused = array();

	/**
	 * @var array<int,true> Orders to set back to on-hold once WooCommerce noted the status change.
	 */
	private array $to_revert = array();

	public function __construct( private readonly AuthorizationProcessor $processor ) {
	}

	public function register(): void {
		// Priority 5: before WooCommerce's own callbacks (the "completed" e-mail is sent at 10).
		add_action( 'woocommerce_order_status_processing', array( $this, 'on_paid_status' ), 5, 3 );
		add_action( 'woocommerce_order_status_completed', array( $this, 'on_paid_status' ), 5, 3 );
		add_action( 'woocommerce_order_status_changed', array( $this, 'on_status_changed' ), 5, 4 );
		add_action( 'woocommerce_order_status_cancelled', array( $this, 'on_cancelled' ), 10, 2 );
		add_filter( 'woocommerce_order_actions', array( $this, 'order_actions' ), 10, 2 );
		add_action( 'woocommerce_order_action_' . self::ORDER_ACTION, array( $this, 'order_action' ) );
		add_filter( 'woocommerce_email_enabled_customer_processing_order', array( $this, 'email_enabled' ), 10, 2 );
		add_filter( 'woocommerce_email_enabled_customer_completed_order', array( $this, 'email_enabled' ), 10, 2 );
		add_action( 'ru_payments_event_applied', array( $this, 'on_event' ), 10, 2 );
	}

	/**
	 * Hooked on `woocommerce_order_status_processing` and `_completed`: captures an authorised payment.
	 *
	 * @param mixed $order_id   Order id.
	 * @param mixed $order      Order being saved (WooCommerce 3.0+).
	 * @param mixed $transition Status transition (`from`, `to`, `note`, `manual`).
	 */
	public function on_paid_status( $order_id, $order = null, $transition = array() ): void {
		$order = self::order( $order_id, $order );
		if ( null === $order || ! AuthorizationLapse::is_authorized( $order ) || isset( $this->running[ $order->get_id() ] ) ) {
			return;
		}
		$result = $this->capture( $order );
		if ( true === $result ) {
			return;
		}
		$data = (array) $result->get_error_data();
		if ( ! empty( $data['keep_status'] ) ) {
			// The same capture is running in another request: its outcome decides.
			unset( $this->refused[ $order->get_id() ] );
			AdminNotices::add( self::message( $order, /* translators: %s: order number. */ __( 'RU Payments, order #%s: the payment is being captured by another request.', 'ru-payments-for-woocommerce' ), $result->get_error_message() ), 'warning' );
			return;
		}
		if ( ! is_array( $transition ) || empty( $transition['from'] ) ) {
			// WooCommerce fires no `woocommerce_order_status_changed` for a first status.
			$this->revert( $order );
			return;
		}
		$this->to_revert[ $order->get_id() ] = true;
	}

	/**
	 * Hooked on `woocommerce_order_status_changed`: sets an order whose capture was refused back to
	 * on-hold, after WooCommerce noted the change the shop manager made.
	 *
	 * @param mixed $order_id Order id.
	 * @param mixed $from     Old status.
	 * @param mixed $to       New status.
	 * @param mixed $order    Order.
	 */
	public function on_status_changed( $order_id, $from = '', $to = '', $order = null ): void {
		$order = self::order( $order_id, $order );
		if ( null !== $order && isset( $this->to_revert[ $order->get_id() ] ) && in_array( $to, array( 'processing', 'completed' ), true ) ) {
			$this->revert( $order );
		}
	}

	/**
	 * Hooked on `woocommerce_order_status_cancelled`: cancels an authorisation, so the provider
	 * releases the customer's money.
	 *
	 * @param mixed $order_id Order id.
	 * @param mixed $order    Order being saved.
	 */
	public function on_cancelled( $order_id, $order = null ): void {
		$order = self::order( $order_id, $order );
		if ( null === $order || ! AuthorizationLapse::is_authorized( $order ) ) {
			return;
		}
		$result = $this->processor->cancel( $order );
		if ( is_wp_error( $result ) ) {
			AdminNotices::add( self::message( $order, /* translators: %s: order number. */ __( 'RU Payments, order #%s: the order is cancelled, but its authorisation could not be cancelled, so the customer\'s money stays held until the authorisation lapses.', 'ru-payments-for-woocommerce' ), $result->get_error_message() ) );
		}
	}

	/**
	 * Hooked on `woocommerce_order_actions`: offers the capture for an authorised payment.
	 *
	 * @param mixed $actions Actions (id => label).
	 * @param mixed $order   Order (WooCommerce 5.8+).
	 * @return mixed
	 */
	public function order_actions( $actions, $order = null ) {
		if ( ! $order instanceof \WC_Order ) {
			global $theorder;
			$order = $theorder;
		}
		if ( is_array( $actions ) && $order instanceof \WC_Order && current_user_can( 'manage_woocommerce' ) && AuthorizationLapse::is_authorized( $order ) ) {
			$actions[ self::ORDER_ACTION ] = __( 'Capture payment (RU Payments)', 'ru-payments-for-woocommerce' );
		}
		return $actions;
	}

	/**
	 * Hooked on `woocommerce_order_action_ru_payments_capture` (WooCommerce checked the order edit
	 * nonce and the right to edit the order): captures, then completes the payment.
	 *
	 * @param mixed $order Order.
	 */
	public function order_action( $order ): void {
		if ( ! $order instanceof \WC_Order || ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		if ( ! AuthorizationLapse::is_authorized( $order ) ) {
			AdminNotices::add( self::message( $order, /* translators: %s: order number. */ __( 'RU Payments, order #%s: there is no authorised payment waiting for capture.', 'ru-payments-for-woocommerce' ) ), 'warning' );
			return;
		}
		if ( isset( $this->running[ $order->get_id() ] ) ) {
			return;
		}
		$result = $this->capture( $order );
		if ( is_wp_error( $result ) ) {
			AdminNotices::add( self::message( $order, /* translators: %s: order number. */ __( 'RU Payments, order #%s: the payment could not be captured.', 'ru-payments-for-woocommerce' ), $result->get_error_message() ) );
			return;
		}

		// Read again: a `paid` event may have completed the order while the capture ran.
		$fresh = wc_get_order( $order->get_id() );
		$fresh = $fresh instanceof \WC_Order ? $fresh : $order;
		if ( ! $fresh->is_paid() ) {
			$fresh->payment_complete( (string) $fresh->get_transaction_id() );
		}
		AdminNotices::add( self::message( $order, /* translators: %s: order number. */ __( 'RU Payments, order #%s: the payment was captured.', 'ru-payments-for-woocommerce' ) ), 'success' );
	}

	/**
	 * Hooked on `woocommerce_email_enabled_customer_processing_order` and `…_completed_order`: no
	 * such e-mail for an order whose capture was just refused.
	 *
	 * @param mixed $enabled Whether the e-mail is enabled.
	 * @param mixed $object  The e-mail's object (the order).
	 * @return mixed
	 */
	public function email_enabled( $enabled, $object = null ) {
		if ( $object instanceof \WC_Order && isset( $this->refused[ $object->get_id() ] ) ) {
			return false;
		}
		return $enabled;
	}

	/**
	 * Hooked on `ru_payments_event_applied`: an authorisation that started or ended changes the
	 * list of lapsing authorisations.
	 *
	 * @param mixed $order Order.
	 * @param mixed $event Event.
	 */
	public function on_event( $order, $event = null ): void {
		if ( $event instanceof PaymentEvent && in_array( PaymentStatus::AUTHORIZED, array( $event->status, $event->previous_status ), true ) ) {
			LapsingAuthorizations::forget();
		}
	}

	/**
	 * @return true|\WP_Error
	 */
	private function capture( \WC_Order $order ): bool|\WP_Error {
		$this->running[ $order->get_id() ] = true;
		try {
			$result = $this->processor->capture( $order );
		} finally {
			unset( $this->running[ $order->get_id() ] );
		}
		if ( is_wp_error( $result ) ) {
			$this->refused[ $order->get_id() ] = $result->get_error_message();
		} else {
			unset( $this->refused[ $order->get_id() ] );
		}
		return $result;
	}

	private function revert( \WC_Order $order ): void {
		unset( $this->to_revert[ $order->get_id() ] );
		$explanation = $this->refused[ $order->get_id() ] ?? '';
		$order->set_status( 'on-hold', __( 'RU Payments: the payment could not be captured, so the order was set back to On hold.', 'ru-payments-for-woocommerce' ) );
		$order->save();
		AdminNotices::add( self::message( $order, /* translators: %s: order number. */ __( 'RU Payments, order #%s: the payment could not be captured, so the order is on hold again.', 'ru-payments-for-woocommerce' ), $explanation ) );
	}

	/**
	 * "RU Payments, order #123: <what happened>" followed by why (a sentence of its own).
	 *
	 * @param string $what Translated sentence with %s for the order number.
	 */
	private static function message( \WC_Order $order, string $what, string $why = '' ): string {
		return trim( sprintf( $what, $order->get_order_number() ) . ' ' . $why );
	}

	private static function order( mixed $order_id, mixed $order ): ?\WC_Order {
		if ( $order instanceof \WC_Order ) {
			return $order;
		}
		$order = is_numeric( $order_id ) ? wc_get_order( (int) $order_id ) : false;
		return $order instanceof \WC_Order ? $order : null;
	}
}
