<?php
/**
 * Places the "pay in parts" lines on product and cart pages.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Frontend;

use RuPayments\Checkout\CheckoutContext;
use RuPayments\Profiles\ProfileResolver;
use RuPayments\Support\Money;

defined( 'ABSPATH' ) || exit;

/**
 * Classic templates: after the price in `woocommerce_single_product_summary` and before the
 * checkout button in `woocommerce_proceed_to_checkout` (re-rendered by WooCommerce when the classic
 * cart updates). Block templates: after the single product's Product Price block and after the
 * Cart block (`render_block_*` filters). Themes place it themselves with `[ru_payments_split]` or
 * the `ru-payments/split-message` block. Each product / the cart gets its lines once per page
 * (WooCommerce's block-template compatibility layer also fires the classic product hook).
 */
final class SplitMessageHooks {

	public const SCRIPT    = 'ru-payments-split-message';
	public const SHORTCODE = 'ru_payments_split';

	/**
	 * @var array<string,true> Product ids / 'cart' already printed on this page.
	 */
	private array $printed = array();

	public function __construct(
		private readonly SplitMessageOffers $offers,
		private readonly ProfileResolver $resolver,
		private readonly string $plugin_file,
		private readonly string $version
	) {
	}

	public function register(): void {
		add_action( 'woocommerce_single_product_summary', array( $this, 'classic_product' ), 11 );
		add_action( 'woocommerce_proceed_to_checkout', array( $this, 'classic_cart' ), 5 );
		add_filter( 'render_block_woocommerce/product-price', array( $this, 'after_product_price' ), 10, 3 );
		add_filter( 'render_block_woocommerce/cart', array( $this, 'after_cart_block' ), 10, 1 );
		add_shortcode( self::SHORTCODE, array( $this, 'shortcode' ) );
	}

	public function classic_product(): void {
		global $product;
		if ( $product instanceof \WC_Product ) {
			echo $this->product_html( $product ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- built escaped by SplitMessageRenderer.
		}
	}

	public function classic_cart(): void {
		echo $this->cart_html( '' ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- built escaped by SplitMessageRenderer.
	}

	/**
	 * Only the price of the product the page is about (not related products' prices).
	 *
	 * @param string         $content  Block HTML.
	 * @param array          $block    Parsed block.
	 * @param \WP_Block|null $instance Block instance (its context holds postId).
	 */
	public function after_product_price( $content, $block = array(), $instance = null ): string {
		$content = (string) $content;
		$post_id = is_object( $instance ) && isset( $instance->context['postId'] ) ? (int) $instance->context['postId'] : 0;
		if ( ! is_product() || 0 === $post_id || get_queried_object_id() !== $post_id ) {
			return $content;
		}
		$product = wc_get_product( $post_id );
		return $product instanceof \WC_Product ? $content . $this->product_html( $product ) : $content;
	}

	/**
	 * @param string $content Cart block HTML (its inside is rendered by the Cart block script).
	 */
	public function after_cart_block( $content ): string {
		return (string) $content . $this->cart_html( 'cart-block' );
	}

	/**
	 * `[ru_payments_split for="product|cart" product="123"]`; without attributes: the cart on the cart
	 * page, else the current product.
	 *
	 * @param array<string,string>|string $atts Attributes.
	 */
	public function shortcode( $atts ): string {
		$atts = shortcode_atts( array( 'for' => '', 'product' => '0' ), is_array( $atts ) ? $atts : array(), self::SHORTCODE );
		return $this->placed( (string) $atts['for'], absint( $atts['product'] ) );
	}

	/**
	 * The lines a theme placed (shortcode or block) for the cart or a product (0: the current one).
	 */
	public function placed( string $for, int $product_id ): string {
		if ( 'cart' === $for || ( '' === $for && 0 === $product_id && is_cart() ) ) {
			return $this->cart_html( 'cart-block' );
		}
		if ( 0 === $product_id ) {
			$product_id = (int) get_the_ID();
		}
		$product = $product_id > 0 ? wc_get_product( $product_id ) : null;
		return $product instanceof \WC_Product ? $this->product_html( $product ) : '';
	}

	public function product_html( \WC_Product $product ): string {
		$key = 'product-' . $product->get_id();
		if ( isset( $this->printed[ $key ] ) ) {
			return '';
		}
		$this->printed[ $key ] = true;

		$price  = self::kopecks( wc_get_price_to_display( $product ) );
		$offers = $this->offers->for_page( SplitMessagePlacement::PRODUCT, get_woocommerce_currency(), $this->resolver->for_products( array( $product ) ) );
		$live   = $product->is_type( 'variable' ) ? 'variation' : '';
		return $this->output( $offers, $price ?? 0, $live );
	}

	/**
	 * @param string $live '' when the page re-renders it (classic cart), 'cart-block' for live updates.
	 */
	public function cart_html( string $live ): string {
		if ( isset( $this->printed['cart'] ) || ! function_exists( 'WC' ) || ! WC()->cart ) {
			return '';
		}
		$this->printed['cart'] = true;

		$context = CheckoutContext::current( $this->resolver );
		$offers  = $this->offers->for_page( SplitMessagePlacement::CART, $context->currency, $context->profile );
		return $this->output( $offers, $context->total ?? 0, $live );
	}

	/**
	 * @param list<SplitMessageOffer> $offers Offers.
	 */
	private function output( array $offers, int $total, string $live ): string {
		if ( array() === $offers ) {
			return '';
		}
		$html = self::renderer()->render( $offers, $total, $live );
		if ( '' !== $html ) {
			$this->enqueue( $live );
		}
		return $html;
	}

	private static function renderer(): SplitMessageRenderer {
		/* translators: date format of a payment in the "pay in parts" schedule (PHP date()). */
		$format = _x( 'F j, Y', 'payment date', 'ru-payments-for-woocommerce' );
		return new SplitMessageRenderer(
			SplitMessageMoney::from_woocommerce(),
			static fn ( int $days ): string => wp_date( $format, time() + $days * DAY_IN_SECONDS )
		);
	}

	/**
	 * The stylesheet always; the script only where amounts change (its own small bundle, with jQuery
	 * for variations or wp-data for the Cart block's store).
	 */
	private function enqueue( string $live ): void {
		wp_enqueue_style( self::SCRIPT, plugins_url( 'assets/css/split-message.css', $this->plugin_file ), array(), $this->version );
		if ( '' === $live ) {
			return;
		}
		$dependency = 'variation' === $live ? 'jquery' : 'wp-data';
		$scripts    = wp_scripts();
		if ( isset( $scripts->registered[ self::SCRIPT ] ) ) {
			$registered = $scripts->registered[ self::SCRIPT ];
			$registered->deps = array_values( array_unique( array_merge( $registered->deps, array( $dependency ) ) ) );
		} else {
			$dir   = plugin_dir_path( $this->plugin_file );
			$asset = is_readable( $dir . 'build/split-message.asset.php' ) ? require $dir . 'build/split-message.asset.php' : array();
			wp_register_script(
				self::SCRIPT,
				plugins_url( 'build/split-message.js', $this->plugin_file ),
				array_merge( is_array( $asset['dependencies'] ?? null ) ? $asset['dependencies'] : array(), array( $dependency ) ),
				is_string( $asset['version'] ?? null ) ? $asset['version'] : $this->version,
				true
			);
		}
		wp_enqueue_script( self::SCRIPT );
	}

	private static function kopecks( mixed $price ): ?int {
		if ( is_float( $price ) || is_int( $price ) ) {
			$price = wc_format_decimal( $price, wc_get_price_decimals() );
		}
		return is_string( $price ) && Money::is_decimal( $price ) ? Money::to_kopecks( $price ) : null;
	}
}
