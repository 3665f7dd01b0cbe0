<?php
/**
 * The settings screen of one RU Payments gateway.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Gateways;

use RuPayments\Frontend\SplitMessagePlacement;
use RuPayments\Providers\ProviderFields;
use RuPayments\Support\Money;

defined( 'ABSPATH' ) || exit;

/**
 * WC_Settings_API form fields built from a method definition. Amount limits are stored as decimal
 * roubles (text) and turned into kopecks by Gateway::limits().
 */
final class FormFields {

	public const PAID_STATUSES = array( '', 'processing', 'completed', 'on-hold' );

	/**
	 * @param MethodDefinition     $definition Method.
	 * @param array<string,string> $profiles   Profile choices (name => label).
	 */
	public function __construct( private readonly MethodDefinition $definition, private readonly array $profiles ) {
	}

	/**
	 * @return array<string,array<string,mixed>>
	 */
	public function fields(): array {
		$providers = array();
		foreach ( $this->definition->providers as $provider ) {
			$providers[ $provider ] = ProviderFields::name( $provider );
		}

		$fields = array(
			'enabled'     => array(
				'title'   => __( 'Enable/Disable', 'ru-payments-for-woocommerce' ),
				'type'    => 'checkbox',
				'label'   => sprintf(
					/* translators: %s: payment method name. */
					__( 'Enable %s', 'ru-payments-for-woocommerce' ),
					$this->definition->title()
				),
				'default' => 'no',
			),
			'title'       => array(
				'title'       => __( 'Title', 'ru-payments-for-woocommerce' ),
				'type'        => 'text',
				'description' => __( 'The name of the payment method shoppers see at checkout.', 'ru-payments-for-woocommerce' ),
				'default'     => $this->definition->title(),
				'desc_tip'    => true,
			),
			'description' => array(
				'title'       => __( 'Description', 'ru-payments-for-woocommerce' ),
				'type'        => 'textarea',
				'description' => __( 'Shown to shoppers under the payment method at checkout.', 'ru-payments-for-woocommerce' ),
				'default'     => $this->definition->description(),
				'desc_tip'    => true,
			),
			'provider'    => array(
				'title'       => __( 'Provider', 'ru-payments-for-woocommerce' ),
				'type'        => 'select',
				'options'     => $providers,
				'default'     => $this->definition->default_provider(),
				'description' => __( 'The payment provider that processes this method. Enter its credentials under WooCommerce → Settings → RU Payments → Providers.', 'ru-payments-for-woocommerce' ),
			),
			'profile'     => array(
				'title'       => __( 'Settings profile', 'ru-payments-for-woocommerce' ),
				'type'        => 'select',
				'options'     => $this->profiles,
				'default'     => 'default',
				'description' => __( 'The provider credentials used for products that name no profile themselves (on the product or its category).', 'ru-payments-for-woocommerce' ),
			),
			'min_total'   => array(
				'title'       => __( 'Minimum order total (₽)', 'ru-payments-for-woocommerce' ),
				'type'        => 'text',
				'default'     => self::amount_default( $this->definition->min_total ),
				'placeholder' => __( 'No minimum', 'ru-payments-for-woocommerce' ),
				'description' => __( 'The method is offered only when the order total, shipping and taxes included, is at least this amount. Leave empty for no minimum.', 'ru-payments-for-woocommerce' ),
			),
			'max_total'   => array(
				'title'       => __( 'Maximum order total (₽)', 'ru-payments-for-woocommerce' ),
				'type'        => 'text',
				'default'     => self::amount_default( $this->definition->max_total ),
				'placeholder' => null === $this->definition->max_total_cap ? __( 'No maximum', 'ru-payments-for-woocommerce' ) : '',
				'description' => null === $this->definition->max_total_cap
					? __( 'The method is offered only when the order total, shipping and taxes included, is at most this amount. Leave empty for no maximum.', 'ru-payments-for-woocommerce' )
					: sprintf(
						/* translators: %s: the provider's maximum in roubles. */
						__( 'The method is offered only when the order total, shipping and taxes included, is at most this amount. The provider accepts at most %s ₽ (often less for a shop: ask your manager); you may lower it, not raise or clear it. The sidecar gets the same limit with the provider settings and refuses larger payments, so there is no second limit to keep in step.', 'ru-payments-for-woocommerce' ),
						self::amount_default( $this->definition->max_total_cap )
					),
			),
			'test_mode'   => array(
				'title'       => __( 'Test mode', 'ru-payments-for-woocommerce' ),
				'type'        => 'checkbox',
				'label'       => __( 'Send payments to the provider simulator instead of the real provider', 'ru-payments-for-woocommerce' ),
				'default'     => 'no',
				'description' => __( 'Needs the sidecar to run with simulators enabled. No money is charged.', 'ru-payments-for-woocommerce' ),
			),
			'paid_status' => array(
				'title'       => __( 'Paid order status', 'ru-payments-for-woocommerce' ),
				'type'        => 'select',
				'options'     => array(
					''           => __( 'WooCommerce default (processing, or completed when nothing needs shipping)', 'ru-payments-for-woocommerce' ),
					'processing' => _x( 'Processing', 'Order status', 'ru-payments-for-woocommerce' ),
					'completed'  => _x( 'Completed', 'Order status', 'ru-payments-for-woocommerce' ),
					'on-hold'    => _x( 'On hold', 'Order status', 'ru-payments-for-woocommerce' ),
				),
				'default'     => '',
				'description' => __( 'The status a paid order moves to.', 'ru-payments-for-woocommerce' ),
			),
			'error_email' => array(
				'title'       => __( 'Error report e-mail', 'ru-payments-for-woocommerce' ),
				'type'        => 'email',
				'default'     => '',
				'placeholder' => 'shop@example.com',
				'description' => __( 'Where to send a short report when a payment cannot be created or fails. Leave empty to send none.', 'ru-payments-for-woocommerce' ),
			),
		);
		if ( $this->definition->is_split() ) {
			$fields[ SplitMessagePlacement::OPTION ] = array(
				'title'       => __( '"Pay in parts" line', 'ru-payments-for-woocommerce' ),
				'type'        => 'select',
				'options'     => SplitMessagePlacement::choices(),
				'default'     => SplitMessagePlacement::BOTH,
				'description' => __( 'Where shoppers see the split of the price (e.g. "4 payments of 250 ₽") before checkout. Shown only when the method would be offered; in test mode only to shop managers.', 'ru-payments-for-woocommerce' ),
			);
		}
		return $fields;
	}

	private static function amount_default( ?int $kopecks ): string {
		if ( null === $kopecks ) {
			return '';
		}
		$text = Money::from_kopecks( $kopecks );
		return str_ends_with( $text, '.00' ) ? substr( $text, 0, -3 ) : $text;
	}
}
