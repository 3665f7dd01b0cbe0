<?php
/**
 * The settings each payment provider needs, as data.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Providers;

defined( 'ABSPATH' ) || exit;

/**
 * One array per provider; adding a setting is one line. Keys are the names the sidecar's provider
 * schema uses (they are pushed as they are with `PUT /v1/providers/<id>/config`).
 *
 * Field keys: `label`, `type` (text, secret, select, checkbox, email, url), `options` (select),
 * `default`, `required` (needed for the provider to count as configured), `when` (shown and sent only
 * when another setting has one of the listed values), `description`. A dotted name
 * (`fiscalization.inn`) is sent as a nested object.
 */
final class ProviderFields {

	public const INVOICEBOX     = 'invoicebox';
	public const DOLYAME        = 'dolyame';
	public const SBER           = 'sber';
	public const INTELLECTMONEY = 'intellectmoney';
	public const KOSHELEK       = 'koshelek';

	/**
	 * Provider ids in display order.
	 *
	 * @return list<string>
	 */
	public static function ids(): array {
		return array( self::INVOICEBOX, self::DOLYAME, self::SBER, self::INTELLECTMONEY, self::KOSHELEK );
	}

	public static function exists( string $provider ): bool {
		return in_array( $provider, self::ids(), true );
	}

	/**
	 * The provider's display name.
	 */
	public static function name( string $provider ): string {
		return match ( $provider ) {
			self::INVOICEBOX     => __( 'Invoicebox', 'ru-payments-for-woocommerce' ),
			self::DOLYAME        => __( 'Dolyame', 'ru-payments-for-woocommerce' ),
			self::SBER           => __( 'Sber', 'ru-payments-for-woocommerce' ),
			self::INTELLECTMONEY => __( 'IntellectMoney', 'ru-payments-for-woocommerce' ),
			self::KOSHELEK       => __( 'Koshelek', 'ru-payments-for-woocommerce' ),
			default              => $provider,
		};
	}

	/**
	 * Whether the provider is configured in the sidecar only (nothing to enter in WordPress).
	 */
	public static function is_sidecar_only( string $provider ): bool {
		return self::KOSHELEK === $provider;
	}

	/**
	 * The sidecar setting that tells the provider where to send notifications, for providers whose
	 * notification address is given per payment (the relay URL is pushed there in relay mode).
	 */
	public static function callback_setting( string $provider ): ?string {
		return match ( $provider ) {
			self::INVOICEBOX, self::DOLYAME => 'notificationUrl',
			self::INTELLECTMONEY            => 'resultUrl',
			default                         => null,
		};
	}

	/**
	 * The provider's settings, keyed by the sidecar's setting name.
	 *
	 * @return array<string,array<string,mixed>>
	 */
	public static function fields( string $provider ): array {
		$fields = match ( $provider ) {
			self::INVOICEBOX     => self::invoicebox(),
			self::DOLYAME        => self::dolyame(),
			self::SBER           => self::sber(),
			self::INTELLECTMONEY => self::intellectmoney(),
			default              => array(),
		};
		/**
		 * Filters the settings shown and pushed to the sidecar for a provider.
		 *
		 * @param array<string,array<string,mixed>> $fields   Field definitions keyed by setting name.
		 * @param string                            $provider Provider id.
		 */
		$fields = apply_filters( 'ru_payments_provider_fields', $fields, $provider );
		return is_array( $fields ) ? $fields : array();
	}

	/**
	 * @return array<string,array<string,mixed>>
	 */
	private static function invoicebox(): array {
		$v2 = array( 'apiVersion' => array( 'v2' ) );
		$v3 = array( 'apiVersion' => array( 'v3' ) );
		return array(
			'apiVersion'        => array( 'label' => __( 'API version', 'ru-payments-for-woocommerce' ), 'type' => 'select', 'options' => array( 'v3' => __( 'v3 (recommended)', 'ru-payments-for-woocommerce' ), 'v2' => __( 'v2 (legacy protocol)', 'ru-payments-for-woocommerce' ) ), 'default' => 'v3', 'required' => true ),
			'shopId'            => array( 'label' => __( 'Shop ID', 'ru-payments-for-woocommerce' ), 'type' => 'text', 'required' => true ),
			'regionalCode'      => array( 'label' => __( 'Regional code', 'ru-payments-for-woocommerce' ), 'type' => 'text', 'required' => true, 'when' => $v2 ),
			'apiKey'            => array( 'label' => __( 'API key', 'ru-payments-for-woocommerce' ), 'type' => 'secret', 'required' => true ),
			'testMode'          => array( 'label' => __( 'Test mode at Invoicebox', 'ru-payments-for-woocommerce' ), 'type' => 'checkbox', 'when' => $v2 ),
			'description'       => array( 'label' => __( 'Payment description', 'ru-payments-for-woocommerce' ), 'type' => 'text', 'description' => __( 'Shown to the payer at Invoicebox; {order_id} and {description} are replaced with the order number and the order description.', 'ru-payments-for-woocommerce' ) ),
			'notificationToken' => array( 'label' => __( 'Notification token', 'ru-payments-for-woocommerce' ), 'type' => 'secret', 'required' => true, 'when' => $v3, 'description' => __( 'The key Invoicebox signs its notifications with.', 'ru-payments-for-woocommerce' ) ),
		);
	}

	/**
	 * @return array<string,array<string,mixed>>
	 */
	private static function dolyame(): array {
		return array(
			'login'                                      => array( 'label' => __( 'Login', 'ru-payments-for-woocommerce' ), 'type' => 'text', 'required' => true ),
			'password'                                   => array( 'label' => __( 'Password', 'ru-payments-for-woocommerce' ), 'type' => 'secret', 'required' => true ),
			'certPath'                                   => array( 'label' => __( 'Certificate path', 'ru-payments-for-woocommerce' ), 'type' => 'text', 'required' => true, 'description' => __( 'Path of the client certificate file on the sidecar server.', 'ru-payments-for-woocommerce' ) ),
			'keyPath'                                    => array( 'label' => __( 'Private key path', 'ru-payments-for-woocommerce' ), 'type' => 'text', 'required' => true, 'description' => __( 'Path of the private key file on the sidecar server.', 'ru-payments-for-woocommerce' ) ),
			'fiscalization.enabled'                      => array( 'label' => __( 'Fiscalization: receipts through Dolyame', 'ru-payments-for-woocommerce' ), 'type' => 'checkbox' ),
			'fiscalization.inn'                          => array( 'label' => __( 'Fiscalization: seller INN', 'ru-payments-for-woocommerce' ), 'type' => 'text' ),
			'fiscalization.site'                         => array( 'label' => __( 'Fiscalization: shop website', 'ru-payments-for-woocommerce' ), 'type' => 'url' ),
			'fiscalization.supportEmail'                 => array( 'label' => __( 'Fiscalization: support e-mail', 'ru-payments-for-woocommerce' ), 'type' => 'email' ),
			'fiscalization.cashRegisterService'          => array( 'label' => __( 'Fiscalization: cash-register service', 'ru-payments-for-woocommerce' ), 'type' => 'text', 'description' => __( 'For example "ATOL Online".', 'ru-payments-for-woocommerce' ) ),
			'fiscalization.cashRegisterAccount.login'    => array( 'label' => __( 'Fiscalization: account login', 'ru-payments-for-woocommerce' ), 'type' => 'text' ),
			'fiscalization.groupCode'                    => array( 'label' => __( 'Fiscalization: group code', 'ru-payments-for-woocommerce' ), 'type' => 'text' ),
			'fiscalization.taxSystem'                    => array( 'label' => __( 'Fiscalization: tax system', 'ru-payments-for-woocommerce' ), 'type' => 'select', 'options' => self::tax_systems(), 'default' => '' ),
			'fiscalization.documentFormat'               => array( 'label' => __( 'Fiscalization: fiscal document format', 'ru-payments-for-woocommerce' ), 'type' => 'select', 'options' => array( '1.05' => 'FFD 1.05', '1.2' => 'FFD 1.2' ), 'default' => '1.05' ),
		);
	}

	/**
	 * @return array<string,array<string,mixed>>
	 */
	private static function sber(): array {
		return array(
			'userName'    => array( 'label' => __( 'API username', 'ru-payments-for-woocommerce' ), 'type' => 'text', 'required' => true ),
			'password'    => array( 'label' => __( 'API password', 'ru-payments-for-woocommerce' ), 'type' => 'secret', 'required' => true ),
			'callbackKey' => array( 'label' => __( 'Callback checksum key', 'ru-payments-for-woocommerce' ), 'type' => 'secret', 'description' => __( 'The key Sber uses to sign callback notifications (checksum).', 'ru-payments-for-woocommerce' ) ),
			'twoStage'    => array( 'label' => __( 'Two-stage payments (authorise now, capture later)', 'ru-payments-for-woocommerce' ), 'type' => 'checkbox' ),
			'testMode'    => array( 'label' => __( 'Sber test environment', 'ru-payments-for-woocommerce' ), 'type' => 'checkbox' ),
		);
	}

	/**
	 * @return array<string,array<string,mixed>>
	 */
	private static function intellectmoney(): array {
		return array(
			'eshopId'       => array( 'label' => __( 'Shop ID (eshopId)', 'ru-payments-for-woocommerce' ), 'type' => 'text', 'required' => true ),
			'secretKey'     => array( 'label' => __( 'Secret key', 'ru-payments-for-woocommerce' ), 'type' => 'secret', 'required' => true ),
			'signSecretKey' => array( 'label' => __( 'Signature secret key', 'ru-payments-for-woocommerce' ), 'type' => 'secret', 'required' => true ),
			'bearerToken'   => array( 'label' => __( 'Bearer token', 'ru-payments-for-woocommerce' ), 'type' => 'secret', 'required' => true ),
			'inn'           => array( 'label' => __( 'Seller INN', 'ru-payments-for-woocommerce' ), 'type' => 'text' ),
		);
	}

	/**
	 * @return array<string,string>
	 */
	private static function tax_systems(): array {
		return array(
			''                   => __( 'Not set', 'ru-payments-for-woocommerce' ),
			'osn'                => __( 'General (OSN)', 'ru-payments-for-woocommerce' ),
			'usn_income'         => __( 'Simplified, income (USN)', 'ru-payments-for-woocommerce' ),
			'usn_income_outcome' => __( 'Simplified, income minus expenses (USN)', 'ru-payments-for-woocommerce' ),
			'esn'                => __( 'Unified agricultural tax (ESHN)', 'ru-payments-for-woocommerce' ),
			'patent'             => __( 'Patent (PSN)', 'ru-payments-for-woocommerce' ),
		);
	}
}
