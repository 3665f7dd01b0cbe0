<?php
/**
 * Minimal stand-in for WP_REST_Server.
 *
 * dispatch(): matches the route regex the way core does (`@^{route}$@i`, named groups become URL
 * params, HEAD falls back to a GET handler), runs the permission callback, the callback when
 * permitted, then the `rest_request_after_callbacks` filter, and converts a remaining WP_Error the
 * way core does ({code, message, data}).
 *
 * serve(): the tail of WP_REST_Server::serve_request() — default JSON Content-Type and nosniff
 * headers, dispatch, `rest_post_dispatch`, the response's headers (replacing same-named ones, as
 * header() does) and status, then `rest_pre_serve_request`; when no filter served the request, the
 * JSON-encoded data (nothing for HEAD or 204). Returns what the client would receive.
 *
 * @package RuPayments\Tests
 */

final class Rest_Server_Double {

	public static function dispatch( WP_REST_Request $request ): WP_REST_Response {
		foreach ( RU_Payments_Test_State::$rest_routes as $route ) {
			if ( ! preg_match( '@^/' . $route['namespace'] . $route['route'] . '$@i', $request->get_route(), $matches ) ) {
				continue;
			}
			$handler = $route['args'];
			$methods = array_map( 'strtoupper', array_map( 'trim', explode( ',', $handler['methods'] ) ) );
			$method  = $request->get_method();
			if ( 'HEAD' === $method && ! in_array( 'HEAD', $methods, true ) ) {
				$method = 'GET';
			}
			if ( ! in_array( $method, $methods, true ) ) {
				continue;
			}
			$request->set_url_params( array_filter( $matches, 'is_string', ARRAY_FILTER_USE_KEY ) );
			$permission = call_user_func( $handler['permission_callback'], $request );
			if ( is_wp_error( $permission ) ) {
				$response = $permission;
			} elseif ( true !== $permission ) {
				$response = new WP_Error( 'rest_forbidden', 'Sorry, you are not allowed to do that.', array( 'status' => 401 ) );
			} else {
				$response = call_user_func( $handler['callback'], $request );
			}
			$response = apply_filters( 'rest_request_after_callbacks', $response, $handler, $request );
			if ( is_wp_error( $response ) ) {
				$data     = (array) $response->get_error_data();
				$response = new WP_REST_Response(
					array(
						'code'    => $response->get_error_code(),
						'message' => $response->get_error_message(),
						'data'    => $data,
					),
					(int) ( $data['status'] ?? 500 )
				);
			}
			return $response;
		}
		return new WP_REST_Response(
			array(
				'code'    => 'rest_no_route',
				'message' => 'No route was found matching the URL and request method.',
				'data'    => array( 'status' => 404 ),
			),
			404
		);
	}

	/**
	 * @return array{status: int, headers: array<string,string>, body: string}
	 */
	public static function serve( WP_REST_Request $request ): array {
		$headers = array(
			'Content-Type'           => 'application/json; charset=UTF-8',
			'X-Content-Type-Options' => 'nosniff',
		);

		$result = apply_filters( 'rest_post_dispatch', self::dispatch( $request ), null, $request );

		foreach ( $result->get_headers() as $name => $value ) {
			foreach ( array_keys( $headers ) as $sent ) {
				if ( 0 === strcasecmp( $sent, $name ) ) {
					unset( $headers[ $sent ] );
				}
			}
			$headers[ $name ] = (string) $value;
		}
		$status = $result->get_status();

		ob_start();
		$served = apply_filters( 'rest_pre_serve_request', false, $result, $request, null );
		$body   = (string) ob_get_clean();

		if ( ! $served && 'HEAD' !== $request->get_method() && 204 !== $status && null !== $result->get_data() ) {
			$body .= (string) wp_json_encode( $result->get_data() );
		}
		return array(
			'status'  => $status,
			'headers' => $headers,
			'body'    => $body,
		);
	}
}
