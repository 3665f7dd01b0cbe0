<?php
/**
 * Test doubles of the WordPress functions the plugin calls. Behaviour follows core where the plugin
 * depends on it (hook priorities, sanitize_option_{$option} on update_option, nonce checks,
 * header canonicalisation, escaping); everything is recorded in RU_Payments_Test_State.
 *
 * @package RuPayments\Tests
 */

// ---- Hooks ----------------------------------------------------------------------------------------

function add_filter( string $hook, $callback, int $priority = 10, int $accepted_args = 1 ): bool {
	RU_Payments_Test_State::$hooks[ $hook ][ $priority ][] = array( $callback, $accepted_args );
	return true;
}

function add_action( string $hook, $callback, int $priority = 10, int $accepted_args = 1 ): bool {
	return add_filter( $hook, $callback, $priority, $accepted_args );
}

function apply_filters( string $hook, $value, ...$args ) {
	$callbacks = RU_Payments_Test_State::$hooks[ $hook ] ?? array();
	ksort( $callbacks );
	foreach ( $callbacks as $by_priority ) {
		foreach ( $by_priority as [ $callback, $accepted ] ) {
			$value = call_user_func_array( $callback, array_slice( array_merge( array( $value ), $args ), 0, $accepted ) );
		}
	}
	return $value;
}

function do_action( string $hook, ...$args ): void {
	RU_Payments_Test_State::$actions_done[ $hook ] = ( RU_Payments_Test_State::$actions_done[ $hook ] ?? 0 ) + 1;
	$callbacks = RU_Payments_Test_State::$hooks[ $hook ] ?? array();
	ksort( $callbacks );
	foreach ( $callbacks as $by_priority ) {
		foreach ( $by_priority as [ $callback, $accepted ] ) {
			call_user_func_array( $callback, array_slice( $args, 0, $accepted ) );
		}
	}
}

function did_action( string $hook ): int {
	return RU_Payments_Test_State::$actions_done[ $hook ] ?? 0;
}

/**
 * Test helper (not WordPress): the callbacks registered for a hook.
 */
function ru_payments_test_callbacks( string $hook ): array {
	$callbacks = array();
	foreach ( RU_Payments_Test_State::$hooks[ $hook ] ?? array() as $by_priority ) {
		foreach ( $by_priority as [ $callback ] ) {
			$callbacks[] = $callback;
		}
	}
	return $callbacks;
}

// ---- i18n (identity translations) -------------------------------------------------------------------

function __( $text, $domain = 'default' ) {
	return $text;
}

function _x( $text, $context, $domain = 'default' ) {
	return $text;
}

function _n( $single, $plural, $number, $domain = 'default' ) {
	return 1 === (int) $number ? $single : $plural;
}

function _e( $text, $domain = 'default' ): void {
	echo $text; // phpcs:ignore
}

function esc_html__( $text, $domain = 'default' ) {
	return esc_html( $text );
}

function esc_html_e( $text, $domain = 'default' ): void {
	echo esc_html( $text ); // phpcs:ignore
}

function esc_attr__( $text, $domain = 'default' ) {
	return esc_attr( $text );
}

function esc_attr_e( $text, $domain = 'default' ): void {
	echo esc_attr( $text ); // phpcs:ignore
}

function load_plugin_textdomain( $domain, $deprecated = false, $plugin_rel_path = false ): bool {
	RU_Payments_Test_State::$textdomains[] = array( 'load_plugin_textdomain', $domain, $plugin_rel_path );
	return false;
}

function load_textdomain( $domain, $mofile, $locale = null ): bool {
	RU_Payments_Test_State::$textdomains[] = array( 'load_textdomain', $domain, $mofile );
	return is_readable( $mofile );
}

function determine_locale(): string {
	return 'ru_RU';
}

function get_locale(): string {
	return RU_Payments_Test_State::$site_locale;
}

/**
 * As core: the user's own locale, else the site locale; 0 means the current user.
 */
function get_user_locale( $user = 0 ): string {
	$user_id = is_object( $user ) && isset( $user->ID ) ? (int) $user->ID : (int) $user;
	$user_id = 0 === $user_id ? get_current_user_id() : $user_id;
	$locale  = RU_Payments_Test_State::$user_locales[ $user_id ] ?? '';
	return '' !== $locale ? $locale : get_locale();
}

// ---- Escaping / sanitising ------------------------------------------------------------------------

function esc_html( $text ): string {
	return htmlspecialchars( (string) $text, ENT_QUOTES, 'UTF-8' );
}

function esc_attr( $text ): string {
	return htmlspecialchars( (string) $text, ENT_QUOTES, 'UTF-8' );
}

function esc_url_raw( $url, $protocols = null ): string {
	$url = str_replace( ' ', '%20', trim( (string) $url ) );
	if ( '' === $url || preg_match( '/[<>"\'\\\\]/', $url ) ) {
		return '';
	}
	if ( ! str_contains( $url, ':' ) && ! str_starts_with( $url, '/' ) && ! str_starts_with( $url, '#' ) && ! str_starts_with( $url, '?' ) ) {
		$url = 'http://' . $url;
	}
	$scheme    = strtolower( (string) parse_url( $url, PHP_URL_SCHEME ) );
	$protocols = $protocols ?? array( 'http', 'https', 'ftp', 'ftps', 'mailto' );
	if ( '' !== $scheme && ! in_array( $scheme, $protocols, true ) ) {
		return '';
	}
	return $url;
}

function esc_url( $url, $protocols = null ): string {
	return esc_attr( esc_url_raw( $url, $protocols ) );
}

function esc_textarea( $text ): string {
	return htmlspecialchars( (string) $text, ENT_QUOTES, 'UTF-8' );
}

function sanitize_text_field( $str ): string {
	$str = strip_tags( (string) $str );
	$str = preg_replace( '/[\r\n\t ]+/', ' ', $str );
	return trim( $str );
}

/**
 * As WordPress: sanitize_text_field() that keeps line breaks (tags stripped, each line trimmed of
 * runs of spaces and tabs).
 */
function sanitize_textarea_field( $str ): string {
	$lines = explode( "\n", str_replace( "\r\n", "\n", strip_tags( (string) $str ) ) );
	return trim( implode( "\n", array_map( static fn ( string $line ): string => (string) preg_replace( '/[\t ]+/', ' ', $line ), $lines ) ) );
}

function sanitize_key( $key ): string {
	return preg_replace( '/[^a-z0-9_\-]/', '', strtolower( (string) $key ) );
}

function wp_unslash( $value ) {
	return is_array( $value ) ? array_map( 'wp_unslash', $value ) : ( is_string( $value ) ? stripslashes( $value ) : $value );
}

function untrailingslashit( $value ): string {
	return rtrim( (string) $value, '/\\' );
}

function wp_parse_url( $url, $component = -1 ) {
	return parse_url( (string) $url, $component );
}

function wp_json_encode( $data, $options = 0, $depth = 512 ) {
	return json_encode( $data, $options, $depth );
}

function wp_generate_uuid4(): string {
	$hex = bin2hex( random_bytes( 16 ) );
	return sprintf( '%s-%s-4%s-a%s-%s', substr( $hex, 0, 8 ), substr( $hex, 8, 4 ), substr( $hex, 13, 3 ), substr( $hex, 17, 3 ), substr( $hex, 20, 12 ) );
}

function __return_true(): bool {
	return true;
}

function __return_false(): bool {
	return false;
}

function is_wp_error( $thing ): bool {
	return $thing instanceof WP_Error;
}

// ---- Options, settings, transients ----------------------------------------------------------------

function get_option( $option, $default_value = false ) {
	return array_key_exists( $option, RU_Payments_Test_State::$options ) ? RU_Payments_Test_State::$options[ $option ] : $default_value;
}

function sanitize_option( $option, $value ) {
	return apply_filters( "sanitize_option_{$option}", $value, $option, $value );
}

function add_option( $option, $value = '', $deprecated = '', $autoload = null ): bool {
	if ( array_key_exists( $option, RU_Payments_Test_State::$options ) ) {
		return false;
	}
	RU_Payments_Test_State::$options[ $option ] = sanitize_option( $option, $value );
	do_action( "add_option_{$option}", $option, RU_Payments_Test_State::$options[ $option ] );
	return true;
}

function update_option( $option, $value, $autoload = null ): bool {
	$value     = sanitize_option( $option, $value );
	$old_value = get_option( $option );
	if ( $value === $old_value ) {
		return false;
	}
	if ( ! array_key_exists( $option, RU_Payments_Test_State::$options ) ) {
		return add_option( $option, $value );
	}
	RU_Payments_Test_State::$options[ $option ] = $value;
	do_action( "update_option_{$option}", $old_value, $value, $option );
	return true;
}

/**
 * Roles: the unit tests keep none (the till's Cashier role is created by WordPress itself).
 */
function remove_role( $role ): void {
}

function get_role( $role ) {
	return null;
}

function delete_option( $option ): bool {
	$existed = array_key_exists( $option, RU_Payments_Test_State::$options );
	unset( RU_Payments_Test_State::$options[ $option ] );
	return $existed;
}

function register_setting( $option_group, $option_name, $args = array() ): void {
	RU_Payments_Test_State::$registered_settings[ $option_name ] = array( $option_group, $args );
	if ( ! empty( $args['sanitize_callback'] ) ) {
		add_filter( "sanitize_option_{$option_name}", $args['sanitize_callback'] );
	}
}

function add_settings_error( $setting, $code, $message, $type = 'error' ): void {
	RU_Payments_Test_State::$settings_errors[] = compact( 'setting', 'code', 'message', 'type' );
}

function set_transient( $transient, $value, $expiration = 0 ): bool {
	RU_Payments_Test_State::$transients[ $transient ] = array(
		'value'      => $value,
		'expiration' => (int) $expiration,
		'expires_at' => $expiration ? time() + (int) $expiration : 0,
	);
	return true;
}

function get_transient( $transient ) {
	$entry = RU_Payments_Test_State::$transients[ $transient ] ?? null;
	if ( null === $entry || ( $entry['expires_at'] && $entry['expires_at'] < time() ) ) {
		return false;
	}
	return $entry['value'];
}

function delete_transient( $transient ): bool {
	unset( RU_Payments_Test_State::$transients[ $transient ] );
	return true;
}

// ---- Users, nonces, AJAX --------------------------------------------------------------------------

function current_user_can( $capability, ...$args ): bool {
	return in_array( $capability, RU_Payments_Test_State::$caps, true );
}

function get_current_user_id(): int {
	return RU_Payments_Test_State::$current_user_id;
}

function is_admin(): bool {
	return RU_Payments_Test_State::$is_admin;
}

function wp_create_nonce( $action = -1 ): string {
	return substr( md5( 'nonce|' . $action ), 0, 10 );
}

function wp_verify_nonce( $nonce, $action = -1 ) {
	return is_string( $nonce ) && '' !== $nonce && hash_equals( wp_create_nonce( $action ), $nonce ) ? 1 : false;
}

function check_ajax_referer( $action = -1, $query_arg = false, $stop = true ) {
	$nonce  = $query_arg && isset( $_REQUEST[ $query_arg ] ) ? $_REQUEST[ $query_arg ] : ( $_REQUEST['_ajax_nonce'] ?? $_REQUEST['_wpnonce'] ?? '' );
	$result = wp_verify_nonce( $nonce, $action );
	if ( $stop && false === $result ) {
		throw new WP_Send_Json_Double( false, '-1', 403 );
	}
	return $result;
}

function wp_send_json_success( $data = null, $status_code = null, $flags = 0 ): void {
	throw new WP_Send_Json_Double( true, $data, $status_code ?? 200 );
}

function wp_send_json_error( $data = null, $status_code = null, $flags = 0 ): void {
	throw new WP_Send_Json_Double( false, $data, $status_code ?? 200 );
}

// ---- HTTP ------------------------------------------------------------------------------------------

function wp_remote_request( $url, $args = array() ) {
	RU_Payments_Test_State::$http_requests[] = array(
		'url'  => $url,
		'args' => $args,
	);
	$response = array_shift( RU_Payments_Test_State::$http_responses ) ?? new WP_Error( 'http_request_failed', 'No response queued in the test.' );
	return is_callable( $response ) ? $response( $url, $args ) : $response;
}

function wp_remote_retrieve_response_code( $response ) {
	return is_wp_error( $response ) || ! isset( $response['response']['code'] ) ? '' : (int) $response['response']['code'];
}

function wp_remote_retrieve_body( $response ): string {
	return is_wp_error( $response ) || ! isset( $response['body'] ) ? '' : (string) $response['body'];
}

// ---- REST ------------------------------------------------------------------------------------------

function register_rest_route( $route_namespace, $route, $args = array(), $override = false ): bool {
	RU_Payments_Test_State::$rest_routes[] = array(
		'namespace' => $route_namespace,
		'route'     => $route,
		'args'      => $args,
	);
	return true;
}

// ---- URLs, plugins, scripts ------------------------------------------------------------------------

/**
 * Pretty permalinks: get_rest_url() joins the REST prefix and the route with one slash.
 */
function rest_url( $path = '', $scheme = 'rest' ): string {
	return 'https://shop.test/wp-json/' . ltrim( (string) $path, '/' );
}

function admin_url( $path = '' ): string {
	return 'https://shop.test/wp-admin/' . ltrim( (string) $path, '/' );
}

function plugin_basename( $file ): string {
	return basename( dirname( (string) $file ) ) . '/' . basename( (string) $file );
}

function plugins_url( $path = '', $plugin = '' ): string {
	return 'https://shop.test/wp-content/plugins/' . basename( dirname( (string) $plugin ) ) . '/' . ltrim( (string) $path, '/' );
}

function wp_enqueue_script( $handle, $src = '', $deps = array(), $ver = false, $args = array() ): void {
	RU_Payments_Test_State::$scripts[ $handle ] = compact( 'src', 'deps', 'ver', 'args' );
}

function wp_localize_script( $handle, $object_name, $l10n ): bool {
	RU_Payments_Test_State::$scripts[ $handle ]['localized'][ $object_name ] = $l10n;
	return true;
}

function wp_register_script( $handle, $src, $deps = array(), $ver = false, $args = array() ): bool {
	if ( isset( RU_Payments_Test_State::$registered_scripts[ $handle ] ) ) {
		return false;
	}
	RU_Payments_Test_State::$registered_scripts[ $handle ] = compact( 'src', 'deps', 'ver', 'args' );
	return true;
}

function wp_script_is( $handle, $status = 'enqueued' ): bool {
	return 'registered' === $status ? isset( RU_Payments_Test_State::$registered_scripts[ $handle ] ) : isset( RU_Payments_Test_State::$scripts[ $handle ] );
}

function wp_set_script_translations( $handle, $domain = 'default', $path = '' ): bool {
	RU_Payments_Test_State::$script_translations[ $handle ] = array( $domain, $path );
	return true;
}

function plugin_dir_path( $file ): string {
	return rtrim( dirname( (string) $file ), '/' ) . '/';
}

function add_query_arg( ...$args ): string {
	if ( is_array( $args[0] ) ) {
		$query = $args[0];
		$url   = (string) ( $args[1] ?? '' );
	} else {
		$query = array( $args[0] => $args[1] );
		$url   = (string) ( $args[2] ?? '' );
	}
	$parts = explode( '?', $url, 2 );
	parse_str( $parts[1] ?? '', $existing );
	return $parts[0] . '?' . http_build_query( array_merge( $existing, $query ) );
}

// ---- Admin screens, meta boxes --------------------------------------------------------------------

function add_meta_box( $id, $title, $callback, $screen = null, $context = 'advanced', $priority = 'default', $callback_args = null ): void {
	RU_Payments_Test_State::$meta_boxes[ (string) $screen ][ $id ] = compact( 'title', 'callback', 'context', 'priority', 'callback_args' );
}

function get_current_screen() {
	return RU_Payments_Test_State::$current_screen;
}

// ---- Query vars, terms, mail, misc formatting --------------------------------------------------------

function get_query_var( $query_var, $default_value = '' ) {
	return RU_Payments_Test_State::$query_vars[ $query_var ] ?? $default_value;
}

function absint( $maybeint ): int {
	return abs( (int) $maybeint );
}

function get_term_meta( $term_id, $key = '', $single = false ) {
	$value = RU_Payments_Test_State::$term_meta[ (int) $term_id ][ $key ] ?? null;
	return null === $value ? ( $single ? '' : array() ) : $value;
}

function update_term_meta( $term_id, $meta_key, $meta_value, $prev_value = '' ): bool {
	RU_Payments_Test_State::$term_meta[ (int) $term_id ][ $meta_key ] = $meta_value;
	return true;
}

function delete_term_meta( $term_id, $meta_key, $meta_value = '' ): bool {
	unset( RU_Payments_Test_State::$term_meta[ (int) $term_id ][ $meta_key ] );
	return true;
}

function get_ancestors( $object_id = 0, $object_type = '', $resource_type = '' ): array {
	return RU_Payments_Test_State::$ancestors[ (int) $object_id ] ?? array();
}

/**
 * Same acceptance as core for the cases tested: local@domain.tld, no spaces.
 */
function is_email( $email, $deprecated = false ) {
	$email = (string) $email;
	return preg_match( '/^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$/', $email ) ? $email : false;
}

function sanitize_email( $email ): string {
	$email = trim( (string) $email );
	return is_email( $email ) ? $email : '';
}

function wp_mail( $to, $subject, $message, $headers = '', $attachments = array() ): bool {
	RU_Payments_Test_State::$mails[] = array(
		'to'      => (string) $to,
		'subject' => (string) $subject,
		'message' => (string) $message,
	);
	return true;
}

function wp_specialchars_decode( $text, $quote_style = ENT_NOQUOTES ): string {
	return htmlspecialchars_decode( (string) $text, ENT_QUOTES );
}

function wp_strip_all_tags( $text, $remove_breaks = false ): string {
	return trim( strip_tags( (string) $text ) );
}

function wp_kses_post( $data ) {
	return is_string( $data ) ? preg_replace( '#<(script|style)[^>]*>.*?</\1>#is', '', $data ) : $data;
}

function wpautop( $text, $br = true ): string {
	return '' === trim( (string) $text ) ? '' : '<p>' . trim( (string) $text ) . "</p>\n";
}

function wptexturize( $text, $reset = false ): string {
	return (string) $text;
}

function checked( $checked, $current = true, $display = true ): string {
	$result = (string) $checked === (string) $current ? " checked='checked'" : '';
	if ( $display ) {
		echo $result; // phpcs:ignore
	}
	return $result;
}

function selected( $selected, $current = true, $display = true ): string {
	$result = (string) $selected === (string) $current ? " selected='selected'" : '';
	if ( $display ) {
		echo $result; // phpcs:ignore
	}
	return $result;
}

function wp_nonce_field( $action = -1, $name = '_wpnonce', $referer = true, $display = true ): string {
	$field = '<input type="hidden" name="' . esc_attr( $name ) . '" value="' . esc_attr( wp_create_nonce( $action ) ) . '" />';
	if ( $display ) {
		echo $field; // phpcs:ignore
	}
	return $field;
}

function wp_date( $format, $timestamp = null, $timezone = null ): string {
	return gmdate( 'Y-m-d H:i', (int) $timestamp );
}

/** Only the checkout page (id 7) can hold the Checkout block in these tests. */
function has_block( $block_name, $post = null ): bool {
	return 'woocommerce/checkout' === $block_name && 7 === $post && 'checkout-block' === RU_Payments_Test_State::$page;
}


function register_activation_hook( $file, $callback ): void {
}


function disabled( $disabled, $current = true, $display = true ): string {
	$result = (string) $disabled === (string) $current ? " disabled='disabled'" : '';
	if ( $display ) {
		echo $result; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
	}
	return $result;
}
