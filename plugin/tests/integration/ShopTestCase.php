<?php
/**
 * Base for tests inside the real shop: orders made with WooCommerce's own API, signed sidecar
 * events sent over HTTP to the running shop (so each request is its own PHP process, as in
 * production), and the test mailbox.
 *
 * @package RuPayments\Tests
 */

use PHPUnit\Framework\TestCase;
use RuPayments\Signing\RequestSigner;

abstract class ShopTestCase extends TestCase {

	protected function shop_url(): string {
		return rtrim( (string) getenv( 'WC_E2E_URL' ), '/' );
	}

	/** A pending order for one product, paid with an RU Payments method. */
	protected function pending_order( int $product_id, string $method = 'ru_payments_individuals', int $qty = 1 ): WC_Order {
		$order = wc_create_order();
		$order->add_product( wc_get_product( $product_id ), $qty );
		$order->set_billing_email( 'shopper-' . wp_generate_password( 6, false ) . '@example.test' );
		$order->set_payment_method( $method );
		$order->set_currency( 'RUB' );
		$order->calculate_totals();
		$order->set_status( 'pending' );
		$order->save();
		return $order;
	}

	/**
	 * A sidecar event as the contract describes it (sidecar/docs/contract.md).
	 *
	 * @param array<string,mixed> $overrides Fields to change.
	 * @return array<string,mixed>
	 */
	protected function event( WC_Order $order, string $status, array $overrides = array() ): array {
		return array_merge(
			array(
				'event_id'            => 'evt_' . wp_generate_password( 20, false ),
				'type'                => 'payment.status_changed',
				'payment_id'          => 'pay_' . $order->get_id() . '_1',
				'order_id'            => (string) $order->get_id(),
				'provider'            => 'invoicebox',
				'provider_payment_id' => 'ib-' . $order->get_id(),
				'status'              => $status,
				'previous_status'     => 'pending',
				'amount'              => (int) round( (float) $order->get_total() * 100 ),
				'refunded_amount'     => 0,
				'currency'            => 'RUB',
				'sequence'            => 2,
				'occurred_at'         => gmdate( 'Y-m-d\TH:i:s.000\Z' ),
				'test'                => true,
			),
			$overrides
		);
	}

	/**
	 * Sends events to the shop's events endpoint, all at once (curl_multi), each signed with its
	 * own nonce (or each $stagger seconds after the previous one). Returns [status, body] per request.
	 *
	 * @param list<array<string,mixed>> $events  Events.
	 * @param float                     $stagger Seconds between the starts of two requests.
	 * @return list<array{0:int,1:string}>
	 */
	protected function deliver_parallel( array $events, float $stagger = 0.0 ): array {
		$signer   = new RequestSigner( ( new \RuPayments\Settings\SidecarSettings() )->secret() );
		$requests = array();
		foreach ( $events as $event ) {
			$body       = (string) wp_json_encode( $event );
			$requests[] = array( $body, $signer->headers( 'POST', '/ru-payments/v1/events', $body ) );
		}
		return $this->send_parallel( $requests, $stagger );
	}

	/**
	 * Posts bodies with the given headers to the events endpoint, all at once (or staggered).
	 *
	 * @param list<array{0:string,1:array<string,string>}> $requests Body and signature headers.
	 * @return list<array{0:int,1:string}>
	 */
	protected function send_parallel( array $requests, float $stagger = 0.0 ): array {
		$multi   = curl_multi_init();
		$handles = array();
		foreach ( $requests as [ $body, $signature ] ) {
			$headers = array( 'Content-Type: application/json' );
			foreach ( $signature as $name => $value ) {
				$headers[] = $name . ': ' . $value;
			}
			$handle = curl_init( $this->shop_url() . '/wp-json/ru-payments/v1/events' );
			curl_setopt_array(
				$handle,
				array(
					CURLOPT_POST           => true,
					CURLOPT_POSTFIELDS     => $body,
					CURLOPT_HTTPHEADER     => $headers,
					CURLOPT_RETURNTRANSFER => true,
					CURLOPT_TIMEOUT        => 120,
				)
			);
			$handles[] = $handle;
		}
		$started = 0;
		$next    = microtime( true );
		do {
			while ( $started < count( $handles ) && microtime( true ) >= $next ) {
				curl_multi_add_handle( $multi, $handles[ $started++ ] );
				$next = microtime( true ) + $stagger;
			}
			$status = curl_multi_exec( $multi, $running );
			if ( $running ) {
				curl_multi_select( $multi, 1.0 );
			}
		} while ( ( $running || $started < count( $handles ) ) && CURLM_OK === $status );
		$results = array();
		foreach ( $handles as $handle ) {
			$results[] = array( (int) curl_getinfo( $handle, CURLINFO_RESPONSE_CODE ), (string) curl_multi_getcontent( $handle ) );
			curl_multi_remove_handle( $multi, $handle );
		}
		curl_multi_close( $multi );
		return $results;
	}

	protected function product( string $name ): int {
		return (int) json_decode( (string) getenv( 'RUP_SHOP_INFO' ), true )['products'][ $name ];
	}

	protected function stock( int $product_id ): int {
		wp_cache_flush();
		return (int) wc_get_product( $product_id )->get_stock_quantity();
	}

	/** The order as it is in the database now (a fresh object, never a cached one). */
	protected function reload( WC_Order $order ): WC_Order {
		wp_cache_flush();
		$fresh = wc_get_order( $order->get_id() );
		$this->assertInstanceOf( WC_Order::class, $fresh );
		return $fresh;
	}

	/** @return list<string> Notes on the order whose text matches. */
	protected function notes_matching( WC_Order $order, string $pattern ): array {
		$notes = wc_get_order_notes( array( 'order_id' => $order->get_id() ) );
		return array_values( array_filter( array_map( static fn( $n ) => $n->content, $notes ), static fn( $c ) => (bool) preg_match( $pattern, $c ) ) );
	}

	/** @return list<array{to:string,subject:string,message:string}> Mails recorded for this order. */
	protected function mails_for( WC_Order $order ): array {
		$lines = file( (string) getenv( 'RUP_MAILBOX' ), FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES ) ?: array();
		$mails = array_map( static fn( $l ) => json_decode( $l, true ), $lines );
		$needle = '#' . $order->get_order_number();
		return array_values( array_filter( $mails, static fn( $m ) => str_contains( $m['subject'] . $m['message'], $needle ) ) );
	}
}
