<?php
/**
 * admin-ajax handlers behind the «Плати частями» payment link meta box.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Gateways\Gateway;
use RuPayments\Gateways\Methods;
use RuPayments\Orders\OfflineLink;
use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\PaymentStatus;
use RuPayments\Payments\PaymentRequest;
use RuPayments\Payments\PaymentRequestBuilder;
use RuPayments\Profiles\ProfileResolver;
use RuPayments\Providers\ProviderFields;
use RuPayments\Providers\ProviderSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Logger;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * - `ru_payments_offline_link` (POST `order_id`): creates the link with
 *   `POST /v1/providers/sber/offline-links` — the same create-payment body as the checkout
 *   (PaymentRequestBuilder: same amounts and basket), plus `lang` — under the Idempotency-Key
 *   `offline-<order id>-<attempt>`, binds the payment to the order and answers
 *   `{"success":true,"data":{"message","state","html"}}`.
 * - `ru_payments_offline_link_status` (POST `order_id`): the order's state for the polling script,
 *   read from the order only (no remote call): `{"state","final","label","html"}`.
 *
 * Both check the nonce and `manage_woocommerce`. Sber's refusals are shown to the admin with the
 * sidecar's `message_ru` / `message_en` (by the admin's language); shoppers never reach this.
 *
 * The attempt moves on when the link of the current attempt expired or its payment ended unpaid,
 * when the sidecar refused the attempt with a final client error, or when the order changed since
 * the key was first used (422 idempotency_key_reused, retried once with the next attempt).
 */
final class OfflineLinkHandler {

	public const ACTION        = 'ru_payments_offline_link';
	public const STATUS_ACTION = 'ru_payments_offline_link_status';

	private const FINAL_UNPAID = array( PaymentStatus::FAILED, PaymentStatus::CANCELLED, PaymentStatus::EXPIRED );

	/**
	 * @var null|callable():int
	 */
	private $clock;

	/**
	 * @param SidecarClient                      $client            Sidecar client.
	 * @param ProfileResolver                    $profiles          Products' profiles.
	 * @param ProviderSettings                   $provider_settings Provider settings (two-stage).
	 * @param \Closure():array<string,Gateway>   $gateways          The plugin's gateways (the «Плати частями» one gives test mode, profile and title).
	 * @param TestConnectionHandler              $explainer         Explains sidecar errors to the admin.
	 * @param Logger                             $logger            Logger.
	 * @param PaymentRequestBuilder              $builder           Create-payment body builder.
	 * @param null|callable():int                $clock             Clock (tests).
	 */
	public function __construct(
		private readonly SidecarClient $client,
		private readonly ProfileResolver $profiles,
		private readonly ProviderSettings $provider_settings,
		private readonly \Closure $gateways,
		private readonly TestConnectionHandler $explainer,
		private readonly Logger $logger,
		private readonly PaymentRequestBuilder $builder = new PaymentRequestBuilder(),
		?callable $clock = null
	) {
		$this->clock = $clock;
	}

	public function register(): void {
		add_action( 'wp_ajax_' . self::ACTION, array( $this, 'create' ) );
		add_action( 'wp_ajax_' . self::STATUS_ACTION, array( $this, 'status' ) );
	}

	/**
	 * Creates (or shows again) the link. Sends JSON and exits.
	 */
	public function create(): void {
		$order = $this->authorised_order( self::ACTION );
		if ( null === $order ) {
			return;
		}
		if ( ! OfflineLinkMetaBox::can_create( $order ) ) {
			wp_send_json_error( array( 'message' => __( 'Only an order awaiting payment (status "Pending payment") can be sent to «Плати частями».', 'ru-payments-for-woocommerce' ) ), 409 );
			return;
		}
		if ( 'RUB' !== (string) $order->get_currency() ) {
			wp_send_json_error( array( 'message' => __( '«Плати частями» accepts payments in Russian roubles only.', 'ru-payments-for-woocommerce' ) ), 400 );
			return;
		}

		$gateway = ( $this->gateways )()[ Methods::SBER_BNPL ] ?? null;
		$gateway = $gateway instanceof Gateway ? $gateway : null;
		$profile = $this->profiles->for_order( $order )->resolve( $gateway ? $gateway->fallback_profile() : 'default' );
		if ( null === $profile ) {
			wp_send_json_error( array( 'message' => __( 'The order holds products of different sellers (profiles); split it into one order per seller first.', 'ru-payments-for-woocommerce' ) ), 400 );
			return;
		}

		$request = new PaymentRequest(
			Methods::SBER_BNPL,
			ProviderFields::SBER,
			$profile,
			(string) $order->get_checkout_order_received_url(),
			null,
			$gateway ? $gateway->is_test_mode() : false,
			'yes' === ( $this->provider_settings->get( ProviderFields::SBER, $profile )['twoStage'] ?? 'no' )
		);
		try {
			$body = $this->builder->build( $order, $request );
		} catch ( \InvalidArgumentException $e ) {
			$this->logger->error( sprintf( 'Order %d: an amount of the order is not a decimal number; no offline link created.', $order->get_id() ) );
			wp_send_json_error( array( 'message' => __( 'An amount of the order is not a valid number. Check the order items and totals.', 'ru-payments-for-woocommerce' ) ), 400 );
			return;
		}
		$body['lang'] = $this->lang( $order );

		$attempt = $this->next_attempt( $order );
		$answer  = $this->client->create_sber_offline_link( $body, self::key( $order, $attempt ) );
		if ( is_wp_error( $answer ) && 'idempotency_key_reused' === self::sidecar_code( $answer ) ) {
			// The order changed since this attempt's key was first used: the old link is left to expire.
			$attempt = $this->close_attempt( $order );
			$answer  = $this->client->create_sber_offline_link( $body, self::key( $order, $attempt ) );
		}
		if ( is_wp_error( $answer ) ) {
			$this->failed( $order, $answer, $attempt );
			return;
		}

		$now    = $this->now();
		$link   = OfflineLink::from_answer( $answer, $attempt, $now );
		$status = is_array( $answer['payment'] ?? null ) && is_string( $answer['payment']['status'] ?? null ) ? $answer['payment']['status'] : '';
		if ( null === $link || in_array( $status, self::FINAL_UNPAID, true ) ) {
			$this->failed( $order, new WP_Error( 'ru_payments_bad_response', '', array( 'status' => 201, 'sidecar_code' => null === $link ? 'no_payment_link' : 'payment_' . $status ) ), $attempt, true );
			return;
		}

		$is_new = OrderMeta::payment_id( $order ) !== $link->payment_id;
		OrderMeta::bind_payment( $order, $link->payment_id );
		if ( $is_new ) {
			$order->update_meta_data( OrderMeta::STATUS, PaymentStatus::is_valid( $status ) ? $status : PaymentStatus::CREATED );
		}
		$order->update_meta_data( OrderMeta::PROVIDER, ProviderFields::SBER );
		$order->update_meta_data( OrderMeta::PROFILE, $profile );
		$provider_payment_id = is_string( $answer['payment']['provider_payment_id'] ?? null ) ? $answer['payment']['provider_payment_id'] : '';
		if ( '' !== $provider_payment_id ) {
			$order->update_meta_data( OrderMeta::PROVIDER_PAYMENT_ID, $provider_payment_id );
		}
		// Signed events change only orders paid with one of this plugin's methods.
		$method_changed = Methods::SBER_BNPL !== (string) $order->get_payment_method();
		if ( $method_changed ) {
			$order->set_payment_method( Methods::SBER_BNPL );
			$order->set_payment_method_title( $gateway && '' !== (string) $gateway->get_title() ? (string) $gateway->get_title() : __( 'Plati chastyami', 'ru-payments-for-woocommerce' ) );
		}
		$link->save_to( $order );
		if ( $is_new ) {
			$note = sprintf(
				/* translators: 1: payment id, 2: attempt number, 3: date and time. */
				__( 'RU Payments: «Плати частями» payment link created for payment %1$s (attempt %2$d), valid until %3$s.', 'ru-payments-for-woocommerce' ),
				$link->payment_id,
				$attempt,
				$link->expires_at > 0 ? wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $link->expires_at ) : '—'
			);
			if ( $method_changed ) {
				$note .= ' ' . __( 'The payment method of the order was set to «Плати частями».', 'ru-payments-for-woocommerce' );
			}
			$order->add_order_note( $note, 0, true );
		}
		$order->save();

		$this->logger->info( sprintf( 'Order %d: offline link for payment %s %s (sber, attempt %d).', $order->get_id(), $link->payment_id, $is_new ? 'created' : 'shown again', $attempt ) );

		$state = OfflineLinkMetaBox::state( $order, $link, $now );
		wp_send_json_success(
			array(
				'message' => $is_new
					? __( 'The link is ready. Show the QR code or send the SMS text to the customer.', 'ru-payments-for-woocommerce' )
					: __( 'This is the link already created for the order; it is still valid.', 'ru-payments-for-woocommerce' ),
				'state'   => $state,
				'html'    => OfflineLinkMetaBox::panel_html( $order, $link, $now ),
			)
		);
	}

	/**
	 * The order's state for the polling script. Reads the order only (its status changes only
	 * through verified sidecar events); never calls the sidecar.
	 */
	public function status(): void {
		$order = $this->authorised_order( self::STATUS_ACTION );
		if ( null === $order ) {
			return;
		}
		$now   = $this->now();
		$link  = OfflineLink::of( $order );
		$state = OfflineLinkMetaBox::state( $order, $link, $now );
		wp_send_json_success(
			array(
				'state' => $state,
				'final' => OfflineLinkMetaBox::STATE_PENDING !== $state,
				'label' => OfflineLinkMetaBox::state_label( $state ),
				'html'  => OfflineLinkMetaBox::panel_html( $order, $link, $now ),
			)
		);
	}

	public static function key( \WC_Order $order, int $attempt ): string {
		return sprintf( 'offline-%d-%d', $order->get_id(), $attempt );
	}

	/**
	 * Nonce, capability and the order; answers the refusal itself and returns null.
	 */
	private function authorised_order( string $action ): ?\WC_Order {
		if ( ! AjaxGuard::allows( $action ) ) {
			return null;
		}
		$order_id = isset( $_POST['order_id'] ) ? absint( wp_unslash( $_POST['order_id'] ) ) : 0; // phpcs:ignore WordPress.Security.NonceVerification.Missing -- verified above with check_ajax_referer().
		$order    = $order_id > 0 ? wc_get_order( $order_id ) : false;
		if ( ! $order instanceof \WC_Order ) {
			wp_send_json_error( array( 'message' => __( 'Order not found.', 'ru-payments-for-woocommerce' ) ), 404 );
			return null;
		}
		return $order;
	}

	/**
	 * The attempt for this call: moved on once when the current attempt's link expired or its
	 * payment ended unpaid. The caller saves the order.
	 */
	private function next_attempt( \WC_Order $order ): int {
		$attempt = max( 1, (int) $order->get_meta( OrderMeta::OFFLINE_ATTEMPT, true ) );
		$link    = OfflineLink::of( $order );
		if (
			null !== $link
			&& $link->attempt === $attempt
			&& (
				$link->is_expired( $this->now() )
				|| ( OrderMeta::payment_id( $order ) === $link->payment_id && in_array( OrderMeta::status( $order ), self::FINAL_UNPAID, true ) )
			)
		) {
			++$attempt;
		}
		$order->update_meta_data( OrderMeta::OFFLINE_ATTEMPT, $attempt );
		return $attempt;
	}

	private function close_attempt( \WC_Order $order ): int {
		$attempt = max( 1, (int) $order->get_meta( OrderMeta::OFFLINE_ATTEMPT, true ) ) + 1;
		$order->update_meta_data( OrderMeta::OFFLINE_ATTEMPT, $attempt );
		return $attempt;
	}

	/**
	 * A refused or failed create: log, keep the order as it is, tell the admin why.
	 *
	 * @param bool $final Whether this attempt's key must not be used again.
	 */
	private function failed( \WC_Order $order, WP_Error $error, int $attempt, bool $final = false ): void {
		$data   = (array) $error->get_error_data();
		$status = (int) ( $data['status'] ?? 0 );
		$code   = self::sidecar_code( $error );
		// A client error is stored by the sidecar as the final answer for the key; 409 means the
		// same attempt is still running, 401 is a signature problem that changes nothing.
		if ( $final || ( $status >= 400 && $status < 500 && 409 !== $status && 401 !== $status ) ) {
			$this->close_attempt( $order );
		}
		$order->save();

		$this->logger->warning(
			sprintf(
				'Order %d: the offline link was not created (attempt %d): %s, HTTP %d.',
				$order->get_id(),
				$attempt,
				'' !== $code ? $code : $error->get_error_code(),
				$status
			)
		);
		wp_send_json_error( array( 'message' => $this->error_message( $error ) ) );
	}

	/**
	 * Sber's own explanation in the admin's language when the sidecar gave one, else ours.
	 */
	public function error_message( WP_Error $error ): string {
		$data = (array) $error->get_error_data();
		$ru   = is_string( $data['sidecar_message_ru'] ?? null ) ? sanitize_text_field( $data['sidecar_message_ru'] ) : '';
		$en   = is_string( $data['sidecar_message_en'] ?? null ) ? sanitize_text_field( $data['sidecar_message_en'] ) : '';
		if ( '' !== $ru || '' !== $en ) {
			$russian = str_starts_with( (string) get_user_locale(), 'ru' );
			return $russian ? ( '' !== $ru ? $ru : $en ) : ( '' !== $en ? $en : $ru );
		}
		return match ( self::sidecar_code( $error ) ) {
			'idempotency_in_progress' => __( 'The link is still being created. Wait a few seconds and press the button again.', 'ru-payments-for-woocommerce' ),
			'no_payment_link'         => __( 'The sidecar answered without a usable payment link. Check the sidecar logs.', 'ru-payments-for-woocommerce' ),
			'payment_failed', 'payment_cancelled', 'payment_expired' => __( 'Sber did not accept the payment. Press the button again to create a new link.', 'ru-payments-for-woocommerce' ),
			default                   => $this->explainer->error_message( $error ),
		};
	}

	/**
	 * The SMS language: the customer's own locale when the order belongs to a registered customer,
	 * else the admin's; Russian for any `ru*` locale, English otherwise.
	 */
	private function lang( \WC_Order $order ): string {
		$customer = (int) $order->get_customer_id();
		$locale   = (string) ( $customer > 0 ? get_user_locale( $customer ) : get_user_locale() );
		$lang     = str_starts_with( $locale, 'ru' ) ? 'ru' : 'en';
		/**
		 * Filters the language (`ru` or `en`) of the SMS text of a «Плати частями» payment link.
		 *
		 * @param string    $lang  Language.
		 * @param \WC_Order $order Order.
		 */
		return 'en' === apply_filters( 'ru_payments_offline_link_lang', $lang, $order ) ? 'en' : 'ru';
	}

	private static function sidecar_code( WP_Error $error ): string {
		$data = $error->get_error_data();
		return is_array( $data ) ? (string) ( $data['sidecar_code'] ?? '' ) : '';
	}

	private function now(): int {
		return null === $this->clock ? time() : (int) ( $this->clock )();
	}
}
