<?php
/**
 * Small WooCommerce class doubles: WooCommerce (presence marks WooCommerce as active),
 * WC_Admin_Settings (error collection), FeaturesUtil (compatibility declarations).
 *
 * @package RuPayments\Tests
 */

namespace {
	class WooCommerce {
	}

	class WC_Admin_Settings {

		/** @var list<string> */
		public static array $errors = array();

		public static function add_error( string $text ): void {
			self::$errors[] = $text;
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
