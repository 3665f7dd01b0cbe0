<?php
/**
 * The "pay in parts" block for themes that place the lines themselves.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Blocks;

use RuPayments\Frontend\SplitMessageHooks;

defined( 'ABSPATH' ) || exit;

/**
 * `<!-- wp:ru-payments/split-message {"for":"cart"} /-->` in a template or pattern: a dynamic block
 * rendered on the server like the shortcode. Inside a product template it uses the block context's
 * postId, so it also works in a block-based single product template.
 */
final class SplitMessageBlock {

	public const NAME = 'ru-payments/split-message';

	public const EDITOR_SCRIPT = 'ru-payments-split-message-block';

	public function __construct(
		private readonly SplitMessageHooks $hooks,
		private readonly string $plugin_file,
		private readonly string $version
	) {
	}

	public function register(): void {
		add_action( 'init', array( $this, 'register_block' ) );
	}

	public function register_block(): void {
		wp_register_script(
			self::EDITOR_SCRIPT,
			plugins_url( 'assets/js/split-message-block.js', $this->plugin_file ),
			array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-server-side-render' ),
			$this->version,
			true
		);
		register_block_type(
			self::NAME,
			array(
				'api_version'            => 3,
				'title'                  => __( 'Pay in parts', 'ru-payments-for-woocommerce' ),
				'description'            => __( 'Shows how the price splits into payments with the enabled BNPL methods.', 'ru-payments-for-woocommerce' ),
				'category'               => 'woocommerce',
				'attributes'             => array(
					'for'     => array(
						'type'    => 'string',
						'enum'    => array( '', 'product', 'cart' ),
						'default' => '',
					),
					'product' => array(
						'type'    => 'integer',
						'default' => 0,
					),
				),
				'uses_context'           => array( 'postId', 'postType' ),
				'supports'               => array( 'html' => false ),
				'editor_script_handles'  => array( self::EDITOR_SCRIPT ),
				'render_callback'        => array( $this, 'render' ),
			)
		);
	}

	/**
	 * @param array<string,mixed> $attributes Block attributes.
	 * @param string              $content    Inner content (none).
	 * @param \WP_Block|null      $block      Block instance.
	 */
	public function render( $attributes, $content = '', $block = null ): string {
		$for     = is_string( $attributes['for'] ?? null ) ? $attributes['for'] : '';
		$product = (int) ( $attributes['product'] ?? 0 );
		if ( 0 === $product && '' === $for && is_object( $block ) && 'product' === ( $block->context['postType'] ?? '' ) ) {
			$product = (int) ( $block->context['postId'] ?? 0 );
		}
		return $this->hooks->placed( $for, $product );
	}
}
