<?php
/**
 * Shared in-memory state behind the WordPress/WooCommerce test doubles.
 *
 * @package RuPayments\Tests
 */

/**
 * Everything the doubles record or serve; reset() before every test.
 */
final class RU_Payments_Test_State {

	/** @var array<string, array<int, list<array{0: callable, 1: int}>>> hook => priority => callbacks */
	public static array $hooks = array();

	/** @var array<string, array<int, list<array{0: callable, 1: int}>>> Hooks registered while loading the main file. */
	public static array $boot_hooks = array();

	/** @var array<string,int> */
	public static array $actions_done = array();

	public static array $options = array();

	/** @var array<string, array{value: mixed, expiration: int}> */
	public static array $transients = array();

	/** @var array<int, WC_Order> */
	public static array $orders = array();

	/** @var list<array> Arguments of every wc_get_orders() call. */
	public static array $order_queries = array();

	/** @var list<array{url: string, args: array}> */
	public static array $http_requests = array();

	/** @var list<array|WP_Error> */
	public static array $http_responses = array();

	/** @var list<string> */
	public static array $caps = array();

	public static bool $is_admin = false;

	public static array $settings_errors = array();

	public static array $registered_settings = array();

	public static array $rest_routes = array();

	public static array $scripts = array();

	public static array $textdomains = array();

	public static ?WC_Logger_Double $logger = null;

	public static ?WooCommerce $wc = null;

	/** @var array<int, WC_Product> */
	public static array $products = array();

	/** @var array<int, array<string,mixed>> term id => meta */
	public static array $term_meta = array();

	/** @var array<int, list<int>> term id => ancestors, closest first */
	public static array $ancestors = array();

	/** @var array<string,mixed> */
	public static array $query_vars = array();

	/** The page being shown: 'checkout' (classic), 'checkout-block' (Checkout block) or '' (anything else). */
	public static string $page = '';

	/** @var list<array{message: string, type: string, data: array}> */
	public static array $notices = array();

	/** @var list<array{to: string, subject: string, message: string}> */
	public static array $mails = array();

	/** @var array<string, WC_Payment_Gateway> Gateways wc_refund_payment() can reach, by id. */
	public static array $gateways = array();

	/** @var array<string, array> Scripts registered with wp_register_script(). */
	public static array $registered_scripts = array();

	/** @var array<string, array{0: string, 1: string}> handle => [domain, path]. */
	public static array $script_translations = array();

	public static int $next_refund_id = 1000;

	/** @var array<string, array<string, array>> screen => meta box id => add_meta_box() arguments. */
	public static array $meta_boxes = array();

	/** Whether WooCommerce's order tables (HPOS) are in use (wc_get_page_screen_id()). */
	public static bool $hpos = false;

	/** @var object|null What get_current_screen() returns. */
	public static ?object $current_screen = null;

	public static int $current_user_id = 1;

	/** Site locale (get_locale()); users without a locale of their own fall back to it. */
	public static string $site_locale = 'ru_RU';

	/** @var array<int,string> user id => the locale the user chose. */
	public static array $user_locales = array();

	public static function reset(): void {
		self::$hooks               = self::$boot_hooks;
		$GLOBALS['wpdb']->queries = array();
		if ( class_exists( 'Markers_Double', false ) ) {
			Markers_Double::reset();
			Order_Locks_Double::reset();
		}
		self::$actions_done        = array();
		// A site where the plugin's table is installed (Storage\Schema).
		self::$options             = array( 'ru_payments_db_version' => '1' );
		self::$transients          = array();
		self::$orders              = array();
		self::$order_queries       = array();
		self::$http_requests       = array();
		self::$http_responses      = array();
		self::$caps                = array();
		self::$is_admin            = false;
		self::$settings_errors     = array();
		self::$registered_settings = array();
		self::$rest_routes         = array();
		self::$scripts             = array();
		self::$textdomains         = array();
		self::$logger              = new WC_Logger_Double();
		self::$wc                  = new WooCommerce();
		self::$products            = array();
		self::$term_meta           = array();
		self::$ancestors           = array();
		self::$query_vars          = array();
		self::$page                = '';
		self::$notices             = array();
		self::$mails               = array();
		self::$gateways            = array();
		self::$registered_scripts  = array();
		self::$script_translations = array();
		self::$next_refund_id      = 1000;
		self::$meta_boxes          = array();
		self::$hpos                = false;
		self::$current_screen      = null;
		self::$current_user_id     = 1;
		self::$site_locale         = 'ru_RU';
		self::$user_locales        = array();
		WC_Admin_Settings::$errors   = array();
		WC_Admin_Settings::$messages = array();
		\Automattic\WooCommerce\Blocks\Package::$container = null;
		\Automattic\WooCommerce\Utilities\FeaturesUtil::$declared = array();
	}

	/**
	 * Queues the answer of the next wp_remote_request() call.
	 */
	public static function queue_http_response( int $code, string $body, array $headers = array() ): void {
		self::$http_responses[] = array(
			'headers'  => $headers,
			'body'     => $body,
			'response' => array(
				'code'    => $code,
				'message' => '',
			),
			'cookies'  => array(),
		);
	}

	/**
	 * Queues a callable that produces the next answer (it may itself make requests, like a second
	 * browser tab hitting the server while the first request is still running).
	 *
	 * @param callable(string $url, array $args): (array|WP_Error) $callback Answer factory.
	 */
	public static function queue_http_callback( callable $callback ): void {
		self::$http_responses[] = $callback;
	}

	public static function queue_http_error( string $message ): void {
		self::$http_responses[] = new WP_Error( 'http_request_failed', $message );
	}

	public static function add_product( WC_Product $product ): WC_Product {
		self::$products[ $product->get_id() ] = $product;
		return $product;
	}

	public static function add_order( WC_Order $order ): WC_Order {
		self::$orders[ $order->get_id() ] = $order;
		return $order;
	}
}
