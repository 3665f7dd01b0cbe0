<?php
/**
 * INN check digits, KPP format and the legal-entity fields.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RuPayments\Checkout\InnValidator;
use RuPayments\Checkout\Payer;
use RuPayments\Checkout\PayerFields;

final class InnValidatorTest extends TestCase {

	public function test_real_organisation_inns(): void {
		$this->assertTrue( InnValidator::is_valid_organization_inn( '7707083893' ) ); // Sberbank.
		$this->assertTrue( InnValidator::is_valid_organization_inn( '7736207543' ) ); // Yandex.
	}

	public function test_real_individual_inn(): void {
		$this->assertTrue( InnValidator::is_valid_individual_inn( '500100732259' ) );
	}

	public function test_wrong_check_digits(): void {
		$this->assertFalse( InnValidator::is_valid_organization_inn( '7707083894' ) );
		$this->assertFalse( InnValidator::is_valid_individual_inn( '500100732258' ) ); // Second check digit.
		$this->assertFalse( InnValidator::is_valid_individual_inn( '500100732269' ) ); // First check digit.
	}

	public function test_wrong_lengths_and_characters(): void {
		$this->assertFalse( InnValidator::is_valid_organization_inn( '770708389' ) );
		$this->assertFalse( InnValidator::is_valid_organization_inn( '500100732259' ) );
		$this->assertFalse( InnValidator::is_valid_individual_inn( '7707083893' ) );
		$this->assertFalse( InnValidator::is_valid_organization_inn( '77070838a3' ) );
		$this->assertFalse( InnValidator::is_valid_organization_inn( "7707083893\n" ) );
	}

	public function test_kpp(): void {
		$this->assertTrue( InnValidator::is_valid_kpp( '773601001' ) );
		$this->assertTrue( InnValidator::is_valid_kpp( '7736AB001' ) );
		$this->assertFalse( InnValidator::is_valid_kpp( '7736ab001' ) );
		$this->assertFalse( InnValidator::is_valid_kpp( '77360100' ) );
		$this->assertFalse( InnValidator::is_valid_kpp( 'A73601001' ) );
	}

	private function organisation( array $overrides = array() ): array {
		return array_merge(
			array(
				PayerFields::TYPE    => 'organization',
				PayerFields::COMPANY => 'ООО «Ромашка»',
				PayerFields::INN     => '7707083893',
				PayerFields::KPP     => '773601001',
				PayerFields::ADDRESS => 'Москва, ул. Ленина, 1',
			),
			$overrides
		);
	}

	public function test_valid_organisation_gives_a_payer(): void {
		$read = PayerFields::read( $this->organisation( array( PayerFields::INN => ' 7707 083893 ', PayerFields::KPP => '7736ab001' ) ) );

		$this->assertSame( array(), $read['errors'] );
		$this->assertSame(
			array( 'type' => 'organization', 'name' => 'ООО «Ромашка»', 'inn' => '7707083893', 'kpp' => '7736AB001', 'legal_address' => 'Москва, ул. Ленина, 1' ),
			$read['payer']->to_array()
		);
	}

	public function test_sole_trader_has_a_12_digit_inn_and_no_kpp(): void {
		$read = PayerFields::read( $this->organisation( array( PayerFields::TYPE => 'entrepreneur', PayerFields::INN => '500100732259', PayerFields::KPP => '' ) ) );

		$this->assertSame( array(), $read['errors'] );
		$this->assertSame( Payer::ENTREPRENEUR, $read['payer']->type );
		$this->assertArrayNotHasKey( 'kpp', $read['payer']->to_array() );

		$with_kpp = PayerFields::read( $this->organisation( array( PayerFields::TYPE => 'entrepreneur', PayerFields::INN => '500100732259' ) ) );
		$this->assertArrayHasKey( PayerFields::KPP, $with_kpp['errors'] );
	}

	public function test_errors_are_keyed_by_field(): void {
		$read = PayerFields::read( $this->organisation( array( PayerFields::INN => '7707083894', PayerFields::KPP => '', PayerFields::COMPANY => '', PayerFields::ADDRESS => '' ) ) );

		$this->assertNull( $read['payer'] );
		$this->assertSame( array( PayerFields::COMPANY, PayerFields::INN, PayerFields::KPP, PayerFields::ADDRESS ), array_keys( $read['errors'] ) );
		$this->assertStringContainsString( 'check the digits', $read['errors'][ PayerFields::INN ] );

		$short = PayerFields::read( $this->organisation( array( PayerFields::INN => '123' ) ) );
		$this->assertStringContainsString( '10 digits', $short['errors'][ PayerFields::INN ] );

		$ip_as_org = PayerFields::read( $this->organisation( array( PayerFields::INN => '500100732259' ) ) );
		$this->assertArrayHasKey( PayerFields::INN, $ip_as_org['errors'] );

		$bad_type = PayerFields::read( $this->organisation( array( PayerFields::TYPE => 'government' ) ) );
		$this->assertArrayHasKey( PayerFields::TYPE, $bad_type['errors'] );
	}

	public function test_rendered_fields_are_escaped(): void {
		ob_start();
		PayerFields::render( $this->organisation( array( PayerFields::COMPANY => '"><script>x</script>' ) ) );
		$html = (string) ob_get_clean();

		$this->assertStringNotContainsString( '<script>', $html );
		foreach ( array( 'ru_payments_payer_type', 'ru_payments_company', 'ru_payments_inn', 'ru_payments_kpp', 'ru_payments_legal_address' ) as $name ) {
			$this->assertStringContainsString( 'name="' . $name . '"', $html );
		}
	}
}
