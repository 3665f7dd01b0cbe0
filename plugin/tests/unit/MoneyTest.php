<?php
/**
 * Exact decimal ↔ kopeck conversion.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RuPayments\Support\Money;

final class MoneyTest extends TestCase {

	public function decimals(): array {
		return array(
			'whole roubles'                  => array( '30000', 3000000 ),
			'two decimals'                   => array( '29999.99', 2999999 ),
			'one decimal'                    => array( '1500.5', 150050 ),
			'no integer part'                => array( '.5', 50 ),
			'WooCommerce 6-decimal line'     => array( '833.333333', 83333 ),
			'half a kopeck rounds up'        => array( '0.005', 1 ),
			'just under half rounds down'    => array( '0.00499999', 0 ),
			'negative rounds away from zero' => array( '-0.005', -1 ),
			'0.1 + 0.2 style value'          => array( '0.30', 30 ),
			'large amount'                   => array( '12345678901.23', 1234567890123 ),
			'integer'                        => array( 42, 4200 ),
			'leading zeros'                  => array( '007.10', 710 ),
		);
	}

	/**
	 * @dataProvider decimals
	 */
	public function test_to_kopecks( string|int $value, int $expected ): void {
		$this->assertSame( $expected, Money::to_kopecks( $value ) );
	}

	public function test_digits_are_parsed_not_multiplied_as_floats(): void {
		// (float) '1.15' * 100 = 114.99999999999999, which a float conversion truncates to 114.
		$this->assertSame( 114, (int) ( (float) '1.15' * 100 ) );
		$this->assertSame( 115, Money::to_kopecks( '1.15' ) );
		$this->assertSame( 1999, Money::to_kopecks( '19.99' ) );
		$this->assertSame( 57, Money::to_kopecks( '0.57' ) );
	}

	public function test_a_float_from_woocommerce_is_written_out_first(): void {
		$this->assertSame( 30, Money::to_kopecks( 0.1 + 0.2 ) );
		$this->assertSame( 3000000, Money::to_kopecks( 29999.999999999996 ) );
	}

	public function test_sum_rounds_once_on_the_exact_total(): void {
		// 833.333333 + 166.666667 = 1000.000000 exactly; rounding each part first gives 999.99 + 166.67.
		$this->assertSame( 100000, Money::sum_to_kopecks( '833.333333', '166.666667' ) );
		$this->assertSame( 1200, Money::sum_to_kopecks( '10.00', '2.00' ) );
	}

	public function test_invalid_values_are_refused(): void {
		foreach ( array( '', 'abc', '1e5', '12,5', '1.2.3', '--1', '.' ) as $value ) {
			$this->assertFalse( Money::is_decimal( $value ), $value );
		}
		$this->expectException( \InvalidArgumentException::class );
		Money::to_kopecks( '1e5' );
	}

	public function test_from_kopecks(): void {
		$this->assertSame( '1500.50', Money::from_kopecks( 150050 ) );
		$this->assertSame( '0.05', Money::from_kopecks( 5 ) );
		$this->assertSame( '-0.05', Money::from_kopecks( -5 ) );
		$this->assertSame( '30000.00', Money::from_kopecks( 3000000 ) );
	}

	public function test_admin_amounts(): void {
		$this->assertSame( 3000000, Money::parse_admin_amount( '30000' ) );
		$this->assertSame( 3000000, Money::parse_admin_amount( '30 000' ) );
		$this->assertSame( 3000050, Money::parse_admin_amount( "30\u{00A0}000,5" ) );
		$this->assertSame( 150050, Money::parse_admin_amount( '1500.50' ) );
		$this->assertNull( Money::parse_admin_amount( '1.234' ) );
		$this->assertNull( Money::parse_admin_amount( '-5' ) );
		$this->assertNull( Money::parse_admin_amount( 'тридцать' ) );
	}
}
