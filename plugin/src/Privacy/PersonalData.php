<?php
/**
 * Personal-data exporter and eraser (Tools → Export / Erase Personal Data) for what the plugin
 * keeps on orders: the legal-entity payer (company, INN, KPP, legal address) and the payment
 * references at the sidecar and the providers.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Privacy;

use RuPayments\Orders\OrderMeta;

defined( 'ABSPATH' ) || exit;

/**
 * Finds the orders of an e-mail address (billing e-mail or customer account) page by page.
 */
final class PersonalData {

	public const ID       = 'ru-payments-for-woocommerce';
	private const PER_PAGE = 10;

	/** Meta erased with the payer details: the references that tie the person to provider records. */
	private const REFERENCE_META = array(
		OrderMeta::PAYER,
		OrderMeta::PROVIDER_PAYMENT_ID,
		OrderMeta::PAYMENT_ID,
		OrderMeta::ATTEMPT_PAYMENTS,
		OrderMeta::EXTRA_PAYMENTS,
		OrderMeta::OFFLINE_LINK,
		OrderMeta::REFUNDS,
	);

	public function register(): void {
		add_filter( 'wp_privacy_personal_data_exporters', array( $this, 'add_exporter' ) );
		add_filter( 'wp_privacy_personal_data_erasers', array( $this, 'add_eraser' ) );
	}

	/**
	 * @param array<string,array<string,mixed>> $exporters Exporters.
	 * @return array<string,array<string,mixed>>
	 */
	public function add_exporter( array $exporters ): array {
		$exporters[ self::ID ] = array(
			'exporter_friendly_name' => __( 'RU Payments payment details', 'ru-payments-for-woocommerce' ),
			'callback'               => array( $this, 'export' ),
		);
		return $exporters;
	}

	/**
	 * @param array<string,array<string,mixed>> $erasers Erasers.
	 * @return array<string,array<string,mixed>>
	 */
	public function add_eraser( array $erasers ): array {
		$erasers[ self::ID ] = array(
			'eraser_friendly_name' => __( 'RU Payments payment details', 'ru-payments-for-woocommerce' ),
			'callback'             => array( $this, 'erase' ),
		);
		return $erasers;
	}

	/**
	 * @return array{data:list<array<string,mixed>>,done:bool}
	 */
	public function export( string $email, int $page = 1 ): array {
		$orders = $this->orders( $email, $page );
		$data   = array();
		foreach ( $orders as $order ) {
			$fields = $this->fields( $order );
			if ( array() !== $fields ) {
				$data[] = array(
					'group_id'          => 'ru-payments-orders',
					'group_label'       => __( 'Payment details (RU Payments)', 'ru-payments-for-woocommerce' ),
					'group_description' => __( 'Payer details and payment references the RU Payments plugin keeps with your orders.', 'ru-payments-for-woocommerce' ),
					'item_id'           => 'ru-payments-order-' . $order->get_id(),
					'data'              => $fields,
				);
			}
		}
		return array(
			'data' => $data,
			'done' => count( $orders ) < self::PER_PAGE,
		);
	}

	/**
	 * Removes the payer details and references, unless the shop keeps order data on erasure
	 * requests (WooCommerce's "Remove personal data from orders on request" setting).
	 *
	 * @return array{items_removed:bool,items_retained:bool,messages:list<string>,done:bool}
	 */
	public function erase( string $email, int $page = 1 ): array {
		$orders   = $this->orders( $email, $page );
		$remove   = 'yes' === get_option( 'woocommerce_erasure_request_removes_order_data', 'no' );
		$removed  = false;
		$retained = false;
		$messages = array();
		foreach ( $orders as $order ) {
			if ( array() === $this->fields( $order ) ) {
				continue;
			}
			if ( ! $remove ) {
				$retained   = true;
				$messages[] = sprintf(
					/* translators: %s: order number. */
					__( 'RU Payments payment details of order %s were kept: this shop keeps order data on erasure requests.', 'ru-payments-for-woocommerce' ),
					$order->get_order_number()
				);
				continue;
			}
			foreach ( self::REFERENCE_META as $key ) {
				$order->delete_meta_data( $key );
			}
			$order->save();
			$removed    = true;
			$messages[] = sprintf(
				/* translators: %s: order number. */
				__( 'RU Payments payment details of order %s were removed.', 'ru-payments-for-woocommerce' ),
				$order->get_order_number()
			);
		}
		return array(
			'items_removed'  => $removed,
			'items_retained' => $retained,
			'messages'       => $messages,
			'done'           => count( $orders ) < self::PER_PAGE,
		);
	}

	/**
	 * Name/value pairs of what the plugin keeps on the order.
	 *
	 * @return list<array{name:string,value:string}>
	 */
	private function fields( \WC_Order $order ): array {
		$payer  = $order->get_meta( OrderMeta::PAYER, true );
		$payer  = is_array( $payer ) ? $payer : array();
		$labels = array(
			'name'          => __( 'Company or sole trader', 'ru-payments-for-woocommerce' ),
			'inn'           => __( 'INN', 'ru-payments-for-woocommerce' ),
			'kpp'           => __( 'KPP', 'ru-payments-for-woocommerce' ),
			'legal_address' => __( 'Legal address', 'ru-payments-for-woocommerce' ),
		);
		$fields = array();
		foreach ( $labels as $key => $label ) {
			if ( '' !== (string) ( $payer[ $key ] ?? '' ) ) {
				$fields[] = array(
					'name'  => $label,
					'value' => (string) $payer[ $key ],
				);
			}
		}
		$provider_id = (string) $order->get_meta( OrderMeta::PROVIDER_PAYMENT_ID, true );
		if ( '' !== $provider_id ) {
			$fields[] = array(
				'name'  => __( 'Payment id at the payment provider', 'ru-payments-for-woocommerce' ),
				'value' => sprintf( '%s (%s)', $provider_id, (string) $order->get_meta( OrderMeta::PROVIDER, true ) ),
			);
		}
		$payments = array_map( 'strval', array_keys( OrderMeta::attempt_payments( $order ) ) );
		$payments = array_values( array_unique( array_filter( array_merge( $payments, array( OrderMeta::payment_id( $order ) ) ) ) ) );
		if ( array() !== $payments ) {
			$fields[] = array(
				'name'  => __( 'Payment attempts at the RU Payments sidecar', 'ru-payments-for-woocommerce' ),
				'value' => implode( ', ', $payments ),
			);
		}
		return $fields;
	}

	/**
	 * @return list<\WC_Order>
	 */
	private function orders( string $email, int $page ): array {
		$query = array(
			'limit'    => self::PER_PAGE,
			'page'     => max( 1, $page ),
			'orderby'  => 'ID',
			'order'    => 'ASC',
			'type'     => 'shop_order',
			'customer' => array( $email ),
		);
		$user = get_user_by( 'email', $email );
		if ( $user ) {
			$query['customer'][] = (int) $user->ID;
		}
		return array_values( array_filter( wc_get_orders( $query ), static fn ( $order ): bool => $order instanceof \WC_Order ) );
	}
}
