<?php
/**
 * One WooCommerce gateway per RU Payments method.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Gateways;

use RuPayments\Checkout\CheckoutContext;
use RuPayments\Checkout\PayerFields;
use RuPayments\Checkout\SplitPreview;
use RuPayments\Orders\OrderMeta;
use RuPayments\Plugin;
use RuPayments\Support\Money;

defined( 'ABSPATH' ) || exit;

/**
 * A generic gateway configured by a MethodDefinition (the way Mollie builds one gateway class per
 * method from data). Availability, payment and refund logic live in their own services.
 */
final class Gateway extends \WC_Payment_Gateway {

	public function __construct( private readonly MethodDefinition $definition, private readonly Plugin $plugin ) {
		$this->id                 = $definition->id;
		$this->method_title       = sprintf(
			/* translators: %s: payment method name. */
			__( 'RU Payments: %s', 'ru-payments-for-woocommerce' ),
			$definition->title()
		);
		$this->method_description = $definition->method_description();
		$this->has_fields         = $definition->legal_entity || $definition->is_split();
		$this->supports           = array( 'products', 'refunds' );

		$this->init_form_fields();
		$this->init_settings();
		$this->title       = (string) $this->get_option( 'title' );
		$this->description = (string) $this->get_option( 'description' );

		add_action( 'woocommerce_update_options_payment_gateways_' . $this->id, array( $this, 'process_admin_options' ) );
	}

	public function init_form_fields(): void {
		$this->form_fields = ( new FormFields( $this->definition, $this->plugin->profiles()->choices() ) )->fields();
	}

	public function definition(): MethodDefinition {
		return $this->definition;
	}

	public function is_enabled(): bool {
		return 'yes' === $this->enabled;
	}

	/**
	 * The chosen provider (the method's default when the saved one cannot serve the method).
	 */
	public function provider(): string {
		$provider = (string) $this->get_option( 'provider' );
		return in_array( $provider, $this->definition->providers, true ) ? $provider : $this->definition->default_provider();
	}

	/**
	 * The profile for products that name none.
	 */
	public function fallback_profile(): string {
		$profile = (string) $this->get_option( 'profile' );
		return $this->plugin->profiles()->exists( $profile ) ? $profile : 'default';
	}

	/**
	 * The saved limits in kopecks (the text fields hold decimal roubles).
	 */
	public function limits(): Limits {
		$max = self::kopecks_or_null( $this->get_option( 'max_total' ) );
		$cap = $this->definition->max_total_cap;
		// The provider's ceiling holds even for a value saved before the cap existed.
		if ( null !== $cap && ( null === $max || $max > $cap ) ) {
			$max = $cap;
		}
		return new Limits( self::kopecks_or_null( $this->get_option( 'min_total' ) ), $max );
	}

	public function is_test_mode(): bool {
		return 'yes' === $this->get_option( 'test_mode' );
	}

	public function error_email(): string {
		return (string) $this->get_option( 'error_email' );
	}

	/**
	 * Offered only when enabled, in roubles, for one profile, with a configured provider (BNPL) and
	 * within the limits — decided from data, without calling the sidecar.
	 */
	public function is_available() {
		if ( ! $this->is_enabled() ) {
			return false;
		}
		return null === $this->plugin->availability()->unavailable_reason( $this, CheckoutContext::current( $this->plugin->profile_resolver() ) );
	}

	/**
	 * Description, the "pay in parts" preview and, for invoices, the company fields.
	 */
	public function payment_fields() {
		$description = $this->get_description();
		if ( '' !== $description ) {
			echo wp_kses_post( wpautop( wptexturize( $description ) ) );
		}
		if ( $this->definition->is_split() ) {
			SplitPreview::render( CheckoutContext::current( $this->plugin->profile_resolver() )->total, (int) $this->definition->split_parts );
		}
		if ( $this->definition->legal_entity ) {
			// phpcs:ignore WordPress.Security.NonceVerification.Missing -- prefills the form only; WooCommerce verifies the checkout nonce.
			PayerFields::render( is_array( $_POST ) ? wp_unslash( $_POST ) : array() );
		}
	}

	/**
	 * Checks the company fields; the errors are shown next to the fields.
	 */
	public function validate_fields() {
		if ( ! $this->definition->legal_entity ) {
			return true;
		}
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- WooCommerce verified the checkout nonce (classic, pay-for-order) or the Store API nonce (blocks, via process_legacy_payment()).
		$read = PayerFields::read( wp_unslash( $_POST ) );
		foreach ( $read['errors'] as $field => $message ) {
			wc_add_notice( $message, 'error', array( 'id' => $field ) );
		}
		return array() === $read['errors'];
	}

	/**
	 * @param int $order_id Order id.
	 * @return array{result: string, redirect?: string}
	 */
	public function process_payment( $order_id ) {
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- see validate_fields().
		return $this->plugin->payment_processor()->process( $this, (int) $order_id, wp_unslash( $_POST ) );
	}

	/**
	 * @param int        $order_id Order id.
	 * @param float|null $amount   Amount.
	 * @param string     $reason   Reason.
	 * @return bool|\WP_Error
	 */
	public function process_refund( $order_id, $amount = null, $reason = '' ) {
		return $this->plugin->refund_processor()->process( (int) $order_id, $amount, (string) $reason );
	}

	/**
	 * WooCommerce offers "Refund via …" only when this is true: for orders with a sidecar payment
	 * whose provider refunds through its API (as the sidecar reports; a provider that refunds only
	 * in its own dashboard leaves the admin the manual refund instead of a button that can only fail).
	 *
	 * @param \WC_Order|false|null $order Order.
	 */
	public function can_refund_order( $order ) {
		if ( ! parent::can_refund_order( $order ) || '' === OrderMeta::payment_id( $order ) ) {
			return false;
		}
		$provider = (string) $order->get_meta( OrderMeta::PROVIDER, true );
		return false !== $this->plugin->provider_directory()->can_refund( '' !== $provider ? $provider : $this->provider() );
	}

	/**
	 * Saves the settings, then warns when the minimum is above the maximum (the method would never
	 * be offered).
	 *
	 * @return bool
	 */
	public function process_admin_options() {
		$saved  = parent::process_admin_options();
		$limits = $this->limits();
		if ( null !== $limits->min && null !== $limits->max && $limits->min > $limits->max ) {
			\WC_Admin_Settings::add_error( __( 'The minimum order total is above the maximum, so this payment method will never be offered.', 'ru-payments-for-woocommerce' ) );
		}
		return $saved;
	}

	/**
	 * Settings API validation of the limits: decimal roubles, empty for none; an invalid entry keeps
	 * the saved value and shows an error.
	 *
	 * @param string $key   Field key.
	 * @param mixed  $value Posted value.
	 */
	/**
	 * Titles and descriptions follow the shopper's language until the admin writes their own: an
	 * unchanged default is stored as '' and read back as the default of the current locale, so a
	 * shop set up in English shows «Долями» once it is switched to Russian.
	 *
	 * @param string $key   Option name.
	 * @param mixed  $empty_value Value for an empty option.
	 * @return mixed
	 */
	public function get_option( $key, $empty_value = null ) {
		if ( isset( self::LOCALIZED_DEFAULTS[ $key ] ) ) {
			return parent::get_option( $key, $this->localized_default( $key ) );
		}
		return parent::get_option( $key, $empty_value );
	}

	/**
	 * @param string $key   Field key.
	 * @param mixed  $value Posted value.
	 */
	public function validate_title_field( $key, $value ): string {
		return $this->store_localized( $key, $this->validate_text_field( $key, $value ) );
	}

	/**
	 * @param string $key   Field key.
	 * @param mixed  $value Posted value.
	 */
	public function validate_description_field( $key, $value ): string {
		return $this->store_localized( $key, $this->validate_textarea_field( $key, $value ) );
	}

	private const LOCALIZED_DEFAULTS = array(
		'title'       => true,
		'description' => true,
	);

	private function localized_default( string $key ): string {
		return 'title' === $key ? $this->definition->title() : $this->definition->description();
	}

	/** '' when the admin left the current locale's default (or cleared the field). */
	private function store_localized( string $key, string $value ): string {
		return trim( $value ) === $this->localized_default( $key ) ? '' : $value;
	}

	public function validate_min_total_field( $key, $value ): string {
		return $this->validate_amount( (string) $key, $value );
	}

	/**
	 * @param string $key   Field key.
	 * @param mixed  $value Posted value.
	 */
	public function validate_max_total_field( $key, $value ): string {
		$saved = $this->validate_amount( (string) $key, $value );
		$cap   = $this->definition->max_total_cap;
		if ( null === $cap ) {
			return $saved;
		}
		$kopecks = '' === $saved ? null : Money::parse_admin_amount( $saved );
		if ( null === $kopecks || $kopecks > $cap ) {
			$limit = Money::from_kopecks( $cap );
			$limit = str_ends_with( $limit, '.00' ) ? substr( $limit, 0, -3 ) : $limit;
			\WC_Admin_Settings::add_error(
				sprintf(
					/* translators: %s: the provider's maximum in roubles. */
					__( 'The maximum order total cannot be empty or above %1$s ₽: the provider refuses larger orders. It was set to %1$s ₽; you may lower it.', 'ru-payments-for-woocommerce' ),
					$limit
				)
			);
			return $limit;
		}
		return $saved;
	}

	/**
	 * @param string $key   Field key.
	 * @param mixed  $value Posted value.
	 */
	public function validate_error_email_field( $key, $value ): string {
		$value = trim( is_string( $value ) ? wp_unslash( $value ) : '' );
		if ( '' === $value ) {
			return '';
		}
		$email = sanitize_email( $value );
		if ( '' === $email || ! is_email( $email ) ) {
			\WC_Admin_Settings::add_error( __( 'The error report e-mail is not a valid address. The previous value was kept.', 'ru-payments-for-woocommerce' ) );
			return (string) $this->get_option( $key );
		}
		return $email;
	}

	/**
	 * @param string $key   Field key.
	 * @param mixed  $value Posted value.
	 */
	private function validate_amount( string $key, mixed $value ): string {
		$value = trim( is_string( $value ) ? wp_unslash( $value ) : '' );
		if ( '' === $value ) {
			return '';
		}
		$kopecks = Money::parse_admin_amount( $value );
		if ( null === $kopecks ) {
			\WC_Admin_Settings::add_error(
				sprintf(
					/* translators: %s: the value entered. */
					__( '"%s" is not an amount in roubles (for example 30000 or 1500.50). The previous value was kept.', 'ru-payments-for-woocommerce' ),
					$value
				)
			);
			return (string) $this->get_option( $key );
		}
		$text = Money::from_kopecks( $kopecks );
		return str_ends_with( $text, '.00' ) ? substr( $text, 0, -3 ) : $text;
	}

	private static function kopecks_or_null( mixed $value ): ?int {
		return is_string( $value ) && '' !== trim( $value ) ? Money::parse_admin_amount( $value ) : null;
	}
}
