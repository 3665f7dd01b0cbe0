<?php
/**
 * The legal-entity fields of the "Pay by invoice" method: rendering, reading and validation.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Checkout;

defined( 'ABSPATH' ) || exit;

/**
 * Field names are shared by both checkouts:
 * - classic checkout and the pay-for-order page post them as form fields (payment_fields());
 * - the Checkout block sends them in `payment_method_data`, and WooCommerce's Store API hands them
 *   to the gateway the legacy way: Automattic\WooCommerce\StoreApi\Legacy::process_legacy_payment()
 *   (hooked on `woocommerce_rest_checkout_process_payment_with_context`) replaces $_POST with the
 *   PaymentContext's payment_data, then calls validate_fields() and process_payment(). So the gateway
 *   reads $_POST in every case and needs no handler of its own on that action.
 */
final class PayerFields {

	public const TYPE    = 'ru_payments_payer_type';
	public const COMPANY = 'ru_payments_company';
	public const INN     = 'ru_payments_inn';
	public const KPP     = 'ru_payments_kpp';
	public const ADDRESS = 'ru_payments_legal_address';

	/**
	 * Longest accepted name and address (the sidecar passes them on to invoices).
	 */
	private const MAX_LENGTH = 300;

	/**
	 * The submitted values, sanitized (missing fields are '').
	 *
	 * @param array<string,mixed> $data Submitted data ($_POST, unslashed by the caller).
	 * @return array<string,string>
	 */
	public static function values( array $data ): array {
		$values = array();
		foreach ( array( self::TYPE, self::COMPANY, self::INN, self::KPP, self::ADDRESS ) as $key ) {
			$value          = $data[ $key ] ?? '';
			$values[ $key ] = is_scalar( $value ) ? sanitize_text_field( (string) $value ) : '';
		}
		$values[ self::INN ] = (string) preg_replace( '/\s+/', '', $values[ self::INN ] );
		$values[ self::KPP ] = strtoupper( (string) preg_replace( '/\s+/', '', $values[ self::KPP ] ) );
		if ( ! in_array( $values[ self::TYPE ], Payer::TYPES, true ) ) {
			$values[ self::TYPE ] = '' === $values[ self::TYPE ] ? Payer::ORGANIZATION : $values[ self::TYPE ];
		}
		return $values;
	}

	/**
	 * Validates the submitted fields.
	 *
	 * @param array<string,mixed> $data Submitted data.
	 * @return array{payer: ?Payer, errors: array<string,string>} Errors keyed by field name.
	 */
	public static function read( array $data ): array {
		$values = self::values( $data );
		$type   = $values[ self::TYPE ];
		$errors = array();

		if ( ! in_array( $type, Payer::TYPES, true ) ) {
			$errors[ self::TYPE ] = __( 'Choose whether you pay as an organisation or as a sole trader.', 'ru-payments-for-woocommerce' );
			return array(
				'payer'  => null,
				'errors' => $errors,
			);
		}
		$is_organization = Payer::ORGANIZATION === $type;

		if ( '' === $values[ self::COMPANY ] ) {
			$errors[ self::COMPANY ] = $is_organization
				? __( 'Enter the name of the organisation.', 'ru-payments-for-woocommerce' )
				: __( 'Enter the name of the sole trader.', 'ru-payments-for-woocommerce' );
		} elseif ( mb_strlen( $values[ self::COMPANY ] ) > self::MAX_LENGTH ) {
			$errors[ self::COMPANY ] = __( 'The name is too long.', 'ru-payments-for-woocommerce' );
		}

		$inn = $values[ self::INN ];
		if ( '' === $inn ) {
			$errors[ self::INN ] = __( 'Enter the INN.', 'ru-payments-for-woocommerce' );
		} elseif ( $is_organization && ! InnValidator::is_valid_organization_inn( $inn ) ) {
			$errors[ self::INN ] = 10 !== strlen( $inn ) || ! ctype_digit( $inn )
				? __( 'The INN of an organisation has 10 digits.', 'ru-payments-for-woocommerce' )
				: __( 'This INN is not valid: please check the digits.', 'ru-payments-for-woocommerce' );
		} elseif ( ! $is_organization && ! InnValidator::is_valid_individual_inn( $inn ) ) {
			$errors[ self::INN ] = 12 !== strlen( $inn ) || ! ctype_digit( $inn )
				? __( 'The INN of a sole trader has 12 digits.', 'ru-payments-for-woocommerce' )
				: __( 'This INN is not valid: please check the digits.', 'ru-payments-for-woocommerce' );
		}

		$kpp = $values[ self::KPP ];
		if ( $is_organization && '' === $kpp ) {
			$errors[ self::KPP ] = __( 'Enter the KPP of the organisation.', 'ru-payments-for-woocommerce' );
		} elseif ( $is_organization && ! InnValidator::is_valid_kpp( $kpp ) ) {
			$errors[ self::KPP ] = __( 'The KPP has 9 characters: 4 digits, 2 digits or capital Latin letters, then 3 digits.', 'ru-payments-for-woocommerce' );
		} elseif ( ! $is_organization && '' !== $kpp ) {
			$errors[ self::KPP ] = __( 'A sole trader has no KPP: leave the field empty.', 'ru-payments-for-woocommerce' );
		}

		if ( '' === $values[ self::ADDRESS ] ) {
			$errors[ self::ADDRESS ] = __( 'Enter the legal address.', 'ru-payments-for-woocommerce' );
		} elseif ( mb_strlen( $values[ self::ADDRESS ] ) > self::MAX_LENGTH ) {
			$errors[ self::ADDRESS ] = __( 'The legal address is too long.', 'ru-payments-for-woocommerce' );
		}

		if ( $errors ) {
			return array(
				'payer'  => null,
				'errors' => $errors,
			);
		}
		return array(
			'payer'  => new Payer( $type, $values[ self::COMPANY ], $inn, $is_organization ? $kpp : '', $values[ self::ADDRESS ] ),
			'errors' => array(),
		);
	}

	/**
	 * Prints the fields for classic checkout and the pay-for-order page (errors are shown next to the
	 * fields by WooCommerce's checkout script from the notices' `id`). Every input has an id, so
	 * WooCommerce's checkout script keeps what the shopper typed when it refreshes the payment box.
	 *
	 * @param array<string,string> $values Values to prefill (sanitized).
	 */
	public static function render( array $values = array() ): void {
		$values = self::values( $values );
		$type   = $values[ self::TYPE ];
		?>
		<fieldset class="ru-payments-payer" id="ru-payments-payer">
			<p class="form-row form-row-wide ru-payments-payer__type" id="<?php echo esc_attr( self::TYPE ); ?>_field">
				<span class="screen-reader-text"><?php esc_html_e( 'Payer', 'ru-payments-for-woocommerce' ); ?></span>
				<label for="<?php echo esc_attr( self::TYPE . '_' . Payer::ORGANIZATION ); ?>">
					<input type="radio" class="input-radio" id="<?php echo esc_attr( self::TYPE . '_' . Payer::ORGANIZATION ); ?>" name="<?php echo esc_attr( self::TYPE ); ?>" value="<?php echo esc_attr( Payer::ORGANIZATION ); ?>" <?php checked( Payer::ORGANIZATION, $type ); ?> />
					<?php esc_html_e( 'Organisation', 'ru-payments-for-woocommerce' ); ?>
				</label>
				<label for="<?php echo esc_attr( self::TYPE . '_' . Payer::ENTREPRENEUR ); ?>">
					<input type="radio" class="input-radio" id="<?php echo esc_attr( self::TYPE . '_' . Payer::ENTREPRENEUR ); ?>" name="<?php echo esc_attr( self::TYPE ); ?>" value="<?php echo esc_attr( Payer::ENTREPRENEUR ); ?>" <?php checked( Payer::ENTREPRENEUR, $type ); ?> />
					<?php esc_html_e( 'Sole trader (IP)', 'ru-payments-for-woocommerce' ); ?>
				</label>
			</p>
			<?php
			self::text_field( self::COMPANY, __( 'Company name', 'ru-payments-for-woocommerce' ), $values[ self::COMPANY ], array( 'autocomplete' => 'organization' ) );
			self::text_field( self::INN, __( 'INN', 'ru-payments-for-woocommerce' ), $values[ self::INN ], array( 'inputmode' => 'numeric', 'maxlength' => '12' ) );
			self::text_field( self::KPP, __( 'KPP (organisations only)', 'ru-payments-for-woocommerce' ), $values[ self::KPP ], array( 'maxlength' => '9' ), Payer::ORGANIZATION === $type );
			self::text_field( self::ADDRESS, __( 'Legal address', 'ru-payments-for-woocommerce' ), $values[ self::ADDRESS ], array() );
			?>
		</fieldset>
		<?php
	}

	/**
	 * One text input in WooCommerce's checkout markup.
	 *
	 * @param string               $name     Field name and id.
	 * @param string               $label    Label.
	 * @param string               $value    Value.
	 * @param array<string,string> $attrs    Extra attributes.
	 * @param bool                 $required Whether the field is marked required.
	 */
	private static function text_field( string $name, string $label, string $value, array $attrs, bool $required = true ): void {
		?>
		<p class="form-row form-row-wide<?php echo $required ? ' validate-required' : ''; ?>" id="<?php echo esc_attr( $name ); ?>_field">
			<label for="<?php echo esc_attr( $name ); ?>">
				<?php echo esc_html( $label ); ?>
				<?php if ( $required ) : ?>
					<abbr class="required" title="<?php esc_attr_e( 'required', 'ru-payments-for-woocommerce' ); ?>">*</abbr>
				<?php endif; ?>
			</label>
			<span class="woocommerce-input-wrapper">
				<input type="text" class="input-text" name="<?php echo esc_attr( $name ); ?>" id="<?php echo esc_attr( $name ); ?>" value="<?php echo esc_attr( $value ); ?>"
					<?php
					foreach ( $attrs as $attr => $attr_value ) {
						printf( ' %s="%s"', esc_attr( $attr ), esc_attr( $attr_value ) );
					}
					?>
				/>
			</span>
		</p>
		<?php
	}
}
