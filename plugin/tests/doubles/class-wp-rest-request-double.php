<?php
/**
 * Test double of WP_REST_Request: method, route, raw body, query and URL parameters, and headers with
 * WordPress's header-name canonicalisation (lower case, "-" → "_").
 *
 * @package RuPayments\Tests
 */

class WP_REST_Request {

	private array $headers = array();

	private string $body = '';

	private array $query_params = array();

	private array $url_params = array();

	public function __construct( private string $method = '', private string $route = '' ) {
		$this->method = strtoupper( $method );
	}

	public static function canonicalize_header_name( string $key ): string {
		return str_replace( '-', '_', strtolower( $key ) );
	}

	public function get_method(): string {
		return $this->method;
	}

	public function get_route(): string {
		return $this->route;
	}

	public function set_header( string $key, $value ): void {
		$this->headers[ self::canonicalize_header_name( $key ) ] = (array) $value;
	}

	public function get_header( string $key ): ?string {
		$values = $this->headers[ self::canonicalize_header_name( $key ) ] ?? null;
		return null === $values ? null : implode( ',', $values );
	}

	public function get_headers(): array {
		return $this->headers;
	}

	public function set_body( string $body ): void {
		$this->body = $body;
	}

	public function get_body(): string {
		return $this->body;
	}

	public function get_json_params(): ?array {
		$data = json_decode( $this->body, true );
		return is_array( $data ) ? $data : null;
	}

	public function set_query_params( array $params ): void {
		$this->query_params = $params;
	}

	public function get_query_params(): array {
		return $this->query_params;
	}

	public function set_url_params( array $params ): void {
		$this->url_params = $params;
	}

	public function get_url_params(): array {
		return $this->url_params;
	}

	/**
	 * Core's parameter order: JSON body (for a JSON content type), GET, then URL parameters.
	 */
	public function get_param( string $key ) {
		$json = str_contains( (string) $this->get_header( 'content-type' ), 'json' ) ? (array) $this->get_json_params() : array();
		foreach ( array( $json, $this->query_params, $this->url_params ) as $params ) {
			if ( array_key_exists( $key, $params ) ) {
				return $params[ $key ];
			}
		}
		return null;
	}
}
