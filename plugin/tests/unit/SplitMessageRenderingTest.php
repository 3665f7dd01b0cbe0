<?php
/**
 * The "pay in parts" lines as shoppers get them: text, amounts, hidden lines, the popover, and
 * where the hooks, the shortcode and the block put them.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Split_State;
use RU_Payments_Test_State;
use RuPayments\Blocks\SplitMessageBlock;
use RuPayments\Frontend\SplitMessageHooks;
use RuPayments\Frontend\SplitMessageOffers;
use RuPayments\Gateways\Methods;
use RuPayments\Plugin;
use WC_Product;

final class SplitMessageRenderingTest extends TestCase {

	private const NBSP = "\u{00A0}";

	private Plugin $plugin;

	private SplitMessageHooks $hooks;

	protected function setUp(): void {
		parent::setUp();
		RU_Payments_Split_State::reset();
		RU_Payments_Test_State::$caps = array( 'manage_woocommerce' );
		$this->configure_sidecar();
		$this->plugin = $this->plugin();
		foreach ( Methods::defaults() as $definition ) {
			$this->gateway( $definition->id, array( 'test_mode' => 'yes' ), $this->plugin );
		}
		$offers      = new SplitMessageOffers( fn (): array => $this->plugin->gateways(), $this->plugin->availability(), static fn (): bool => current_user_can( 'manage_woocommerce' ) );
		$this->hooks = new SplitMessageHooks( $offers, $this->plugin->profile_resolver(), RU_PAYMENTS_FILE, '1.0.0' );
	}

	private function product( int $id, string $price, string $type = 'simple' ): WC_Product {
		$product                                = new WC_Product( $id, $type );
		RU_Payments_Test_State::$products[ $id ] = $product;
		RU_Payments_Split_State::$prices[ $id ]  = $price;
		return $product;
	}

	/**
	 * Visible text of the lines (hidden elements dropped), one line per visible method.
	 *
	 * @return list<string>
	 */
	private static function visible_lines( string $html ): array {
		$doc = new \DOMDocument();
		$doc->loadHTML( '<?xml encoding="utf-8"?><body>' . $html . '</body>', LIBXML_NOERROR );
		$xpath = new \DOMXPath( $doc );
		foreach ( iterator_to_array( $xpath->query( '//*[@hidden]|//details' ) ) as $node ) {
			$node->parentNode->removeChild( $node );
		}
		$lines = array();
		foreach ( $xpath->query( '//*[contains(@class,"ru-payments-split-message__text")]' ) as $node ) {
			$lines[] = trim( $node->textContent );
		}
		return $lines;
	}

	public function test_a_1000_rouble_product_shows_four_payments_of_250_for_each_method(): void {
		$html = $this->hooks->product_html( $this->product( 5, '1000.00' ) );

		$this->assertSame(
			array(
				'4 payments of 250' . self::NBSP . '₽ with Dolyame',
				'4 payments of 250' . self::NBSP . '₽ with Plati chastyami',
				'4 payments of 250' . self::NBSP . '₽ with PayLate',
			),
			self::visible_lines( $html )
		);
		$this->assertArrayHasKey( SplitMessageHooks::SCRIPT, RU_Payments_Split_State::$styles );
		$this->assertArrayNotHasKey( SplitMessageHooks::SCRIPT, RU_Payments_Test_State::$scripts, 'a simple product needs no script' );
	}

	public function test_a_35000_rouble_product_shows_nothing_for_dolyame(): void {
		$html = $this->hooks->product_html( $this->product( 6, '35000' ) );

		$this->assertSame(
			array( '4 payments of 8' . self::NBSP . '750' . self::NBSP . '₽ with Plati chastyami', '4 payments of 8' . self::NBSP . '750' . self::NBSP . '₽ with PayLate' ),
			self::visible_lines( $html )
		);
		$this->assertStringNotContainsString( Methods::DOLYAME, $html, 'no hidden line either: the price of a simple product cannot change' );
	}

	public function test_a_variable_product_prints_every_line_and_hides_those_outside_the_limits(): void {
		$html = $this->hooks->product_html( $this->product( 7, '35000', 'variable' ) );

		$this->assertMatchesRegularExpression( '/data-method="ru_payments_dolyame"[^>]*data-max="3000000" hidden>/', $html );
		$this->assertStringContainsString( 'data-live="variation" data-total="3500000"', $html );
		$this->assertContains( 'jquery', RU_Payments_Test_State::$registered_scripts[ SplitMessageHooks::SCRIPT ]['deps'] );
		$this->assertStringEndsWith( 'build/split-message.js', RU_Payments_Test_State::$registered_scripts[ SplitMessageHooks::SCRIPT ]['src'] );
	}

	public function test_unequal_parts_say_from_and_the_schedule_has_the_exact_amounts_and_dates(): void {
		$html = $this->hooks->product_html( $this->product( 8, '2490.50' ) );

		$this->assertSame( '4 payments from 622,62' . self::NBSP . '₽ with Dolyame', self::visible_lines( $html )[0] );
		preg_match( '/<details.*?<\/details>/', $html, $details );
		$this->assertStringContainsString( '<summary>How it works<span class="ru-payments-split-message__sr"> — Dolyame</span></summary>', $details[0] );
		preg_match_all( '/__date">([^<]+)<\/span> <span class="ru-payments-split-message__sum"><span[^>]*>([^<]+)</', $details[0], $rows );
		$this->assertSame( array( '622,64 ₽', '622,62 ₽', '622,62 ₽', '622,62 ₽' ), str_replace( self::NBSP, ' ', $rows[2] ), 'adds up to 2 490,50 ₽' );
		$this->assertSame( 'Today', $rows[1][0] );
		$this->assertSame( gmdate( 'Y-m-d', time() + 28 * DAY_IN_SECONDS ), substr( $rows[1][2], 0, 10 ), 'every two weeks from today' );
		$this->assertStringContainsString( 'No interest or fees. Dolyame is provided by T-Bank', $details[0] );
	}

	public function test_shoppers_see_nothing_while_the_methods_are_in_test_mode(): void {
		RU_Payments_Test_State::$caps = array();

		$this->assertSame( '', $this->hooks->product_html( $this->product( 9, '1000' ) ) );
		$this->assertSame( array(), RU_Payments_Split_State::$styles );
	}

	public function test_the_block_template_gets_the_lines_after_the_main_products_price_once(): void {
		$this->product( 10, '1000' );
		RU_Payments_Split_State::$page    = 'product';
		RU_Payments_Split_State::$queried = 10;
		$related                          = (object) array( 'context' => array( 'postId' => 11 ) );
		$main                             = (object) array( 'context' => array( 'postId' => 10 ) );

		$this->assertSame( '<p>price</p>', $this->hooks->after_product_price( '<p>price</p>', array(), $related ) );
		$this->assertStringStartsWith( '<p>price</p><div class="ru-payments-split-message"', $this->hooks->after_product_price( '<p>price</p>', array(), $main ) );

		$GLOBALS['product'] = RU_Payments_Test_State::$products[10];
		ob_start();
		$this->hooks->classic_product(); // WooCommerce's compatibility layer fires it in block templates too.
		$this->assertSame( '', ob_get_clean() );
	}

	public function test_the_cart_block_gets_live_lines_for_the_cart_total(): void {
		$this->cart( 40000.00, new WC_Product( 1 ) );
		$html = $this->hooks->after_cart_block( '<div class="wp-block-woocommerce-cart"></div>' );

		$this->assertStringStartsWith( '<div class="wp-block-woocommerce-cart"></div><div class="ru-payments-split-message" data-live="cart-block" data-total="4000000"', $html );
		$this->assertMatchesRegularExpression( '/data-method="ru_payments_dolyame"[^>]*hidden>/', $html, 'above Dolyame\'s cap, shown again when the cart drops' );
		$this->assertSame( array( '4 payments of 10' . self::NBSP . '000' . self::NBSP . '₽ with Plati chastyami', '4 payments of 10' . self::NBSP . '000' . self::NBSP . '₽ with PayLate' ), self::visible_lines( $html ) );
		$this->assertContains( 'wp-data', RU_Payments_Test_State::$registered_scripts[ SplitMessageHooks::SCRIPT ]['deps'] );
		$this->assertSame( '', $this->hooks->after_cart_block( '' ), 'once per page' );
	}

	public function test_the_shortcode_and_the_block_place_the_lines_for_a_named_product(): void {
		$this->hooks->register();
		$this->product( 12, '1000' );
		$this->product( 13, '1000' );
		$shortcode = RU_Payments_Split_State::$shortcodes['ru_payments_split'];

		$this->assertCount( 3, self::visible_lines( $shortcode( array( 'product' => '12' ) ) ) );
		$this->assertSame( '', $shortcode( array( 'product' => '404' ) ) );

		$block = new SplitMessageBlock( $this->hooks, RU_PAYMENTS_FILE, '1.0.0' );
		$block->register_block();
		$args = RU_Payments_Split_State::$blocks['ru-payments/split-message'];
		$this->assertSame( array( SplitMessageBlock::EDITOR_SCRIPT ), $args['editor_script_handles'] );
		$this->assertContains( 'wp-server-side-render', RU_Payments_Test_State::$registered_scripts[ SplitMessageBlock::EDITOR_SCRIPT ]['deps'] );
		$html = ( $args['render_callback'] )( array(), '', (object) array( 'context' => array( 'postId' => 13, 'postType' => 'product' ) ) );
		$this->assertCount( 3, self::visible_lines( $html ) );
	}

	public function test_the_shop_price_format_is_used(): void {
		RU_Payments_Split_State::$format = array( '.', ',', '%1$s%2$s', '&#8381;' );

		$this->assertSame( '4 payments of ₽8,750 with Plati chastyami', self::visible_lines( $this->hooks->product_html( $this->product( 14, '35000' ) ) )[0] );
	}
}
