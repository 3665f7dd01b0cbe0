<?php
/**
 * Small WooCommerce class doubles: WooCommerce (presence marks WooCommerce as active; WC() returns
 * the shared instance with its cart), WC_Admin_Settings (error and message collection),
 * FeaturesUtil (compatibility declarations).
 *
 * @package RuPayments\Tests
 */

namespace {
	class WooCommerce {

		/** @var WC_Cart|null Null outside the front end, as in WooCommerce. */
		public $cart = null;
	}

	class WC_Admin_Settings {

		/** @var list<string> */
		public static array $errors = array();

		/** @var list<string> */
		public static array $messages = array();

		public static function add_error( string $text ): void {
			self::$errors[] = $text;
		}

		public static function add_message( string $text ): void {
			self::$messages[] = $text;
		}
	}

	class WP_Term {

		public function __construct( public int $term_id = 0, public string $taxonomy = 'product_cat' ) {
		}
	}
}

namespace Automattic\WooCommerce\Utilities {
	class FeaturesUtil {

		/** @var list<array{0: string, 1: string, 2: bool}> */
		public static array $declared = array();

		public static function declare_compatibility( string $feature_id, string $plugin_file, bool $positive_compatibility = true ): bool {
			self::$declared[] = array( $feature_id, $plugin_file, $positive_compatibility );
			return true;
		}
	}
}
