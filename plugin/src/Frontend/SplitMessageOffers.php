<?php
/**
 * Which BNPL methods get a "pay in parts" line.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Frontend;

use RuPayments\Checkout\CheckoutContext;
use RuPayments\Gateways\Availability;
use RuPayments\Gateways\Gateway;
use RuPayments\Gateways\Methods;
use RuPayments\Profiles\CartProfile;

defined( 'ABSPATH' ) || exit;

/**
 * The same rule as Gateway::is_available() (Availability: enabled, roubles, one profile, provider
 * ready), decided without the amount so that a line outside the limits can still be printed hidden
 * and shown by the script when the amount changes. On top: the method's placement setting, and a
 * method in test mode is shown only to shop managers (shoppers must never be sent to a simulator).
 */
final class SplitMessageOffers {

	/** Days between payments: Dolyame and Sber «Плати частями» both take the rest every two weeks. */
	private const PERIOD_DAYS = 14;

	/**
	 * @param \Closure():array<string,Gateway> $gateways      Gateways by id.
	 * @param Availability                     $availability  Availability rules.
	 * @param \Closure():bool                  $viewer_is_admin Whether the viewer manages the shop.
	 */
	public function __construct(
		private readonly \Closure $gateways,
		private readonly Availability $availability,
		private readonly \Closure $viewer_is_admin
	) {
	}

	/**
	 * Offers for a page ('product' or 'cart'), in checkout order, whatever the amount.
	 *
	 * @return list<SplitMessageOffer>
	 */
	public function for_page( string $page, string $currency, ?CartProfile $profile ): array {
		$offers  = array();
		$context = new CheckoutContext( null, $currency, $profile );
		foreach ( ( $this->gateways )() as $gateway ) {
			$definition = $gateway->definition();
			if ( ! $definition->is_split() || (int) $definition->split_parts < 2 ) {
				continue;
			}
			if ( ! SplitMessagePlacement::shows( (string) $gateway->get_option( SplitMessagePlacement::OPTION ), $page ) ) {
				continue;
			}
			if ( $gateway->is_test_mode() && ! ( $this->viewer_is_admin )() ) {
				continue;
			}
			if ( null !== $this->availability->unavailable_reason( $gateway, $context ) ) {
				continue;
			}
			$offers[] = new SplitMessageOffer(
				$gateway->id,
				$definition->title(),
				self::company( $gateway->id ),
				(int) $definition->split_parts,
				self::PERIOD_DAYS,
				$gateway->limits()
			);
		}
		return $offers;
	}

	/**
	 * Who provides the plan, for the "how it works" text.
	 */
	private static function company( string $method ): string {
		return match ( $method ) {
			Methods::DOLYAME   => __( 'T-Bank', 'ru-payments-for-woocommerce' ),
			Methods::SBER_BNPL => __( 'Sberbank', 'ru-payments-for-woocommerce' ),
			Methods::PAYLATE   => __( 'IntellectMoney', 'ru-payments-for-woocommerce' ),
			default            => __( 'the payment provider', 'ru-payments-for-woocommerce' ),
		};
	}
}
