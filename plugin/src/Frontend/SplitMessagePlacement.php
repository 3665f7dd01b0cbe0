<?php
/**
 * Where a method shows its "pay in parts" line (a per-method setting).
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Frontend;

defined( 'ABSPATH' ) || exit;

/**
 * The `split_message` gateway option: both, product page only, cart only, or neither.
 */
final class SplitMessagePlacement {

	public const OPTION = 'split_message';

	public const PRODUCT = 'product';
	public const CART    = 'cart';
	public const BOTH    = 'both';
	public const NONE    = 'none';

	/**
	 * The setting's choices (for FormFields).
	 *
	 * @return array<string,string>
	 */
	public static function choices(): array {
		return array(
			self::BOTH    => __( 'Product page and cart', 'ru-payments-for-woocommerce' ),
			self::PRODUCT => __( 'Product page only', 'ru-payments-for-woocommerce' ),
			self::CART    => __( 'Cart only', 'ru-payments-for-woocommerce' ),
			self::NONE    => __( 'Nowhere', 'ru-payments-for-woocommerce' ),
		);
	}

	/**
	 * Whether a saved setting shows the line on a page ('product' or 'cart'); unknown values mean both.
	 */
	public static function shows( string $setting, string $page ): bool {
		if ( ! in_array( $setting, array( self::PRODUCT, self::CART, self::NONE ), true ) ) {
			$setting = self::BOTH;
		}
		return self::BOTH === $setting || $page === $setting;
	}
}
