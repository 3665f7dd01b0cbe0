<?php
/**
 * Doubles of the WordPress/WooCommerce functions the "pay in parts" lines use: shortcodes, blocks,
 * styles, the queried page and the shop's price format. State lives in RU_Payments_Split_State.
 *
 * @package RuPayments\Tests
 */

if ( ! defined( 'DAY_IN_SECONDS' ) ) {
	define( 'DAY_IN_SECONDS', 86400 );
}

/**
 * What the doubles below read and record; reset() before every test that uses them.
 */
final class RU_Payments_Split_State {
	public static array $shortcodes = array();
	public static array $blocks     = array();
	public static array $styles     = array();
	/** @var array<int,string> Display price per product id. */
	public static array $prices = array();
	public static string $page  = '';
	public static int $queried  = 0;
	public static array $format = array( ',', "\u{00A0}", '%2$s&nbsp;%1$s', '&#8381;' );

	public static function reset(): void {
		self::$shortcodes = array();
		self::$blocks     = array();
		self::$styles     = array();
		self::$prices     = array();
		self::$page       = '';
		self::$queried    = 0;
		self::$format     = array( ',', "\u{00A0}", '%2$s&nbsp;%1$s', '&#8381;' );
	}
}

function add_shortcode( $tag, $callback ): void {
	RU_Payments_Split_State::$shortcodes[ $tag ] = $callback;
}

function shortcode_atts( $pairs, $atts, $shortcode = '' ): array {
	$out = array();
	foreach ( $pairs as $name => $default ) {
		$out[ $name ] = array_key_exists( $name, (array) $atts ) ? $atts[ $name ] : $default;
	}
	return $out;
}

function register_block_type( $name, $args = array() ) {
	RU_Payments_Split_State::$blocks[ $name ] = $args;
	return true;
}

function wp_enqueue_style( $handle, $src = '', $deps = array(), $ver = false, $media = 'all' ): void {
	RU_Payments_Split_State::$styles[ $handle ] = $src;
}

function wp_scripts(): object {
	return (object) array( 'registered' => array() );
}

function is_product(): bool {
	return 'product' === RU_Payments_Split_State::$page;
}

function is_cart(): bool {
	return 'cart' === RU_Payments_Split_State::$page;
}

function get_queried_object_id(): int {
	return RU_Payments_Split_State::$queried;
}

function get_the_ID() { // phpcs:ignore WordPress.NamingConventions.ValidFunctionName
	return RU_Payments_Split_State::$queried;
}

function wc_get_price_to_display( $product, $args = array() ) {
	return RU_Payments_Split_State::$prices[ $product->get_id() ] ?? '';
}

function wc_get_price_decimal_separator(): string {
	return RU_Payments_Split_State::$format[0];
}

function wc_get_price_thousand_separator(): string {
	return RU_Payments_Split_State::$format[1];
}

function get_woocommerce_price_format(): string {
	return RU_Payments_Split_State::$format[2];
}

function get_woocommerce_currency_symbol( $currency = '' ): string {
	return RU_Payments_Split_State::$format[3];
}
