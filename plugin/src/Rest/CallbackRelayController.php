<?php
/**
 * GET|POST /wp-json/ru-payments/v1/callback/<provider> — provider callbacks relayed to the sidecar.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Rest;

use RuPayments\Settings\CallbackUrls;
use RuPayments\Sidecar\SidecarClient;
use RuPayments\Support\Logger;
use WP_REST_Request;
use WP_REST_Response;

defined( 'ABSPATH' ) || exit;

/**
 * For shops whose sidecar is not reachable from the internet: the provider calls WordPress, the
 * plugin hands the untouched request (raw body bytes, headers, query, sender IP) to the sidecar with
 * the signed `POST /v1/relay/callback/<provider>`, and answers the provider with exactly the status,
 * (safe) headers and body the sidecar chose. The plugin never interprets the callback and never
 * changes an order here: the status reaches the order later as a signed sidecar event.
 *
 * When the sidecar cannot be reached or fails, the answer is 503 with a short plain-text body, so
 * the provider delivers the callback again later.
 */
final class CallbackRelayController {

	public const NAMESPACE = 'ru-payments/v1';
	public const ROUTE     = '/callback/(?P<provider>' . CallbackUrls::PROVIDER_ID . ')';

	/**
	 * The same relay for the credentials of another profile (a second seller).
	 */
	public const PROFILE_ROUTE = self::ROUTE . '/profile/(?P<profile>' . CallbackUrls::PROFILE . ')';

	/**
	 * Largest raw body relayed (640 KiB). The sidecar's signed API accepts 1 MiB of JSON; base64 adds
	 * a third (plus escaped slashes), which leaves over 100 KiB for the headers and the query. Real
	 * callbacks are a few kilobytes.
	 */
	public const MAX_BODY_BYTES = 655360;

	/**
	 * Seconds a provider is asked to wait before retrying after a 503.
	 */
	public const RETRY_AFTER = 60;

	private const TEXT_TYPE = 'text/plain; charset=utf-8';

	/**
	 * Response headers a relayed answer may never set, even with an `x-` prefix: web-server
	 * internal redirects / file sending, and the nosniff header WordPress adds to REST answers.
	 */
	private const BLOCKED_HEADER_PREFIXES = array( 'x-accel-', 'x-sendfile', 'x-lighttpd-', 'x-litespeed-', 'x-content-type-options' );

	/**
	 * @param SidecarClient $client Signed sidecar client.
	 * @param Logger        $logger Logger.
	 */
	public function __construct( private readonly SidecarClient $client, private readonly Logger $logger ) {
	}

	/**
	 * Whether a REST route (e.g. `/ru-payments/v1/callback/toy`) is this relay, matched the way
	 * WP_REST_Server matches routes.
	 */
	public static function is_relay_route( string $route ): bool {
		return 1 === preg_match( '@^/' . self::NAMESPACE . self::ROUTE . '$@i', $route )
			|| 1 === preg_match( '@^/' . self::NAMESPACE . self::PROFILE_ROUTE . '$@i', $route );
	}

	/**
	 * Hooked on `rest_api_init`.
	 */
	public function register_routes(): void {
		foreach ( array( self::ROUTE, self::PROFILE_ROUTE ) as $route ) {
			register_rest_route(
				self::NAMESPACE,
				$route,
				array(
					'methods'             => 'GET, POST',
					'callback'            => array( $this, 'handle' ),
					// Public on purpose: payment providers cannot authenticate to WordPress. The request
					// is not trusted here — the sidecar verifies the provider's signature over the relayed
					// raw bytes (or re-fetches the status from the provider when a scheme has no
					// signature), and this endpoint changes nothing in WordPress by itself.
					'permission_callback' => '__return_true',
				)
			);
		}
	}

	/**
	 * Relays one callback and answers with the sidecar's status, headers and body.
	 *
	 * The response data is the raw body string; serve_raw() sends it unencoded.
	 */
	public function handle( WP_REST_Request $request ): WP_REST_Response {
		// Only the URL segment: get_param() would let a body or query field named "provider" win.
		$provider = (string) ( $request->get_url_params()['provider'] ?? '' );
		if ( ! CallbackUrls::is_valid_provider( $provider ) ) {
			return self::text( 404, __( 'Unknown payment provider.', 'ru-payments-for-woocommerce' ) );
		}

		$profile = (string) ( $request->get_url_params()['profile'] ?? '' );
		$profile = CallbackUrls::is_valid_profile( $profile ) ? $profile : CallbackUrls::DEFAULT_PROFILE;

		$method = $request->get_method();
		if ( 'GET' !== $method && 'POST' !== $method ) {
			// HEAD (answered by the GET route): a reachability check, nothing to relay.
			return self::text( 200, '' );
		}

		$body = $request->get_body();
		/**
		 * Filters the largest provider callback body (in bytes) the relay accepts.
		 *
		 * @param int    $max_bytes Default 655360 (640 KiB); the sidecar's API takes at most 1 MiB of JSON.
		 * @param string $provider  Provider id.
		 */
		$max_bytes = (int) apply_filters( 'ru_payments_callback_max_body_bytes', self::MAX_BODY_BYTES, $provider );
		if ( strlen( $body ) > $max_bytes ) {
			$this->logger->warning( sprintf( 'Provider callback for "%s" refused: the body has %d bytes (limit %d).', $provider, strlen( $body ), $max_bytes ) );
			return self::text( 413, __( 'The callback body is too large.', 'ru-payments-for-woocommerce' ) );
		}

		$ip = $this->sender_ip( $request, $provider );
		if ( '' === $ip ) {
			$this->logger->error( sprintf( 'Provider callback for "%s" not relayed: the sender IP is unknown or invalid (see the ru_payments_callback_sender_ip filter).', $provider ) );
			return self::unavailable();
		}

		$callback = new RelayedCallback(
			$provider,
			$method,
			$body,
			RelayedCallback::headers_from( $request->get_headers() ),
			RelayedCallback::parse_query( self::query_string( $request ) ),
			$ip,
			$profile
		);
		$answer   = $this->client->relay_callback( $provider, $callback->payload(), $callback->idempotency_key() );

		if ( is_wp_error( $answer ) ) {
			$data   = $answer->get_error_data();
			$status = is_array( $data ) ? (int) ( $data['status'] ?? 0 ) : 0;
			$code   = is_array( $data ) ? (string) ( $data['sidecar_code'] ?? '' ) : '';
			if ( 404 === $status && 'unknown_provider' === $code ) {
				$this->logger->warning( sprintf( 'Provider callback for "%s" from %s: the sidecar does not know this provider.', $provider, $ip ) );
				return self::text( 404, __( 'Unknown payment provider.', 'ru-payments-for-woocommerce' ) );
			}
			$this->logger->warning(
				sprintf( 'Provider callback for "%s" from %s not relayed (%s, HTTP %d); answered 503 so the provider retries.', $provider, $ip, '' !== $code ? $code : $answer->get_error_code(), $status )
			);
			return self::unavailable();
		}

		$this->logger->info( sprintf( 'Provider callback for "%s" from %s relayed; the sidecar answered HTTP %d.', $provider, $ip, $answer['status'] ) );
		return new WP_REST_Response( $answer['body'], $answer['status'], $this->response_headers( $answer['headers'], $provider ) );
	}

	/**
	 * Hooked on `rest_pre_serve_request`: sends the relay's body as is, instead of letting the REST
	 * server JSON-encode it. WP_REST_Server has already sent the status and the response headers
	 * (replacing its default JSON Content-Type with ours) when this filter runs.
	 *
	 * @param mixed $served  Whether the request was already served.
	 * @param mixed $result  WP_HTTP_Response about to be served.
	 * @param mixed $request WP_REST_Request.
	 * @return mixed True when the relay's body was sent.
	 */
	public function serve_raw( $served, $result, $request ) {
		if ( $served || ! $result instanceof WP_REST_Response || ! $request instanceof WP_REST_Request || ! self::is_relay_route( $request->get_route() ) ) {
			return $served;
		}
		$body = $result->get_data();
		if ( ! is_string( $body ) ) {
			return $served; // Not produced by handle() (e.g. an authentication error): core's JSON.
		}
		if ( 'HEAD' !== $request->get_method() ) {
			echo $body; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- the provider must get the sidecar's bytes verbatim; sent with the sidecar's Content-Type and WordPress's nosniff header.
		}
		return true;
	}

	/**
	 * The provider server's address: REMOTE_ADDR, validated. X-Forwarded-For and similar headers are
	 * not trusted by default, because any client can send them.
	 *
	 * @return string IP address, or '' when none is valid.
	 */
	public function sender_ip( WP_REST_Request $request, string $provider ): string {
		$remote = isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : '';
		$ip     = false !== filter_var( $remote, FILTER_VALIDATE_IP ) ? $remote : '';

		/**
		 * Filters the sender IP address handed to the sidecar with a relayed provider callback (some
		 * providers are verified by their source address).
		 *
		 * For a shop behind a reverse proxy or CDN, return the client address that proxy reports — but
		 * only after checking that REMOTE_ADDR is that trusted proxy; otherwise anyone can forge it.
		 * Return '' to refuse the callback (answered 503).
		 *
		 * @param string          $ip       Validated REMOTE_ADDR, or '' when it is missing or invalid.
		 * @param WP_REST_Request $request  The provider's request.
		 * @param string          $provider Provider id.
		 */
		$ip = apply_filters( 'ru_payments_callback_sender_ip', $ip, $request, $provider );
		$ip = is_string( $ip ) ? trim( $ip ) : '';
		return false !== filter_var( $ip, FILTER_VALIDATE_IP ) ? $ip : '';
	}

	/**
	 * The raw query string as the provider sent it (PHP's $_GET renames "a.b" and turns "a[b]" into
	 * arrays); the parsed query parameters when there is none (internal dispatch).
	 */
	private static function query_string( WP_REST_Request $request ): string {
		if ( isset( $_SERVER['QUERY_STRING'] ) && is_string( $_SERVER['QUERY_STRING'] ) ) {
			// phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- kept byte for byte (a signature may cover it); RelayedCallback::parse_query() decodes it and only the sidecar reads it.
			return wp_unslash( $_SERVER['QUERY_STRING'] );
		}
		return http_build_query( (array) $request->get_query_params(), '', '&', PHP_QUERY_RFC3986 );
	}

	/**
	 * The sidecar's headers a provider may need: Content-Type and `x-*` (never Set-Cookie, Location
	 * or web-server control headers). Content-Type defaults to text/plain, never WordPress's JSON.
	 *
	 * @param array<string,string> $headers  Headers from the sidecar.
	 * @param string               $provider Provider id.
	 * @return array<string,string>
	 */
	private function response_headers( array $headers, string $provider ): array {
		$safe = array( 'Content-Type' => self::TEXT_TYPE );
		foreach ( $headers as $name => $value ) {
			$name = strtolower( (string) $name );
			if ( ! preg_match( '/^[a-z0-9!#$%&\'*+.^_`|~-]{1,100}$/D', $name ) || preg_match( '/[\x00-\x08\x0a-\x1f\x7f]/', $value ) ) {
				continue; // Not a valid header line: never let it split the response.
			}
			if ( 'content-type' === $name ) {
				$safe['Content-Type'] = $value;
			} elseif ( str_starts_with( $name, 'x-' ) && ! self::is_blocked_header( $name ) ) {
				$safe[ $name ] = $value;
			}
		}

		/**
		 * Filters the headers sent back to the provider with a relayed callback answer.
		 *
		 * @param array<string,string> $safe     Content-Type and the sidecar's `x-*` headers.
		 * @param string               $provider Provider id.
		 * @param array<string,string> $headers  Every header the sidecar asked for.
		 */
		$filtered = apply_filters( 'ru_payments_callback_response_headers', $safe, $provider, $headers );
		$filtered = is_array( $filtered ) ? $filtered : $safe;
		foreach ( array_keys( $filtered ) as $name ) {
			if ( 'set-cookie' === strtolower( (string) $name ) ) {
				unset( $filtered[ $name ] );
			}
		}
		return $filtered;
	}

	private static function is_blocked_header( string $name ): bool {
		foreach ( self::BLOCKED_HEADER_PREFIXES as $prefix ) {
			if ( str_starts_with( $name, $prefix ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A plain-text answer served verbatim by serve_raw().
	 *
	 * @param int                  $status  HTTP status.
	 * @param string               $body    Body.
	 * @param array<string,string> $headers Extra headers.
	 */
	private static function text( int $status, string $body, array $headers = array() ): WP_REST_Response {
		return new WP_REST_Response( $body, $status, array( 'Content-Type' => self::TEXT_TYPE ) + $headers );
	}

	/**
	 * 503: the provider keeps the callback and delivers it again later. Nothing was changed.
	 */
	private static function unavailable(): WP_REST_Response {
		return self::text(
			503,
			__( 'The payment service is temporarily unavailable. Please retry later.', 'ru-payments-for-woocommerce' ),
			array( 'Retry-After' => (string) self::RETRY_AFTER )
		);
	}
}
