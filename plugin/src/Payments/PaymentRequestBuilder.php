<?php
/**
 * The body of POST /v1/payments.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Payments;

use RuPayments\Frontend\PayPageNotice;
use RuPayments\Support\Money;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the create-payment body of the contract from an order: the amount in exact kopecks, the
 * items, the customer, the payer and the gateway's choices.
 */
final class PaymentRequestBuilder {

	public function __construct( private readonly ItemsBuilder $items = new ItemsBuilder() ) {
	}

	/**
	 * @return array<string,mixed>
	 * @throws \InvalidArgumentException When an amount of the order is not a decimal number.
	 */
	public function build( \WC_Order $order, PaymentRequest $request ): array {
		$body = array(
			'provider'    => $request->provider,
			'order_id'    => (string) $order->get_id(),
			'order_key'   => (string) $order->get_order_key(),
			'amount'      => Money::to_kopecks( (string) $order->get_total() ),
			'currency'    => (string) $order->get_currency(),
			'description' => sprintf(
				/* translators: %s: order number. */
				__( 'Order #%s', 'ru-payments-for-woocommerce' ),
				$order->get_order_number()
			),
			'return_url'  => $request->return_url,
			'fail_url'    => PayPageNotice::fail_url( $order ),
			'profile'     => $request->profile,
			'items'       => array(),
			'two_stage'   => $request->two_stage,
			'test'        => $request->test,
			'metadata'    => array(
				'gateway'        => $request->gateway_id,
				'order_number'   => (string) $order->get_order_number(),
				// The app id providers see (Invoicebox asks modules to name the CMS and the module version).
				'platform'       => self::platform(),
				'plugin_version' => RU_PAYMENTS_VERSION,
			),
		);

		$body['items'] = self::cover_rounding( $this->items->build( $order ), $body['amount'] );

		$customer = $this->customer( $order );
		if ( $customer ) {
			$body['customer'] = $customer;
		}
		if ( null !== $request->payer ) {
			$body['payer'] = $request->payer->to_array();
		}

		/**
		 * Filters the create-payment body sent to the sidecar.
		 *
		 * @param array<string,mixed> $body    Body as in the contract.
		 * @param \WC_Order           $order   Order.
		 * @param PaymentRequest      $request Gateway choices.
		 */
		return (array) apply_filters( 'ru_payments_create_payment_body', $body, $order, $request );
	}

	/**
	 * Lines are rounded to kopecks one by one, so with WooCommerce's "round tax at subtotal level"
	 * their sum can fall short of the order total by a kopeck per line. The sidecar spreads a total
	 * below the lines' sum but refuses one above it, so such a rounding shortfall is added to the
	 * largest non-shipping line. A larger gap is left for the sidecar to report.
	 *
	 * @param list<array<string,mixed>> $items  Lines.
	 * @param int                       $amount Order total in kopecks.
	 * @return list<array<string,mixed>>
	 */
	public static function cover_rounding( array $items, int $amount ): array {
		$shortfall = $amount - array_sum( array_column( $items, 'amount' ) );
		if ( $shortfall <= 0 || $shortfall > count( $items ) ) {
			return $items;
		}
		$largest = null;
		foreach ( $items as $i => $item ) {
			if ( 'shipping' !== $item['type'] && ( null === $largest || $item['amount'] > $items[ $largest ]['amount'] ) ) {
				$largest = $i;
			}
		}
		if ( null !== $largest ) {
			$items[ $largest ]['amount'] += $shortfall;
		}
		return $items;
	}

	/**
	 * E-mail, phone and name, each only when present and valid.
	 *
	 * @return array<string,string>
	 */
	private function customer( \WC_Order $order ): array {
		$customer = array();
		$email    = (string) $order->get_billing_email();
		if ( '' !== $email && is_email( $email ) ) {
			$customer['email'] = $email;
		}
		$phone = (string) preg_replace( '/[^\d+]/', '', (string) $order->get_billing_phone() );
		if ( '' !== $phone && strlen( $phone ) <= 32 ) {
			$customer['phone'] = $phone;
		}
		$name = trim( $order->get_billing_first_name() . ' ' . $order->get_billing_last_name() );
		if ( '' !== $name ) {
			$customer['name'] = mb_substr( $name, 0, 200 );
		}
		return $customer;
	}

	/** "WordPress/7.0.4 WooCommerce/11.0.1" (each part only when known). */
	private static function platform(): string {
		global $wp_version;
		$parts = array();
		if ( is_string( $wp_version ?? null ) && '' !== $wp_version ) {
			$parts[] = 'WordPress/' . $wp_version;
		}
		if ( defined( 'WC_VERSION' ) ) {
			$parts[] = 'WooCommerce/' . WC_VERSION;
		}
		return implode( ' ', $parts );
	}
}
