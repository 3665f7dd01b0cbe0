<?php
/**
 * Order meta keys of till sales.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

defined( 'ABSPATH' ) || exit;

/**
 * A till sale is an ordinary WooCommerce order marked with these keys (CRUD API, HPOS-safe).
 */
final class TillMeta {

	/** Terminal (till) id the sale was made at. */
	public const TILL = '_ru_payments_till';
	/** Shift id: `<till>-<user id>-<opened unix time>`. */
	public const SHIFT = '_ru_payments_till_shift';
	/** User id of the cashier. */
	public const CASHIER = '_ru_payments_till_cashier';
	/** `koshelek` or `sber`. */
	public const METHOD = '_ru_payments_till_method';
	/** The Koshelek slip fields of the payment and its refunds (array). */
	public const SLIP = '_ru_payments_till_slip';
	/** Koshelek refundTransactionIds of the sale's refunds (list). */
	public const REFUND_IDS = '_ru_payments_till_refund_ids';
	/** The last cashier instruction for the sale ({ru, en, code}). */
	public const INSTRUCTION = '_ru_payments_till_instruction';
	/** Unix times (float) of "Pay" in the browser, the request reaching PHP and the order saved. */
	public const TIMING = '_ru_payments_till_timing';

	/** The payment method id of Koshelek till sales (no checkout gateway: Koshelek is cashier-only). */
	public const KOSHELEK_METHOD = 'ru_payments_koshelek_till';
}
