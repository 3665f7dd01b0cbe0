<?php
/**
 * One provider callback as the relay hands it to the sidecar.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Rest;

defined( 'ABSPATH' ) || exit;

/**
 * The provider's request, unchanged where a signature may cover it, in the shape of
 * `POST /v1/relay/callback/:provider`: the raw body bytes, the headers, the query parameters and the
 * sender IP. Names and values are presented the way the sidecar's direct `/callbacks/:provider`
 * route sees them (Node.js), so a provider module cannot tell the two routes apart.
 */
final class RelayedCallback {

	/**
	 * Request headers never forwarded: WordPress session cookies are credentials and no provider
	 * signs them.
	 */
	private const DROPPED_HEADERS = array( 'cookie' );

	/**
	 * Query parameters added by WordPress itself (plain permalinks), not by the provider.
	 */
	private const DROPPED_QUERY = array( 'rest_route' );

	/**
	 * The same cap as Node's querystring.parse().
	 */
	private const MAX_QUERY_PARAMS = 1000;

	/**
	 * @param string               $provider Provider id.
	 * @param string               $method   GET or POST.
	 * @param string               $body     Raw body bytes.
	 * @param array<string,string> $headers  Lower-case header name => value (see headers_from()).
	 * @param array<string,string> $query    Query parameter name => value (see parse_query()).
	 * @param string               $ip       Sender IP address.
	 * @param string               $profile  Profile whose credentials verify the callback (from the relay URL).
	 */
	public function __construct(
		public readonly string $provider,
		public readonly string $method,
		public readonly string $body,
		public readonly array $headers,
		public readonly array $query,
		public readonly string $ip,
		public readonly string $profile = 'default'
	) {
	}

	/**
	 * Turns WordPress's request headers (WP_REST_Request::get_headers(): canonical names such as
	 * `x_toy_signature` => list of values) into `x-toy-signature` => value, sorted by name.
	 *
	 * PHP's web server interface has already mapped "-" to "_" (HTTP_X_TOY_SIGNATURE), so mapping back
	 * is the only possible inverse. Values are kept byte for byte: bytes above 0x7F are read as
	 * ISO-8859-1, as Node.js reads header values, which keeps them lossless and valid JSON.
	 *
	 * @param array<string,string|string[]> $wp_headers Canonical header name => value(s).
	 * @return array<string,string>
	 */
	public static function headers_from( array $wp_headers ): array {
		$headers = array();
		foreach ( $wp_headers as $name => $values ) {
			$name = self::latin1_to_utf8( str_replace( '_', '-', strtolower( (string) $name ) ) );
			if ( '' === $name || in_array( $name, self::DROPPED_HEADERS, true ) ) {
				continue;
			}
			$headers[ $name ] = self::latin1_to_utf8( implode( ', ', array_map( 'strval', (array) $values ) ) );
		}
		ksort( $headers, SORT_STRING );
		return $headers;
	}

	/**
	 * Parses a raw query string the way the sidecar's direct route does (Node's querystring): names are
	 * kept as sent (`params[sign]`, `a.b` — no PHP mangling), "+" is a space, percent-escapes are
	 * decoded as UTF-8 (invalid bytes become U+FFFD), a name sent more than once is left out (the
	 * direct route ignores it too), and WordPress's own `rest_route` is dropped.
	 *
	 * @param string $query_string Raw query string without the leading "?".
	 * @return array<string,string>
	 */
	public static function parse_query( string $query_string ): array {
		$values = array();
		$counts = array();
		$pairs  = array_slice( explode( '&', $query_string ), 0, self::MAX_QUERY_PARAMS );
		foreach ( $pairs as $pair ) {
			if ( '' === $pair ) {
				continue;
			}
			$parts = explode( '=', $pair, 2 );
			$name  = self::to_utf8( urldecode( $parts[0] ) );
			$value = self::to_utf8( urldecode( $parts[1] ?? '' ) );
			if ( in_array( $name, self::DROPPED_QUERY, true ) ) {
				continue;
			}
			$counts[ $name ]  = ( $counts[ $name ] ?? 0 ) + 1;
			$values[ $name ] = $value;
		}
		$query = array();
		foreach ( $values as $name => $value ) {
			if ( 1 === $counts[ $name ] ) {
				$query[ (string) $name ] = $value;
			}
		}
		return $query;
	}

	/**
	 * The JSON body of `POST /v1/relay/callback/:provider` (headers and query as PHP arrays; the
	 * client sends them as JSON objects).
	 *
	 * `profile` is sent only for a profile other than `default` (the sidecar's default).
	 *
	 * @return array{method: string, body_base64: string, headers: array<string,string>, query: array<string,string>, ip: string, profile?: string}
	 */
	public function payload(): array {
		$payload = array(
			'method'      => $this->method,
			'body_base64' => base64_encode( $this->body ), // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- transport encoding of the raw bytes, required by the contract.
			'headers'     => $this->headers,
			'query'       => $this->query,
			'ip'          => $this->ip,
		);
		if ( 'default' !== $this->profile ) {
			$payload['profile'] = $this->profile;
		}
		return $payload;
	}

	/**
	 * `relay-` + SHA-256 over everything the sidecar receives: an identical re-delivery gets the
	 * sidecar's stored answer, anything else is a new request. The query and the IP are part of it
	 * because they are part of the relayed body (GET callbacks carry everything in the query, and the
	 * sidecar answers 422 when one key arrives with a different body); the raw body enters as its
	 * SHA-256 so that no crafted body can shift the field boundaries.
	 */
	public function idempotency_key(): string {
		return 'relay-' . hash(
			'sha256',
			implode(
				"\n",
				array(
					$this->provider,
					$this->method,
					hash( 'sha256', $this->body ),
					self::canonical_json( $this->headers ),
					self::canonical_json( $this->query ),
					$this->ip,
				) + ( 'default' !== $this->profile ? array( 6 => $this->profile ) : array() )
			)
		);
	}

	/**
	 * JSON object with keys in byte order, no escaped slashes or Unicode: one spelling per map.
	 *
	 * @param array<string,string> $map Name => value.
	 */
	public static function canonical_json( array $map ): string {
		ksort( $map, SORT_STRING );
		return (string) wp_json_encode( (object) $map, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE );
	}

	/**
	 * Replaces invalid UTF-8 sequences with U+FFFD (without needing mbstring).
	 */
	private static function to_utf8( string $text ): string {
		if ( preg_match( '//u', $text ) ) {
			return $text;
		}
		return (string) json_decode( (string) wp_json_encode( $text, JSON_INVALID_UTF8_SUBSTITUTE ) );
	}

	/**
	 * ISO-8859-1 → UTF-8 for bytes above 0x7F (utf8_encode() is deprecated).
	 */
	private static function latin1_to_utf8( string $text ): string {
		return (string) preg_replace_callback(
			'/[\x80-\xff]/',
			static fn ( array $m ): string => chr( 0xC0 | ( ord( $m[0] ) >> 6 ) ) . chr( 0x80 | ( ord( $m[0] ) & 0x3F ) ),
			$text
		);
	}
}
