<?php
/**
 * Test doubles of the WooCommerce functions the plugin calls.
 *
 * @package RuPayments\Tests
 */

function wc_get_order( $order_id = false ) {
	return RU_Payments_Test_State::$orders[ (int) $order_id ] ?? false;
}

/**
 * As wc_get_orders() for the arguments the plugin uses, on either order store: `status` (with or
 * without the `wc-` prefix), `limit` (-1 = all), `return` (`objects` or `ids`) and `meta_query`
 * (AND of clauses with `key`, `value`, `compare` =, !=, <, <=, >, >=, EXISTS, NOT EXISTS and
 * `type` NUMERIC), read from the saved state of each order, as a database query would.
 */
function wc_get_orders( $args = array() ) {
	RU_Payments_Test_State::$order_queries[] = $args;
	$statuses = array_map( static fn ( $status ): string => str_starts_with( (string) $status, 'wc-' ) ? substr( (string) $status, 3 ) : (string) $status, (array) ( $args['status'] ?? array() ) );
	$clauses  = array_filter( (array) ( $args['meta_query'] ?? array() ), 'is_array' );
	$found    = array();
	foreach ( RU_Payments_Test_State::$orders as $order ) {
		$saved = $order->saved();
		if ( $statuses && ! in_array( $saved['status'], $statuses, true ) ) {
			continue;
		}
		foreach ( $clauses as $clause ) {
			$exists  = array_key_exists( $clause['key'], $saved['meta'] );
			$value   = $exists ? $saved['meta'][ $clause['key'] ] : null;
			$compare = strtoupper( (string) ( $clause['compare'] ?? '=' ) );
			if ( 'EXISTS' === $compare || 'NOT EXISTS' === $compare ) {
				if ( $exists !== ( 'EXISTS' === $compare ) ) {
					continue 2;
				}
				continue;
			}
			if ( ! $exists ) {
				continue 2;
			}
			$numeric = 'NUMERIC' === strtoupper( (string) ( $clause['type'] ?? 'CHAR' ) );
			$left    = $numeric ? (float) $value : (string) $value;
			$right   = $numeric ? (float) $clause['value'] : (string) $clause['value'];
			$match   = match ( $compare ) {
				'='  => $left == $right, // phpcs:ignore Universal.Operators.StrictComparisons.LooseEqual
				'!=' => $left != $right, // phpcs:ignore Universal.Operators.StrictComparisons.LooseNotEqual
				'<'  => $left < $right,
				'<=' => $left <= $right,
				'>'  => $left > $right,
				'>=' => $left >= $right,
			};
			if ( ! $match ) {
				continue 2;
			}
		}
		$found[] = $order;
	}
	$limit = (int) ( $args['limit'] ?? get_option( 'posts_per_page', 10 ) );
	if ( $limit >= 0 ) {
		$found = array_slice( $found, 0, $limit );
	}
	return 'ids' === ( $args['return'] ?? 'objects' ) ? array_map( static fn ( WC_Order $order ): int => $order->get_id(), $found ) : $found;
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

function WC(): WooCommerce { // phpcs:ignore WordPress.NamingConventions.ValidFunctionName
	return RU_Payments_Test_State::$wc ??= new WooCommerce();
}

function wc_get_product( $the_product = false ) {
	return RU_Payments_Test_State::$products[ (int) $the_product ] ?? false;
}

function get_woocommerce_currency(): string {
	return (string) get_option( 'woocommerce_currency', 'RUB' );
}

function wc_get_price_decimals(): int {
	return 2;
}

/**
 * WooCommerce's behaviour for the inputs the plugin passes: floats are written out with PHP's
 * shortest round-trip form (wc_float_to_string), then rounded half up to $dp decimals when given.
 */
function wc_format_decimal( $number, $dp = false, $trim_zeros = false ): string {
	$number = is_float( $number ) ? (string) $number : (string) $number;
	$number = preg_replace( '/[^0-9\.\-]/', '', $number );
	if ( false !== $dp && '' !== $number ) {
		$number = number_format( round( (float) $number, (int) $dp ), (int) $dp, '.', '' );
	}
	return $number;
}

/**
 * RUB with two decimals, a comma and a non-breaking thousands separator (the plugin only prints it).
 */
function wc_price( $price, $args = array() ): string {
	return '<span class="woocommerce-Price-amount amount">' . number_format( (float) $price, 2, ',', "\u{00A0}" ) . "\u{00A0}₽</span>";
}

function wc_add_notice( $message, $notice_type = 'success', $data = array() ): void {
	RU_Payments_Test_State::$notices[] = array(
		'message' => (string) $message,
		'type'    => (string) $notice_type,
		'data'    => (array) $data,
	);
}

function wc_print_notice( $message, $notice_type = 'success', $data = array(), $return = false ) {
	$html = '<div class="woocommerce-' . esc_attr( $notice_type ) . '" role="alert">' . $message . '</div>';
	if ( $return ) {
		return $html;
	}
	echo $html; // phpcs:ignore
}

function woocommerce_wp_select( $field, $data = null ): void {
	echo '<p class="form-field ' . esc_attr( $field['id'] ) . '_field"><label for="' . esc_attr( $field['id'] ) . '">' . esc_html( $field['label'] ) . '</label><select id="' . esc_attr( $field['id'] ) . '" name="' . esc_attr( $field['name'] ?? $field['id'] ) . '">'; // phpcs:ignore
	foreach ( $field['options'] as $key => $label ) {
		echo '<option value="' . esc_attr( $key ) . '"' . ( (string) $key === (string) ( $field['value'] ?? '' ) ? ' selected="selected"' : '' ) . '>' . esc_html( $label ) . '</option>'; // phpcs:ignore
	}
	echo '</select></p>'; // phpcs:ignore
}

/**
 * Mirrors wc_create_refund(): checks the amount against what remains, saves the refund first, then
 * (refund_payment) asks the order's gateway through wc_refund_payment() and deletes the refund
 * again when the gateway answers an error; a full refund moves the order to "refunded".
 */
function wc_create_refund( $args = array() ) {
	$args  = array_merge(
		array(
			'amount'         => 0,
			'reason'         => null,
			'order_id'       => 0,
			'refund_payment' => false,
			'restock_items'  => false,
		),
		$args
	);
	$order = wc_get_order( $args['order_id'] );
	if ( ! $order ) {
		return new WP_Error( 'error', 'Invalid order ID.' );
	}
	$remaining = (float) $order->get_remaining_refund_amount();
	if ( 0 > (float) $args['amount'] || (float) $args['amount'] > $remaining ) {
		return new WP_Error( 'error', 'Invalid refund amount.' );
	}
	// `line_items` as WooCommerce takes them, keyed by the line's position in the order's
	// line_item, fee and shipping lines (the doubles have no item ids):
	// [position => ['qty' => n, 'refund_total' => '…', 'refund_tax' => [rate id => '…']]].
	$lines = $order->get_items( array( 'line_item', 'fee', 'shipping' ) );
	$items = array();
	foreach ( (array) ( $args['line_items'] ?? array() ) as $position => $line ) {
		if ( isset( $lines[ $position ] ) && ( ! empty( $line['qty'] ) || ! empty( $line['refund_total'] ) || ! empty( $line['refund_tax'] ) ) ) {
			$items[] = $lines[ $position ]->refunded_copy( $line['qty'] ?? 0, (string) ( $line['refund_total'] ?? '0' ), array_filter( (array) ( $line['refund_tax'] ?? array() ) ) );
		}
	}
	$refund           = array(
		'id'               => RU_Payments_Test_State::$next_refund_id++,
		'amount'           => wc_format_decimal( $args['amount'], 2 ),
		'reason'           => (string) $args['reason'],
		'refunded_payment' => false,
		'items'            => $items,
	);
	$order->refunds[] = $refund;
	$index            = count( $order->refunds ) - 1;

	if ( $args['refund_payment'] ) {
		$gateway = RU_Payments_Test_State::$gateways[ $order->get_payment_method() ] ?? null;
		$result  = $gateway ? $gateway->process_refund( $order->get_id(), $refund['amount'], $refund['reason'] ) : false;
		if ( ! $result || is_wp_error( $result ) ) {
			unset( $order->refunds[ $index ] );
			$order->refunds = array_values( $order->refunds );
			return is_wp_error( $result ) ? new WP_Error( 'error', $result->get_error_message() ) : new WP_Error( 'error', 'An error occurred while attempting to create the refund using the payment gateway API.' );
		}
		$order->refunds[ $index ]['refunded_payment'] = true;
	}
	if ( $remaining - (float) $args['amount'] <= 0 ) {
		$order->update_status( 'refunded' );
	}
	return (object) $order->refunds[ $index ];
}

/**
 * As WooCommerce: the order edit screen id is `woocommerce_page_wc-orders` with HPOS, the post
 * type otherwise.
 */
function wc_get_page_screen_id( $for ): string {
	$for = str_replace( '-', '_', (string) $for );
	if ( 'shop_order' === $for ) {
		return RU_Payments_Test_State::$hpos ? 'woocommerce_page_wc-orders' : 'shop_order';
	}
	return $for;
}

/**
 * The screens WooCommerce counts as its own (a representative part of wc_get_screen_ids()).
 */
function wc_get_screen_ids(): array {
	return array(
		'toplevel_page_woocommerce',
		'woocommerce_page_wc-settings',
		'woocommerce_page_wc-status',
		'woocommerce_page_wc-orders',
		'shop_order',
		'edit-shop_order',
		'product',
		'edit-product',
	);
}

function is_checkout(): bool {
	return in_array( RU_Payments_Test_State::$page, array( 'checkout', 'checkout-block' ), true );
}

function wc_get_page_id( $page ): int {
	return 'checkout' === $page ? 7 : -1;
}

