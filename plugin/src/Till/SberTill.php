<?php
/**
 * «Плати частями» at the till: a payment link shown as a QR code or sent by SMS.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

use RuPayments\Gateways\Gateway;
use RuPayments\Gateways\Methods;
use RuPayments\Orders\AuthorizationLapse;
use RuPayments\Orders\OfflineLink;
use RuPayments\Orders\OrderMeta;
use RuPayments\Orders\PaymentStatus;
use RuPayments\Orders\StatusApplier;
use RuPayments\Payments\AuthorizationProcessor;
use RuPayments\Payments\PaymentRequest;
use RuPayments\Payments\PaymentRequestBuilder;
use RuPayments\Providers\ProviderFields;
use RuPayments\Providers\ProviderSettings;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Money;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * The link is the sidecar's Sber offline link (the same create-payment body as the checkout). The
 * order is then changed only by the signed events the sidecar sends (paid, authorized, …), like a
 * checkout order; the till reads the order. Deposit and cancel of a two-stage authorisation use the
 * plugin's AuthorizationProcessor, a refund goes through the «Плати частями» gateway
 * (wc_create_refund with refund_payment), and a paid sale is reversed the same day (before
 * midnight Moscow time) with the sidecar's reversal.
 */
final class SberTill {

	/**
	 * @param \Closure():array<string,Gateway> $gateways The plugin's gateways.
	 */
	public function __construct(
		private readonly SidecarClient $client,
		private readonly AuthorizationProcessor $authorizations,
		private readonly StatusApplier $applier,
		private readonly ProviderSettings $provider_settings,
		private readonly TillSettings $settings,
		private readonly \Closure $gateways,
		private readonly PaymentRequestBuilder $builder = new PaymentRequestBuilder()
	) {
	}

	public function gateway(): ?Gateway {
		$gateway = ( $this->gateways )()[ Methods::SBER_BNPL ] ?? null;
		return $gateway instanceof Gateway ? $gateway : null;
	}

	/**
	 * Creates the link for a new till order.
	 */
	public function link( \WC_Order $order ): OfflineLink|WP_Error {
		$gateway = $this->gateway();
		$profile = $gateway ? $gateway->fallback_profile() : 'default';
		$request = new PaymentRequest(
			Methods::SBER_BNPL,
			ProviderFields::SBER,
			$profile,
			(string) $order->get_checkout_order_received_url(),
			null,
			$this->settings->all()['test_mode'] || ( $gateway && $gateway->is_test_mode() ),
			'yes' === ( $this->provider_settings->get( ProviderFields::SBER, $profile )['twoStage'] ?? 'no' )
		);
		try {
			$body = $this->builder->build( $order, $request );
		} catch ( \InvalidArgumentException $e ) {
			return new WP_Error( 'ru_payments_till_invalid', __( 'An amount of the order is not a valid number.', 'ru-payments-for-woocommerce' ), array( 'status' => 400 ) );
		}
		$body['lang'] = str_starts_with( determine_locale(), 'ru' ) ? 'ru' : 'en';
		$answer       = $this->client->create_sber_offline_link( $body, 'till-offline-' . $order->get_id() );
		if ( is_wp_error( $answer ) ) {
			return $answer;
		}
		$link = OfflineLink::from_answer( $answer, 1, time() );
		if ( null === $link ) {
			return new WP_Error( 'ru_payments_bad_response', __( 'The payment service sent no payment link.', 'ru-payments-for-woocommerce' ), array( 'status' => 502 ) );
		}
		$status = (string) ( $answer['payment']['status'] ?? PaymentStatus::CREATED );
		OrderMeta::bind_payment( $order, $link->payment_id );
		$order->update_meta_data( OrderMeta::STATUS, PaymentStatus::is_valid( $status ) ? $status : PaymentStatus::CREATED );
		$order->update_meta_data( OrderMeta::PROVIDER, ProviderFields::SBER );
		$order->update_meta_data( OrderMeta::PROFILE, $profile );
		$provider_payment_id = (string) ( $answer['payment']['provider_payment_id'] ?? '' );
		if ( '' !== $provider_payment_id ) {
			$order->update_meta_data( OrderMeta::PROVIDER_PAYMENT_ID, $provider_payment_id );
		}
		$link->save_to( $order );
		$order->save();
		return $link;
	}

	/**
	 * Hands the SMS text to the shop's SMS gateway (the `ru_payments_till_send_sms` filter).
	 */
	public function send_sms( \WC_Order $order, string $phone ): bool {
		$link = OfflineLink::of( $order );
		if ( null === $link ) {
			return false;
		}
		/**
		 * Sends the «Плати частями» link by SMS. Return true once the shop's SMS gateway took it.
		 *
		 * @param bool      $sent  False.
		 * @param string    $phone The buyer's phone as the cashier typed it.
		 * @param string    $text  The SMS text (with the payment link).
		 * @param \WC_Order $order The till order.
		 */
		$sent = (bool) apply_filters( 'ru_payments_till_send_sms', false, $phone, $link->sms_text, $order );
		if ( $sent ) {
			$order->add_order_note( __( 'RU Payments: the «Плати частями» link was sent by SMS.', 'ru-payments-for-woocommerce' ) );
		}
		return $sent;
	}

	/**
	 * Completes (deposits) a two-stage authorisation.
	 */
	public function capture( \WC_Order $order ): bool|WP_Error {
		$result = $this->authorizations->capture( $order );
		if ( true !== $result ) {
			return $result;
		}
		$fresh = wc_get_order( $order->get_id() );
		if ( $fresh instanceof \WC_Order && ! $fresh->is_paid() ) {
			$fresh->payment_complete( (string) $fresh->get_transaction_id() );
		}
		return true;
	}

	/**
	 * Cancels the sale: the hold is released, a sale paid today is reversed (all the money back,
	 * until midnight Moscow time), an unpaid link is left to expire and the order is cancelled.
	 */
	public function cancel( \WC_Order $order ): bool|WP_Error {
		if ( AuthorizationLapse::is_authorized( $order ) ) {
			$result = $this->authorizations->cancel( $order );
			if ( true !== $result ) {
				return $result;
			}
			$fresh = wc_get_order( $order->get_id() );
			$fresh->update_status( 'cancelled', __( 'RU Payments: cancelled at the till.', 'ru-payments-for-woocommerce' ) );
			return true;
		}
		if ( $order->is_paid() ) {
			$id     = OrderMeta::payment_id( $order );
			$answer = $this->client->request( 'POST', '/v1/providers/sber/payments/' . rawurlencode( $id ) . '/reverse', array(), 'till-reverse-' . $id );
			if ( is_wp_error( $answer ) ) {
				return $answer;
			}
			$status = (string) ( $answer['status'] ?? $answer['payment']['status'] ?? PaymentStatus::REFUNDED );
			$this->applier->apply( $order, PaymentStatus::is_valid( $status ) ? $status : PaymentStatus::REFUNDED, ProviderFields::SBER, (string) $order->get_transaction_id(), Money::to_kopecks( (string) $order->get_total() ) );
			$order->save();
			return true;
		}
		$order->update_status( 'cancelled', __( 'RU Payments: cancelled at the till before it was paid; the payment link expires unused.', 'ru-payments-for-woocommerce' ) );
		return true;
	}

	/**
	 * Refunds the returned items (order item id → quantity), or everything when null, through the
	 * «Плати частями» gateway; returned products go back to stock.
	 *
	 * @param array<int,int>|null $returned Returned quantities.
	 */
	public function refund( \WC_Order $order, ?array $returned, string $reason ): bool|WP_Error {
		$lines  = array();
		$amount = 0.0;
		foreach ( $order->get_items( array( 'line_item', 'fee' ) ) as $id => $item ) {
			$quantity = max( 1, (int) $item->get_quantity() );
			$count    = null === $returned ? $quantity - abs( (int) $order->get_qty_refunded_for_item( $id ) ) : min( $quantity, (int) ( $returned[ (int) $id ] ?? 0 ) );
			if ( $count < 1 ) {
				continue;
			}
			$share        = $count / $quantity;
			$total        = (float) wc_format_decimal( (float) $item->get_total() * $share, 2 );
			$taxes        = array_map( static fn ( $tax ) => (float) wc_format_decimal( (float) $tax * $share, 2 ), (array) ( $item->get_taxes()['total'] ?? array() ) );
			$lines[ $id ] = array(
				'qty'          => $count,
				'refund_total' => $total,
				'refund_tax'   => $taxes,
			);
			$amount      += $total + array_sum( $taxes );
		}
		if ( null === $returned ) {
			$amount = (float) $order->get_remaining_refund_amount();
		}
		if ( $amount <= 0 ) {
			return new WP_Error( 'ru_payments_till_invalid', __( 'Nothing to refund: choose the returned items.', 'ru-payments-for-woocommerce' ), array( 'status' => 400 ) );
		}
		$refund = wc_create_refund(
			array(
				'order_id'       => $order->get_id(),
				'amount'         => wc_format_decimal( $amount, 2 ),
				'reason'         => '' !== $reason ? $reason : __( 'Refund at the till («Плати частями»).', 'ru-payments-for-woocommerce' ),
				'line_items'     => $lines,
				'refund_payment' => true,
				'restock_items'  => true,
			)
		);
		return is_wp_error( $refund ) ? $refund : true;
	}
}
