<?php
/**
 * Signed HTTP client for the sidecar API (/v1).
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Sidecar;

use RuPayments\Settings\CallbackUrls;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Signing\RequestSigner;
use RuPayments\Support\Logger;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Every call returns the decoded JSON object, or a WP_Error whose message is safe to show a shopper.
 *
 * Error codes: ru_payments_not_configured, ru_payments_invalid_request (bad arguments, nothing sent),
 * ru_payments_unreachable (transport), ru_payments_unauthorized (sidecar answered 401),
 * ru_payments_bad_response (2xx without a JSON object), ru_payments_sidecar_error (any other non-2xx).
 * Error data: `status` (HTTP status, 0 when nothing came back) and, when known, `sidecar_code`,
 * `sidecar_message`, `field`, `detail`, `cashier` ({ru, en}) and `retryable` (Koshelek cashier API), and the admin texts some provider routes add in both
 * languages (`sidecar_message_ru`, `sidecar_message_en`) — for logs and admin screens, not for shoppers.
 */
final class SidecarClient {

	public const DEFAULT_TIMEOUT = 15;

	/**
	 * @var null|callable():int
	 */
	private $clock;

	/**
	 * @param SidecarSettings     $settings Connection settings.
	 * @param Logger              $logger   Logger.
	 * @param string              $version  Plugin version for the User-Agent.
	 * @param null|callable():int $clock    Clock for the signature timestamp (tests).
	 */
	public function __construct(
		private readonly SidecarSettings $settings,
		private readonly Logger $logger,
		private readonly string $version = '',
		?callable $clock = null
	) {
		$this->clock = $clock;
	}

	public function is_configured(): bool {
		return $this->settings->is_configured();
	}

	/**
	 * GET /v1/readyz — `{"ok":true,"store":"ok","version":"x.y.z","providers":[…]}`.
	 *
	 * @return array<string,mixed>|WP_Error
	 */
	public function ready(): array|WP_Error {
		return $this->request( 'GET', '/v1/readyz' );
	}

	/**
	 * GET /v1/providers.
	 *
	 * @return array<string,mixed>|WP_Error
	 */
	public function providers(): array|WP_Error {
		return $this->request( 'GET', '/v1/providers' );
	}

	/**
	 * POST /v1/payments (body as in the contract) — answers the Payment.
	 *
	 * @param array<string,mixed> $payment         Create-payment body.
	 * @param string              $idempotency_key Stable key for retries of the same attempt.
	 * @return array<string,mixed>|WP_Error
	 */
	public function create_payment( array $payment, string $idempotency_key ): array|WP_Error {
		return $this->request( 'POST', '/v1/payments', $payment, $idempotency_key );
	}

	/**
	 * GET /v1/payments/:id, optionally asking the provider first.
	 *
	 * @return array<string,mixed>|WP_Error
	 */
	public function get_payment( string $payment_id, bool $refresh = false ): array|WP_Error {
		return $this->request( 'GET', self::payment_path( $payment_id ) . ( $refresh ? '?refresh=1' : '' ) );
	}

	/**
	 * POST /v1/payments/:id/cancel.
	 *
	 * @return array<string,mixed>|WP_Error
	 */
	public function cancel_payment( string $payment_id, string $idempotency_key ): array|WP_Error {
		return $this->request( 'POST', self::payment_path( $payment_id ) . '/cancel', array(), $idempotency_key );
	}

	/**
	 * POST /v1/payments/:id/capture (amount in kopecks; null captures the full amount). `items`:
	 * the basket as it is now, sent only when given (with its amount).
	 *
	 * @param list<array<string,mixed>> $items Current basket adding up to $amount, or none.
	 * @return array<string,mixed>|WP_Error
	 */
	public function capture_payment( string $payment_id, ?int $amount, string $idempotency_key, array $items = array() ): array|WP_Error {
		$body = null === $amount ? array() : array( 'amount' => $amount );
		if ( null !== $amount && array() !== $items ) {
			$body['items'] = $items;
		}
		return $this->request( 'POST', self::payment_path( $payment_id ) . '/capture', $body, $idempotency_key );
	}

	/**
	 * POST /v1/payments/:id/refunds — answers `{"refund":…,"payment":…}`. `items`: the refunded
	 * lines (create's item shape), sent only when given.
	 *
	 * @param list<array<string,mixed>> $items Refunded lines adding up to $amount, or none.
	 * @return array<string,mixed>|WP_Error
	 */
	public function refund_payment( string $payment_id, int $amount, string $reason, string $idempotency_key, array $items = array() ): array|WP_Error {
		$body = array( 'amount' => $amount );
		if ( '' !== $reason ) {
			$body['reason'] = $reason;
		}
		if ( array() !== $items ) {
			$body['items'] = $items;
		}
		return $this->request( 'POST', self::payment_path( $payment_id ) . '/refunds', $body, $idempotency_key );
	}

	/**
	 * PUT /v1/providers/:provider/config — stores a provider's settings for a profile in the sidecar.
	 * Answers `{"provider","profile","configured":true}`; a refused setting is a
	 * ru_payments_sidecar_error with `field` = `settings.<name>`.
	 *
	 * @param string              $provider Provider id.
	 * @param string              $profile  Profile name.
	 * @param array<string,mixed> $settings Settings as the provider's schema names them.
	 * @return array<string,mixed>|WP_Error
	 */
	public function put_provider_config( string $provider, string $profile, array $settings ): array|WP_Error {
		if ( ! CallbackUrls::is_valid_provider( $provider ) ) {
			return $this->error( 'ru_payments_invalid_request', array( 'status' => 0, 'detail' => 'Invalid provider id.' ) );
		}
		return $this->request(
			'PUT',
			'/v1/providers/' . rawurlencode( $provider ) . '/config',
			array(
				'profile'  => $profile,
				'settings' => (object) $settings,
			)
		);
	}

	/**
	 * POST /v1/providers/:provider/test-callback — asks the sidecar to send the provider's test
	 * notification (to `url`, or to its own callback URL when null). Answers `{"ok","status","body"}`.
	 *
	 * @return array<string,mixed>|WP_Error
	 */
	public function test_callback( string $provider, string $profile, ?string $url ): array|WP_Error {
		if ( ! CallbackUrls::is_valid_provider( $provider ) ) {
			return $this->error( 'ru_payments_invalid_request', array( 'status' => 0, 'detail' => 'Invalid provider id.' ) );
		}
		$body = array( 'profile' => $profile );
		if ( null !== $url ) {
			$body['url'] = $url;
		}
		return $this->request( 'POST', '/v1/providers/' . rawurlencode( $provider ) . '/test-callback', $body );
	}

	/**
	 * POST /v1/providers/sber/offline-links — a «Плати частями» payment link for a customer in the
	 * shop: the create-payment body plus `lang` (`ru` | `en`). Answers
	 * `{"payment","paymentUrl","qrSvg","qrPngBase64","smsText","lang","expiresAt"}`; a refusal by Sber
	 * carries `sidecar_message_ru` / `sidecar_message_en` for the admin.
	 *
	 * @param array<string,mixed> $body            Create-payment body with `lang`.
	 * @param string              $idempotency_key `offline-<order id>-<attempt>`.
	 * @return array<string,mixed>|WP_Error
	 */
	public function create_sber_offline_link( array $body, string $idempotency_key ): array|WP_Error {
		return $this->request( 'POST', '/v1/providers/sber/offline-links', $body, $idempotency_key );
	}

	/**
	 * GET /v1/providers/dolyame/fiscalization-summary?profile=… — the fiscalisation data for the
	 * Dolyame integration manager: `{"profile","simulated","complete","missing":[key…],
	 * "fields":[{"key","label","value"}],"text"}`.
	 *
	 * @return array<string,mixed>|WP_Error
	 */
	public function dolyame_fiscalization_summary( string $profile ): array|WP_Error {
		if ( ! preg_match( '/^[a-z0-9_-]{1,32}$/', $profile ) ) {
			return $this->error( 'ru_payments_invalid_request', array( 'status' => 0, 'detail' => 'Invalid profile name.' ) );
		}
		return $this->request( 'GET', '/v1/providers/dolyame/fiscalization-summary?profile=' . rawurlencode( $profile ) );
	}

	/**
	 * GET /v1/providers/dolyame/certificate?profile=… — expiry and key / certificate / CSR match of a
	 * profile's Dolyame mTLS material: `{"profile","simulated","notAfter","daysLeft","warning",
	 * "expired","subject","matches":{"keyCert","keyCsr","certCsr"},"problems"}`.
	 *
	 * @return array<string,mixed>|WP_Error
	 */
	public function dolyame_certificate( string $profile ): array|WP_Error {
		if ( ! preg_match( '/^[a-z0-9_-]{1,32}$/', $profile ) ) {
			return $this->error( 'ru_payments_invalid_request', array( 'status' => 0, 'detail' => 'Invalid profile name.' ) );
		}
		return $this->request( 'GET', '/v1/providers/dolyame/certificate?profile=' . rawurlencode( $profile ) );
	}

	/**
	 * POST /v1/relay/callback/:provider — hands a provider callback that reached WordPress to the
	 * sidecar and returns what the provider must get back, decoded from
	 * `{"status":int,"headers":{…},"body":string}` (validated; `headers` may be empty).
	 *
	 * @param string              $provider        Provider id (`[a-z0-9_-]{1,32}`).
	 * @param array<string,mixed> $payload         `method`, `body_base64`, `headers`, `query`, `ip` (see Rest\RelayedCallback::payload()).
	 * @param string              $idempotency_key Same key for an identical re-delivery.
	 * @return array{status: int, headers: array<string,string>, body: string}|WP_Error
	 */
	public function relay_callback( string $provider, array $payload, string $idempotency_key ): array|WP_Error {
		if ( ! CallbackUrls::is_valid_provider( $provider ) ) {
			return $this->error( 'ru_payments_invalid_request', array( 'status' => 0, 'detail' => 'Invalid provider id.' ) );
		}
		// Maps must reach the sidecar as JSON objects even when empty or numerically keyed.
		foreach ( array( 'headers', 'query' ) as $map ) {
			if ( isset( $payload[ $map ] ) && is_array( $payload[ $map ] ) ) {
				$payload[ $map ] = (object) $payload[ $map ];
			}
		}

		$path   = '/v1/relay/callback/' . rawurlencode( $provider );
		$answer = $this->request( 'POST', $path, $payload, $idempotency_key );
		if ( is_wp_error( $answer ) ) {
			return $answer;
		}

		$status  = $answer['status'] ?? null;
		$headers = $answer['headers'] ?? array();
		$body    = $answer['body'] ?? null;
		$valid   = is_int( $status ) && $status >= 100 && $status <= 599 && is_string( $body ) && is_array( $headers )
			&& array() === array_filter( $headers, static fn ( $value ): bool => ! is_string( $value ) );
		if ( ! $valid ) {
			$this->logger->warning( sprintf( 'Sidecar request POST %s: the relay answer has no valid status, headers and body.', $path ) );
			return $this->error( 'ru_payments_bad_response', array( 'status' => 200 ) );
		}
		return array(
			'status'  => $status,
			'headers' => $headers,
			'body'    => $body,
		);
	}

	/**
	 * Sends one signed request.
	 *
	 * @param string                   $method          HTTP method: GET, POST or PUT.
	 * @param string                   $path            Path below the sidecar URL, with its query string, e.g. "/v1/readyz".
	 * @param array<string,mixed>|null $body            JSON body (ignored for GET; `{}` when null on other methods).
	 * @param string|null              $idempotency_key Idempotency-Key for POST (a random one when null); PUT
	 *                                                  replaces a resource and needs none.
	 * @return array<string,mixed>|WP_Error
	 */
	public function request( string $method, string $path, ?array $body = null, ?string $idempotency_key = null ): array|WP_Error {
		$method = strtoupper( $method );
		if ( ! in_array( $method, array( 'GET', 'POST', 'PUT' ), true ) ) {
			return $this->error( 'ru_payments_invalid_request', array( 'status' => 0, 'detail' => 'Unsupported method.' ) );
		}
		if ( ! $this->settings->is_configured() ) {
			return $this->error( 'ru_payments_not_configured', array( 'status' => 0 ) );
		}

		$base    = $this->settings->url();
		$target  = (string) wp_parse_url( $base, PHP_URL_PATH ) . $path;
		$payload = 'GET' === $method ? '' : (string) wp_json_encode( $body ? $body : new \stdClass() );

		$signer  = new RequestSigner( $this->settings->secret(), $this->clock );
		$headers = array(
			'Accept'     => 'application/json',
			'User-Agent' => 'RU-Payments-for-WooCommerce/' . $this->version,
		) + $signer->headers( $method, $target, $payload );
		if ( '' !== $payload ) {
			$headers['Content-Type'] = 'application/json';
		}
		if ( 'POST' === $method ) {
			$idempotency_key = $idempotency_key ?? wp_generate_uuid4();
			if ( ! preg_match( '/^[\x21-\x7e]{1,200}$/', $idempotency_key ) ) {
				return $this->error( 'ru_payments_invalid_request', array( 'status' => 0, 'detail' => 'Invalid Idempotency-Key.' ) );
			}
			$headers['Idempotency-Key'] = $idempotency_key;
		}

		/**
		 * Filters the sidecar request timeout in seconds.
		 *
		 * @param int    $timeout Timeout.
		 * @param string $method  HTTP method.
		 * @param string $path    Request path.
		 */
		$timeout  = (int) apply_filters( 'ru_payments_sidecar_timeout', self::DEFAULT_TIMEOUT, $method, $path );
		$response = wp_remote_request(
			$base . $path,
			array(
				'method'      => $method,
				'headers'     => $headers,
				'body'        => '' === $payload ? null : $payload,
				'timeout'     => $timeout,
				'redirection' => 0,
			)
		);

		if ( is_wp_error( $response ) ) {
			$this->logger->warning(
				sprintf( 'Sidecar request %s %s failed: %s', $method, $path, $response->get_error_message() )
			);
			return $this->error( 'ru_payments_unreachable', array( 'status' => 0, 'detail' => $response->get_error_message() ) );
		}

		$status = (int) wp_remote_retrieve_response_code( $response );
		$json   = json_decode( (string) wp_remote_retrieve_body( $response ), true );

		if ( $status >= 200 && $status < 300 ) {
			if ( is_array( $json ) ) {
				return $json;
			}
			$this->logger->warning( sprintf( 'Sidecar request %s %s: HTTP %d without a JSON object.', $method, $path, $status ) );
			return $this->error( 'ru_payments_bad_response', array( 'status' => $status ) );
		}

		$error = is_array( $json ) && is_array( $json['error'] ?? null ) ? $json['error'] : array();
		$data  = array_filter(
			array(
				'status'             => $status,
				'sidecar_code'       => is_string( $error['code'] ?? null ) ? $error['code'] : null,
				'sidecar_message'    => is_string( $error['message'] ?? null ) ? $error['message'] : null,
				'field'              => is_string( $error['field'] ?? null ) ? $error['field'] : null,
				// Admin texts in both languages (e.g. Sber's refusals on its admin routes).
				'sidecar_message_ru' => is_string( $error['message_ru'] ?? null ) ? $error['message_ru'] : null,
				'sidecar_message_en' => is_string( $error['message_en'] ?? null ) ? $error['message_en'] : null,
				// The cashier instruction of the Koshelek cashier API ({ru, en}) and whether a retry may help.
				'cashier'            => self::texts( $error['cashier'] ?? null ),
				'retryable'          => is_bool( $error['retryable'] ?? null ) ? $error['retryable'] : null,
			),
			static fn ( $value ): bool => null !== $value
		);
		$this->logger->warning(
			sprintf( 'Sidecar request %s %s: HTTP %d (%s).', $method, $path, $status, $data['sidecar_code'] ?? 'no error code' )
		);
		return $this->error( 401 === $status ? 'ru_payments_unauthorized' : 'ru_payments_sidecar_error', $data );
	}

	/**
	 * `{ru, en}` strings, or null.
	 *
	 * @param mixed $value Decoded JSON.
	 * @return array{ru: string, en: string}|null
	 */
	private static function texts( mixed $value ): ?array {
		if ( ! is_array( $value ) || ! is_string( $value['ru'] ?? null ) || ! is_string( $value['en'] ?? null ) ) {
			return null;
		}
		return array(
			'ru' => $value['ru'],
			'en' => $value['en'],
		);
	}

	private static function payment_path( string $payment_id ): string {
		return '/v1/payments/' . rawurlencode( $payment_id );
	}

	/**
	 * @param array<string,mixed> $data Error data.
	 */
	private function error( string $code, array $data ): WP_Error {
		return new WP_Error(
			$code,
			__( 'The payment service is temporarily unavailable. Please try again later or choose another payment method.', 'ru-payments-for-woocommerce' ),
			$data
		);
	}
}
