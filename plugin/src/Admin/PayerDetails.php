<?php
/**
 * The legal-entity payer of an invoice order, where the shop manager looks: the order screen and
 * the admin's new-order e-mail.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Checkout\Payer;
use RuPayments\Orders\OrderMeta;

defined( 'ABSPATH' ) || exit;

/**
 * Reads the payer saved by PaymentProcessor (order meta) and renders it; nothing for other orders.
 */
final class PayerDetails {

	public function register(): void {
		add_action( 'woocommerce_admin_order_data_after_billing_address', array( $this, 'order_screen' ) );
		add_action( 'woocommerce_email_after_order_table', array( $this, 'email' ), 10, 4 );
	}

	/**
	 * @param mixed $order The order being edited.
	 */
	public function order_screen( $order ): void {
		$rows = self::rows( $order );
		if ( array() === $rows ) {
			return;
		}
		echo '<div class="ru-payments-payer"><h3>' . esc_html__( 'Payer', 'ru-payments-for-woocommerce' ) . '</h3><p>';
		foreach ( $rows as $label => $value ) {
			echo '<strong>' . esc_html( $label ) . ':</strong> ' . esc_html( $value ) . '<br>';
		}
		echo '</p></div>';
	}

	/**
	 * @param mixed $order         Order.
	 * @param mixed $sent_to_admin Whether this e-mail goes to the shop.
	 * @param mixed $plain_text    Plain-text e-mail.
	 * @param mixed $email         The WC_Email.
	 */
	public function email( $order, $sent_to_admin = false, $plain_text = false, $email = null ): void {
		unset( $email );
		$rows = $sent_to_admin ? self::rows( $order ) : array();
		if ( array() === $rows ) {
			return;
		}
		if ( $plain_text ) {
			echo "\n" . esc_html( mb_strtoupper( __( 'Payer', 'ru-payments-for-woocommerce' ) ) ) . "\n";
			foreach ( $rows as $label => $value ) {
				echo esc_html( $label . ': ' . $value ) . "\n";
			}
			return;
		}
		echo '<h2>' . esc_html__( 'Payer', 'ru-payments-for-woocommerce' ) . '</h2><table class="td" cellspacing="0" cellpadding="6" style="width:100%;margin-bottom:40px" border="1">';
		foreach ( $rows as $label => $value ) {
			echo '<tr><th class="td" scope="row" style="text-align:left">' . esc_html( $label ) . '</th><td class="td">' . esc_html( $value ) . '</td></tr>';
		}
		echo '</table>';
	}

	/**
	 * Label => value, in the order a manager reads them; empty for orders without a payer.
	 *
	 * @param mixed $order Order.
	 * @return array<string,string>
	 */
	public static function rows( $order ): array {
		if ( ! $order instanceof \WC_Order ) {
			return array();
		}
		$payer = Payer::from_array( $order->get_meta( OrderMeta::PAYER ) );
		if ( null === $payer ) {
			return array();
		}
		$rows = array(
			__( 'Payer type', 'ru-payments-for-woocommerce' ) => Payer::ORGANIZATION === $payer->type ? __( 'Organisation', 'ru-payments-for-woocommerce' ) : __( 'Sole trader (IP)', 'ru-payments-for-woocommerce' ),
			__( 'Company name', 'ru-payments-for-woocommerce' ) => $payer->name,
			__( 'INN', 'ru-payments-for-woocommerce' )          => $payer->inn,
		);
		if ( '' !== $payer->kpp ) {
			$rows[ __( 'KPP', 'ru-payments-for-woocommerce' ) ] = $payer->kpp;
		}
		$rows[ __( 'Legal address', 'ru-payments-for-woocommerce' ) ] = $payer->legal_address;
		return $rows;
	}
}
