<?php
/**
 * Test doubles of WC_Settings_API and WC_Payment_Gateway: the subset the plugin uses, with the same
 * semantics as WooCommerce (settings in the option `woocommerce_<id>_settings`, defaults from the
 * form fields, validate_<key>_field / validate_<type>_field lookups in process_admin_options(),
 * enabled = 'yes'|'no').
 *
 * @package RuPayments\Tests
 */

abstract class WC_Settings_API {

	public $plugin_id = 'woocommerce_';

	public $id = '';

	public $errors = array();

	public $settings = array();

	public $form_fields = array();

	protected $data = array();

	public function get_form_fields() {
		return apply_filters( 'woocommerce_settings_api_form_fields_' . $this->id, array_map( array( $this, 'set_defaults' ), $this->form_fields ) );
	}

	protected function set_defaults( $field ) {
		if ( ! isset( $field['default'] ) ) {
			$field['default'] = '';
		}
		return $field;
	}

	public function init_form_fields() {
	}

	public function get_option_key() {
		return $this->plugin_id . $this->id . '_settings';
	}

	public function get_field_type( $field ) {
		return empty( $field['type'] ) ? 'text' : $field['type'];
	}

	public function get_field_default( $field ) {
		return empty( $field['default'] ) ? '' : $field['default'];
	}

	public function get_field_key( $key ) {
		return $this->plugin_id . $this->id . '_' . $key;
	}

	public function get_field_value( $key, $field, $post_data = array() ) {
		$type      = $this->get_field_type( $field );
		$field_key = $this->get_field_key( $key );
		$post_data = empty( $post_data ) ? $_POST : $post_data; // phpcs:ignore
		$value     = $post_data[ $field_key ] ?? null;
		if ( isset( $field['sanitize_callback'] ) && is_callable( $field['sanitize_callback'] ) ) {
			return call_user_func( $field['sanitize_callback'], $value );
		}
		if ( is_callable( array( $this, 'validate_' . $key . '_field' ) ) ) {
			return $this->{'validate_' . $key . '_field'}( $key, $value );
		}
		if ( is_callable( array( $this, 'validate_' . $type . '_field' ) ) ) {
			return $this->{'validate_' . $type . '_field'}( $key, $value );
		}
		return $this->validate_text_field( $key, $value );
	}

	public function get_post_data() {
		return ! empty( $this->data ) && is_array( $this->data ) ? $this->data : $_POST; // phpcs:ignore
	}

	public function process_admin_options() {
		$this->init_settings();
		$post_data = $this->get_post_data();
		foreach ( $this->get_form_fields() as $key => $field ) {
			if ( 'title' !== $this->get_field_type( $field ) ) {
				try {
					$this->settings[ $key ] = $this->get_field_value( $key, $field, $post_data );
				} catch ( Exception $e ) {
					$this->errors[] = $e->getMessage();
				}
			}
		}
		return update_option( $this->get_option_key(), apply_filters( 'woocommerce_settings_api_sanitized_fields_' . $this->id, $this->settings ), 'yes' );
	}

	public function init_settings() {
		$this->settings = get_option( $this->get_option_key(), null );
		if ( ! is_array( $this->settings ) ) {
			$form_fields    = $this->get_form_fields();
			$this->settings = array_merge( array_fill_keys( array_keys( $form_fields ), '' ), array_map( static fn ( $f ) => $f['default'] ?? null, $form_fields ) );
		}
	}

	public function get_option( $key, $empty_value = null ) {
		if ( empty( $this->settings ) ) {
			$this->init_settings();
		}
		if ( ! isset( $this->settings[ $key ] ) ) {
			$form_fields            = $this->get_form_fields();
			$this->settings[ $key ] = isset( $form_fields[ $key ] ) ? $this->get_field_default( $form_fields[ $key ] ) : '';
		}
		if ( ! is_null( $empty_value ) && '' === $this->settings[ $key ] ) {
			$this->settings[ $key ] = $empty_value;
		}
		return $this->settings[ $key ];
	}

	public function update_option( $key, $value = '' ) {
		if ( empty( $this->settings ) ) {
			$this->init_settings();
		}
		$this->settings[ $key ] = $value;
		return update_option( $this->get_option_key(), $this->settings, 'yes' );
	}

	public function validate_text_field( $key, $value ) {
		$value = is_null( $value ) ? '' : $value;
		return wp_kses_post( trim( stripslashes( $value ) ) );
	}

	public function validate_textarea_field( $key, $value ) {
		return $this->validate_text_field( $key, $value );
	}

	public function validate_password_field( $key, $value ) {
		return trim( stripslashes( is_null( $value ) ? '' : $value ) );
	}

	public function validate_checkbox_field( $key, $value ) {
		return ! is_null( $value ) ? 'yes' : 'no';
	}

	public function validate_select_field( $key, $value ) {
		return wc_clean( stripslashes( is_null( $value ) ? '' : $value ) );
	}
}

abstract class WC_Payment_Gateway extends WC_Settings_API {

	public $order_button_text;

	public $enabled = 'yes';

	public $title;

	public $description;

	public $method_title = '';

	public $method_description = '';

	public $has_fields;

	public $icon;

	public $supports = array( 'products' );

	public $max_amount = 0;

	public function init_settings() {
		parent::init_settings();
		$this->enabled = ! empty( $this->settings['enabled'] ) && 'yes' === $this->settings['enabled'] ? 'yes' : 'no';
	}

	public function get_return_url( $order = null ) {
		$return_url = $order ? $order->get_checkout_order_received_url() : 'https://shop.test/checkout/order-received/';
		return apply_filters( 'woocommerce_get_return_url', $return_url, $order );
	}

	public function is_available() {
		return 'yes' === $this->enabled;
	}

	public function has_fields() {
		return (bool) $this->has_fields;
	}

	public function get_title() {
		return apply_filters( 'woocommerce_gateway_title', (string) $this->title, $this->id );
	}

	public function get_description() {
		return apply_filters( 'woocommerce_gateway_description', wp_kses_post( (string) $this->description ), $this->id );
	}

	public function process_payment( $order_id ) {
		return array();
	}

	public function process_refund( $order_id, $amount = null, $reason = '' ) {
		return false;
	}

	public function validate_fields() {
		return true;
	}

	public function payment_fields() {
		$description = $this->get_description();
		if ( $description ) {
			echo wpautop( wptexturize( $description ) ); // phpcs:ignore
		}
	}

	public function supports( $feature ) {
		return apply_filters( 'woocommerce_payment_gateway_supports', in_array( $feature, $this->supports, true ), $feature, $this );
	}

	public function can_refund_order( $order ) {
		return $order && $this->supports( 'refunds' );
	}
}
