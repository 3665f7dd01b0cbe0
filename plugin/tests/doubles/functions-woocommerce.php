<?php
/**
 * Test doubles of the WooCommerce functions the plugin calls.
 *
 * @package RuPayments\Tests
 */

function wc_get_order( $order_id = false ) {
	return RU_Payments_Test_State::$orders[ (int) $order_id ] ?? false;
}

function wc_get_logger(): WC_Logger_Double {
	return RU_Payments_Test_State::$logger ??= new WC_Logger_Double();
}

function wc_clean( $value ) {
	return is_array( $value ) ? array_map( 'wc_clean', $value ) : ( is_scalar( $value ) ? sanitize_text_field( (string) $value ) : $value );
}

/**
 * Records the fields; rendering of custom types goes through `woocommerce_admin_field_{type}` as in
 * WC_Admin_Settings::output_fields().
 */
function woocommerce_admin_fields( array $options ): void {
	foreach ( $options as $field ) {
		if ( ! in_array( $field['type'], array( 'title', 'sectionend', 'text', 'url', 'password' ), true ) ) {
			$field['value'] = get_option( $field['id'], '' );
			do_action( 'woocommerce_admin_field_' . $field['type'], $field );
		}
	}
}

/**
 * Mirrors WC_Admin_Settings::save_fields(): reads $_POST, wc_clean()s, runs the
 * `woocommerce_admin_settings_sanitize_option[_{id}]` filters, skips null, then update_option().
 */
function woocommerce_update_options( array $options, $data = null ): bool {
	$data = $data ?? $_POST; // phpcs:ignore
	foreach ( $options as $option ) {
		if ( ! isset( $option['id'], $option['type'] ) || ( isset( $option['is_option'] ) && false === $option['is_option'] ) || in_array( $option['type'], array( 'title', 'sectionend' ), true ) ) {
			continue;
		}
		$raw_value = isset( $data[ $option['id'] ] ) ? wp_unslash( $data[ $option['id'] ] ) : null;
		$value     = wc_clean( $raw_value );
		$value     = apply_filters( 'woocommerce_admin_settings_sanitize_option', $value, $option, $raw_value );
		$value     = apply_filters( 'woocommerce_admin_settings_sanitize_option_' . $option['id'], $value, $option, $raw_value );
		if ( null === $value ) {
			continue;
		}
		update_option( $option['id'], $value );
	}
	return true;
}
