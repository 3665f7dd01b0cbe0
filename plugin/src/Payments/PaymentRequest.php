<?php
/**
 * What a gateway asks for when it creates a payment.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Payments;

use RuPayments\Checkout\Payer;

defined( 'ABSPATH' ) || exit;

/**
 * The gateway-side choices of one create-payment call; PaymentRequestBuilder adds the order data.
 */
final class PaymentRequest {

	public function __construct(
		public readonly string $gateway_id,
		public readonly string $provider,
		public readonly string $profile,
		public readonly string $return_url,
		public readonly ?Payer $payer = null,
		public readonly bool $test = false,
		public readonly bool $two_stage = false
	) {
	}
}
