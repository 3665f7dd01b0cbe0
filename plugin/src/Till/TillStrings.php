<?php
/**
 * The till screen's texts, translated in PHP and handed to the script.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

defined( 'ABSPATH' ) || exit;

/**
 * Every string the till scripts show (assets/js/till/*.js call t( 'English text' )); the keys are the
 * English texts, so a string missing here shows in English.
 */
final class TillStrings {

	/**
	 * @return array<string,string>
	 */
	public static function all(): array {
		return array(
			/* translators: %s: a value shown by the till (number, date or VAT rate). */
			'%s in stock' => __( '%s in stock', 'ru-payments-for-woocommerce' ),
			'Add' => __( 'Add', 'ru-payments-for-woocommerce' ),
			'Add products or a free amount.' => __( 'Add products or a free amount.', 'ru-payments-for-woocommerce' ),
			'Amount, ₽' => __( 'Amount, ₽', 'ru-payments-for-woocommerce' ),
			'Basket' => __( 'Basket', 'ru-payments-for-woocommerce' ),
			'Buyer\'s phone' => __( 'Buyer\'s phone', 'ru-payments-for-woocommerce' ),
			'Camera' => __( 'Camera', 'ru-payments-for-woocommerce' ),
			'Cancel (until midnight Moscow time)' => __( 'Cancel (until midnight Moscow time)', 'ru-payments-for-woocommerce' ),
			'Cancel payment' => __( 'Cancel payment', 'ru-payments-for-woocommerce' ),
			'Close camera' => __( 'Close camera', 'ru-payments-for-woocommerce' ),
			'Close shift' => __( 'Close shift', 'ru-payments-for-woocommerce' ),
			'Complete the payment (deposit)' => __( 'Complete the payment (deposit)', 'ru-payments-for-woocommerce' ),
			'Copy SMS text' => __( 'Copy SMS text', 'ru-payments-for-woocommerce' ),
			'Create payment link' => __( 'Create payment link', 'ru-payments-for-woocommerce' ),
			'Find a product' => __( 'Find a product', 'ru-payments-for-woocommerce' ),
			'Find a sale' => __( 'Find a sale', 'ru-payments-for-woocommerce' ),
			'Free amount' => __( 'Free amount', 'ru-payments-for-woocommerce' ),
			'Full screen' => __( 'Full screen', 'ru-payments-for-woocommerce' ),
			'Koshelek card' => __( 'Koshelek card', 'ru-payments-for-woocommerce' ),
			'Less' => __( 'Less', 'ru-payments-for-woocommerce' ),
			'More' => __( 'More', 'ru-payments-for-woocommerce' ),
			'Name of the line' => __( 'Name of the line', 'ru-payments-for-woocommerce' ),
			'New sale' => __( 'New sale', 'ru-payments-for-woocommerce' ),
			'No SMS gateway took the message: copy the text and send it yourself.' => __( 'No SMS gateway took the message: copy the text and send it yourself.', 'ru-payments-for-woocommerce' ),
			'No barcode found in the picture.' => __( 'No barcode found in the picture.', 'ru-payments-for-woocommerce' ),
			/* translators: %s: a value shown by the till (number, date or VAT rate). */
			'No product with barcode %s.' => __( 'No product with barcode %s.', 'ru-payments-for-woocommerce' ),
			'No such till sale.' => __( 'No such till sale.', 'ru-payments-for-woocommerce' ),
			'Open shift' => __( 'Open shift', 'ru-payments-for-woocommerce' ),
			'Pay' => __( 'Pay', 'ru-payments-for-woocommerce' ),
			'Pay with another card' => __( 'Pay with another card', 'ru-payments-for-woocommerce' ),
			'Payment' => __( 'Payment', 'ru-payments-for-woocommerce' ),
			'Payment link' => __( 'Payment link', 'ru-payments-for-woocommerce' ),
			'Payment type' => __( 'Payment type', 'ru-payments-for-woocommerce' ),
			'Photo of the card' => __( 'Photo of the card', 'ru-payments-for-woocommerce' ),
			'Print receipt' => __( 'Print receipt', 'ru-payments-for-woocommerce' ),
			'Product name, SKU or barcode' => __( 'Product name, SKU or barcode', 'ru-payments-for-woocommerce' ),
			'Products' => __( 'Products', 'ru-payments-for-woocommerce' ),
			'QR code of the payment link' => __( 'QR code of the payment link', 'ru-payments-for-woocommerce' ),
			'Receipt' => __( 'Receipt', 'ru-payments-for-woocommerce' ),
			'Refund' => __( 'Refund', 'ru-payments-for-woocommerce' ),
			'Refund everything' => __( 'Refund everything', 'ru-payments-for-woocommerce' ),
			'Refund selected items' => __( 'Refund selected items', 'ru-payments-for-woocommerce' ),
			'Refunded' => __( 'Refunded', 'ru-payments-for-woocommerce' ),
			'Reports' => __( 'Reports', 'ru-payments-for-woocommerce' ),
			'Retry' => __( 'Retry', 'ru-payments-for-woocommerce' ),
			'SMS sent.' => __( 'SMS sent.', 'ru-payments-for-woocommerce' ),
			'SMS text copied.' => __( 'SMS text copied.', 'ru-payments-for-woocommerce' ),
			/* translators: %s: a value shown by the till (number, date or VAT rate). */
			'Sale #%s' => __( 'Sale #%s', 'ru-payments-for-woocommerce' ),
			'Sale number' => __( 'Sale number', 'ru-payments-for-woocommerce' ),
			'Scan the buyer\'s Koshelek card first.' => __( 'Scan the buyer\'s Koshelek card first.', 'ru-payments-for-woocommerce' ),
			'Scan the card or type its number' => __( 'Scan the card or type its number', 'ru-payments-for-woocommerce' ),
			'Send SMS' => __( 'Send SMS', 'ru-payments-for-woocommerce' ),
			'Sending…' => __( 'Sending…', 'ru-payments-for-woocommerce' ),
			/* translators: %s: a value shown by the till (number, date or VAT rate). */
			'Shift %s' => __( 'Shift %s', 'ru-payments-for-woocommerce' ),
			'Test mode' => __( 'Test mode', 'ru-payments-for-woocommerce' ),
			'The basket is empty.' => __( 'The basket is empty.', 'ru-payments-for-woocommerce' ),
			'The buyer pays by the link: show the QR code or send it by SMS.' => __( 'The buyer pays by the link: show the QR code or send it by SMS.', 'ru-payments-for-woocommerce' ),
			'The camera could not be opened; scan or type the card.' => __( 'The camera could not be opened; scan or type the card.', 'ru-payments-for-woocommerce' ),
			'Till' => __( 'Till', 'ru-payments-for-woocommerce' ),
			'Total' => __( 'Total', 'ru-payments-for-woocommerce' ),
			'Type an amount like 150 or 150,50.' => __( 'Type an amount like 150 or 150,50.', 'ru-payments-for-woocommerce' ),
			'VAT' => __( 'VAT', 'ru-payments-for-woocommerce' ),
			/* translators: %s: a value shown by the till (number, date or VAT rate). */
			'VAT %s%' => __( 'VAT %s%', 'ru-payments-for-woocommerce' ),
			/* translators: %s: a value shown by the till (number, date or VAT rate). */
			'by %s' => __( 'by %s', 'ru-payments-for-woocommerce' ),
			/* translators: %s: a value shown by the till (number, date or VAT rate). */
			'incl. %s' => __( 'incl. %s', 'ru-payments-for-woocommerce' ),
			'no VAT' => __( 'no VAT', 'ru-payments-for-woocommerce' ),
			/* translators: %s: a value shown by the till (number, date or VAT rate). */
			'valid until %s' => __( 'valid until %s', 'ru-payments-for-woocommerce' ),
			'waiting for the buyer…' => __( 'waiting for the buyer…', 'ru-payments-for-woocommerce' ),
		);
	}
}
