<?php
/**
 * Test doubles of the WooCommerce Blocks classes the plugin uses: AbstractPaymentMethodType (same
 * public API as WooCommerce's), the payment method registry, and Package::container() with the
 * AssetDataRegistry (data added once per key; callables are resolved when wcSettings is printed).
 *
 * @package RuPayments\Tests
 */

namespace Automattic\WooCommerce\Blocks\Payments\Integrations {

	abstract class AbstractPaymentMethodType {

		protected $name = '';

		protected $settings = array();

		abstract public function initialize();

		protected function get_setting( $name, $default_value = '' ) {
			return $this->settings[ $name ] ?? $default_value;
		}

		public function get_name() {
			return $this->name;
		}

		public function is_active() {
			return true;
		}

		public function get_payment_method_script_handles() {
			return array();
		}

		public function get_payment_method_script_handles_for_admin() {
			return $this->get_payment_method_script_handles();
		}

		public function get_supported_features() {
			return array( 'products' );
		}

		public function get_payment_method_data() {
			return array();
		}

		public function get_script_handles() {
			return $this->get_payment_method_script_handles();
		}

		public function get_script_data() {
			return $this->get_payment_method_data();
		}
	}
}

namespace Automattic\WooCommerce\Blocks\Payments {

	/**
	 * Mirrors IntegrationRegistry::register(): initializes the integration and keeps it by name.
	 */
	class PaymentMethodRegistry {

		/** @var array<string,Integrations\AbstractPaymentMethodType> */
		public array $registered = array();

		public function register( $integration ): bool {
			$name = $integration->get_name();
			if ( isset( $this->registered[ $name ] ) ) {
				return false;
			}
			$integration->initialize();
			$this->registered[ $name ] = $integration;
			return true;
		}

		/**
		 * What WooCommerce puts into wcSettings: `<name>_data` for every active integration.
		 */
		public function get_all_registered_script_data(): array {
			$data = array();
			foreach ( $this->registered as $name => $integration ) {
				if ( $integration->is_active() ) {
					$data[ $name . '_data' ] = $integration->get_payment_method_data();
				}
			}
			return $data;
		}
	}
}

namespace Automattic\WooCommerce\Blocks\Assets {

	class AssetDataRegistry {

		public array $data = array();

		public function add( $key, $data, $check_key_exists = false ): void {
			if ( ! array_key_exists( $key, $this->data ) ) {
				$this->data[ $key ] = $data;
			}
		}

		public function exists( $key ): bool {
			return array_key_exists( $key, $this->data );
		}

		/**
		 * Test helper: the data as printed (callables resolved).
		 */
		public function printed(): array {
			return array_map( static fn ( $value ) => is_callable( $value ) ? $value() : $value, $this->data );
		}
	}
}

namespace Automattic\WooCommerce\Blocks {

	class Package {

		public static ?object $container = null;

		public static function container() {
			return self::$container ??= new class() {

				private array $services = array();

				public function get( string $id ) {
					return $this->services[ $id ] ??= new $id();
				}
			};
		}
	}
}
