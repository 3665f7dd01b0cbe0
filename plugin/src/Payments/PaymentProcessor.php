<?php
/**
 * process_payment() of the RU Payments gateways.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Payments;

use RuPayments\Checkout\CheckoutContext;
use RuPayments\Checkout\Payer;
use RuPayments\Checkout\PayerFields;
use RuPayments\Gateways\Availability;
use RuPayments\Gateways\Gateway;
use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\PaymentStatus;
use RuPayments\Profiles\ProfileResolver;
use RuPayments\Providers\ProviderSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\ErrorReporter;
use RuPayments\Support\Logger;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Re-checks the order server-side, creates the payment in the sidecar with a stable idempotency key
 * and sends the shopper to the provider. The order stays pending: its status changes only through
 * signed sidecar events. The cart is left to WooCommerce (emptied on the thank-you page).
 *
 * Shoppers only ever see translated messages chosen here; sidecar and provider texts go to the log.
 */
final class PaymentProcessor {

	public function __construct(
		private readonly SidecarClient $client,
		private readonly Availability $availability,
		private readonly ProfileResolver $profiles,
		private readonly ProviderSettings $provider_settings,
		private readonly ErrorReporter $reporter,
		private readonly Logger $logger,
		private readonly PaymentRequestBuilder $builder = new PaymentRequestBuilder()
	) {
	}

	/**
	 * @param Gateway             $gateway Gateway.
	 * @param int                 $order_id Order id.
	 * @param array<string,mixed> $posted   Unslashed request data (payer fields).
	 * @return array{result: string, redirect?: string}
	 */
	public function process( Gateway $gateway, int $order_id, array $posted ): array {
		$order = wc_get_order( $order_id );
		if ( ! $order instanceof \WC_Order ) {
			return $this->refuse( __( 'We could not find your order. Please try again.', 'ru-payments-for-woocommerce' ) );
		}
		if ( $order->is_paid() ) {
			return $this->refuse( __( 'This order is already paid.', 'ru-payments-for-woocommerce' ) );
		}

		// The same checks as is_available(), on the order itself: a manipulated request (another
		// total, currency or mix of sellers than the checkout offered) is refused.
		$context = CheckoutContext::for_order( $order, $this->profiles );
		$reason  = $this->availability->unavailable_reason( $gateway, $context );
		if ( null !== $reason ) {
			$this->logger->warning( sprintf( 'Order %d: %s refused the payment server-side (%s).', $order_id, $gateway->id, $reason ) );
			return $this->refuse( self::unavailable_message( $reason ) );
		}
		$profile = (string) $context->profile?->resolve( $gateway->fallback_profile() );

		$payer = null;
		if ( $gateway->definition()->legal_entity ) {
			$read = PayerFields::read( $posted );
			if ( null === $read['payer'] ) {
				foreach ( $read['errors'] as $field => $message ) {
					wc_add_notice( $message, 'error', array( 'id' => $field ) );
				}
				return array( 'result' => 'failure' );
			}
			$payer = $read['payer'];
			$order->update_meta_data( OrderMeta::PAYER, $payer->to_array() );
			if ( '' === $order->get_billing_company() ) {
				$order->set_billing_company( $payer->name );
			}
		}

		$provider = $gateway->provider();
		$request  = new PaymentRequest(
			$gateway->id,
			$provider,
			$profile,
			$gateway->get_return_url( $order ),
			$payer,
			$gateway->is_test_mode(),
			'yes' === ( $this->provider_settings->get( $provider, $profile )['twoStage'] ?? 'no' )
		);
		try {
			$body = $this->builder->build( $order, $request );
		} catch ( \InvalidArgumentException $e ) {
			$this->logger->error( sprintf( 'Order %d: an amount of the order is not a decimal number.', $order_id ) );
			return $this->refuse( self::generic_message() );
		}
		$order->update_meta_data( OrderMeta::PROFILE, $profile );
		$order->update_meta_data( OrderMeta::PROVIDER, $provider );

		$attempt = AttemptCounter::next( $order );
		$answer  = $this->client->create_payment( $body, AttemptCounter::key( $order, $attempt ) );
		if ( is_wp_error( $answer ) && 'idempotency_key_reused' === self::sidecar_code( $answer ) ) {
			// The order changed since this attempt's key was first used (items, total, payer): the
			// old payment is left as it is and a new attempt starts.
			$attempt = AttemptCounter::close( $order );
			$answer  = $this->client->create_payment( $body, AttemptCounter::key( $order, $attempt ) );
		}

		if ( is_wp_error( $answer ) ) {
			return $this->failed( $gateway, $order, $answer, $attempt );
		}

		$payment_id = is_string( $answer['id'] ?? null ) ? $answer['id'] : '';
		$status     = is_string( $answer['status'] ?? null ) ? $answer['status'] : '';
		if ( '' === $payment_id || in_array( $status, array( PaymentStatus::FAILED, PaymentStatus::CANCELLED, PaymentStatus::EXPIRED ), true ) ) {
			return $this->failed( $gateway, $order, new WP_Error( 'ru_payments_bad_response', '', array( 'status' => 201, 'sidecar_code' => '' === $payment_id ? 'no_payment_id' : 'payment_' . $status ) ), $attempt, true );
		}

		$is_new = OrderMeta::payment_id( $order ) !== $payment_id;
		OrderMeta::bind_payment( $order, $payment_id );
		if ( $is_new ) {
			$order->update_meta_data( OrderMeta::STATUS, PaymentStatus::is_valid( $status ) ? $status : PaymentStatus::CREATED );
			if ( $order->has_status( array( 'failed', 'cancelled' ) ) ) {
				// A new attempt on a failed order: it waits for this payment again, so the thank-you
				// page polls instead of repeating the old failure.
				$order->set_status( 'pending', __( 'RU Payments: the customer is paying again.', 'ru-payments-for-woocommerce' ) );
			}
			$order->add_order_note(
				sprintf(
					/* translators: 1: payment id, 2: provider name, 3: attempt number. */
					__( 'RU Payments: payment %1$s created with %2$s (attempt %3$d). Waiting for the customer to pay.', 'ru-payments-for-woocommerce' ),
					$payment_id,
					$provider,
					$attempt
				)
			);
		}
		$provider_payment_id = is_string( $answer['provider_payment_id'] ?? null ) ? $answer['provider_payment_id'] : '';
		if ( '' !== $provider_payment_id ) {
			$order->update_meta_data( OrderMeta::PROVIDER_PAYMENT_ID, $provider_payment_id );
		}
		$order->save();

		$this->logger->info( sprintf( 'Order %d: payment %s %s (%s, attempt %d).', $order_id, $payment_id, $is_new ? 'created' : 'reused', $provider, $attempt ) );

		$redirect = is_string( $answer['redirect_url'] ?? null ) ? esc_url_raw( $answer['redirect_url'], array( 'https', 'http' ) ) : '';
		return array(
			'result'   => 'success',
			'redirect' => '' !== $redirect ? $redirect : $request->return_url,
		);
	}

	/**
	 * A failed create: log, report, tell the shopper in plain words, keep the order payable.
	 *
	 * @param bool $final Whether this attempt's key must not be used again.
	 * @return array{result: string}
	 */
	private function failed( Gateway $gateway, \WC_Order $order, WP_Error $error, int $attempt, bool $final = false ): array {
		$data   = (array) $error->get_error_data();
		$status = (int) ( $data['status'] ?? 0 );
		$code   = self::sidecar_code( $error );
		$field  = (string) ( $data['field'] ?? '' );

		// A client error is the sidecar's final answer for this key (it would only be replayed);
		// 409 means the same attempt is still running, which the shopper simply waits for.
		if ( $final || ( $status >= 400 && $status < 500 && 409 !== $status && 401 !== $status ) ) {
			AttemptCounter::close( $order );
		}
		$order->save();

		$this->logger->warning(
			sprintf(
				'Order %d: the payment was not created (%s, attempt %d): %s, HTTP %d%s.',
				$order->get_id(),
				$gateway->id,
				$attempt,
				'' !== $code ? $code : $error->get_error_code(),
				$status,
				'' !== $field ? ', field ' . $field : ''
			)
		);

		if ( 'idempotency_in_progress' === $code ) {
			return $this->refuse( __( 'Your payment is already being prepared. Please wait a few seconds and try again.', 'ru-payments-for-woocommerce' ) );
		}
		if ( str_starts_with( $field, 'payer.' ) ) {
			return $this->refuse( __( 'The payment service did not accept the company details. Please check the INN, KPP and legal address.', 'ru-payments-for-woocommerce' ) );
		}

		$this->reporter->send(
			$gateway->error_email(),
			__( 'RU Payments: a payment could not be created', 'ru-payments-for-woocommerce' ),
			sprintf(
				/* translators: 1: order number, 2: payment method title, 3: provider id, 4: error code, 5: HTTP status. */
				__( 'Order #%1$s: the payment with "%2$s" (provider %3$s) could not be created. Error: %4$s (HTTP %5$d).', 'ru-payments-for-woocommerce' ),
				$order->get_order_number(),
				$gateway->get_title(),
				$gateway->provider(),
				'' !== $code ? $code : $error->get_error_code(),
				$status
			),
			'create|' . $gateway->id . '|' . ( '' !== $code ? $code : $error->get_error_code() )
		);

		if ( 'amount_out_of_range' === $code ) {
			return $this->refuse( self::unavailable_message( Availability::LIMITS ) );
		}
		return $this->refuse( self::generic_message() );
	}

	/**
	 * @return array{result: string}
	 */
	private function refuse( string $message ): array {
		wc_add_notice( $message, 'error' );
		return array( 'result' => 'failure' );
	}

	private static function sidecar_code( WP_Error $error ): string {
		$data = $error->get_error_data();
		return is_array( $data ) ? (string) ( $data['sidecar_code'] ?? '' ) : '';
	}

	public static function generic_message(): string {
		return __( 'We could not start the payment. Please try again in a few minutes or choose another payment method.', 'ru-payments-for-woocommerce' );
	}

	/**
	 * Why the method cannot pay this order, for the shopper.
	 */
	public static function unavailable_message( string $reason ): string {
		return match ( $reason ) {
			Availability::CURRENCY       => __( 'This payment method accepts payments in Russian roubles only.', 'ru-payments-for-woocommerce' ),
			Availability::LIMITS         => __( 'This payment method is not available for this order total. Please choose another payment method.', 'ru-payments-for-woocommerce' ),
			Availability::MIXED_PROFILES => __( 'These products are sold by different sellers; please place separate orders.', 'ru-payments-for-woocommerce' ),
			default                      => __( 'This payment method is not available right now. Please choose another payment method.', 'ru-payments-for-woocommerce' ),
		};
	}
}
