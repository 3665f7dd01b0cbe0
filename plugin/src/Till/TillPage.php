<?php
/**
 * The till screen in wp-admin.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

defined( 'ABSPATH' ) || exit;

/**
 * A top-level "Till" menu for users with the till capability. The screen is one script
 * (assets/js/till/till.js) talking to the till REST routes; the camera reader
 * (build/till/camera.js, zxing-wasm) loads only when the cashier opens the camera.
 */
final class TillPage {

	public const SLUG = 'ru-payments-till';

	public function __construct( private readonly string $file, private readonly string $version ) {
	}

	public function register(): void {
		add_action( 'admin_menu', array( $this, 'menu' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
	}

	public function menu(): void {
		add_menu_page( __( 'Till', 'ru-payments-for-woocommerce' ), __( 'Till', 'ru-payments-for-woocommerce' ), CashierRole::CAP_TILL, self::SLUG, array( $this, 'render' ), 'dashicons-cart', 56 );
	}

	public function render(): void {
		echo '<div class="wrap rup-till-wrap"><h1 class="screen-reader-text">' . esc_html__( 'Till', 'ru-payments-for-woocommerce' ) . '</h1>';
		echo '<div id="rup-till" data-testid="till"><p>' . esc_html__( 'Loading the till…', 'ru-payments-for-woocommerce' ) . '</p></div></div>';
	}

	/**
	 * @param string $hook Admin page hook.
	 */
	public function enqueue( string $hook ): void {
		if ( 'toplevel_page_' . self::SLUG !== $hook ) {
			return;
		}
		$base = plugins_url( '', $this->file );
		wp_enqueue_style( 'rup-till', $base . '/assets/css/till.css', array(), $this->version );
		$previous = array();
		foreach ( array( 'till-core', 'till-scanner', 'till-basket', 'till-pay', 'till-sale', 'till' ) as $name ) {
			wp_enqueue_script( 'rup-' . $name, $base . '/assets/js/till/' . $name . '.js', $previous, $this->version, true );
			$previous = array( 'rup-' . $name );
		}
		wp_add_inline_script(
			'rup-till-core',
			'window.rupTill = ' . wp_json_encode(
				array(
					'rest'      => esc_url_raw( rest_url( SalesController::NS . '/till/' ) ),
					'nonce'     => wp_create_nonce( 'wp_rest' ),
					'camera'    => $base . '/build/till/camera.js?ver=' . rawurlencode( $this->version ),
					'wasm'      => $base . '/build/till/zxing_reader.wasm',
					'reports'   => current_user_can( CashierRole::CAP_REPORTS ) ? admin_url( 'admin.php?page=' . ReportPage::SLUG ) : '',
					'locale'    => str_replace( '_', '-', determine_locale() ),
					'i18n'      => TillStrings::all(),
				)
			) . ';',
			'before'
		);
	}
}
