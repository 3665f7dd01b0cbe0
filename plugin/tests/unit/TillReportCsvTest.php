<?php
/**
 * The till report's CSV and filters, and the cashier instruction of the cashier's language.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RuPayments\Till\Instruction;
use RuPayments\Till\TillReport;

final class TillReportCsvTest extends TestCase {

	private static function row( array $values ): array {
		return $values + array_fill_keys( TillReport::COLUMNS, '' );
	}

	public function test_csv_has_a_bom_a_header_the_rows_in_roubles_and_a_totals_line(): void {
		$report = array(
			'rows'   => array(
				self::row( array( 'order' => '14', 'total' => 215050, 'paid' => 215050, 'refunded' => 100000, 'net' => 115050, 'qrcId' => 'AS5Q', 'kzo' => '4VAP' ) ),
				self::row( array( 'order' => '16', 'total' => 15000000, 'paid' => 0, 'refunded' => 0, 'net' => 0, 'errorCode' => 'NOT_ENOUGH_LIMIT_TO_PAY' ) ),
			),
			'totals' => array( 'count' => 2, 'paid' => 215050, 'refunded' => 100000, 'net' => 115050 ),
		);
		$csv = TillReport::csv( $report, ';' );

		$this->assertStringStartsWith( "\xEF\xBB\xBF", $csv );
		$lines = array_map( static fn ( string $line ): array => str_getcsv( $line, ';', '"', '' ), explode( "\n", trim( substr( $csv, 3 ) ) ) );
		$this->assertSame( TillReport::COLUMNS, $lines[0] );
		$header = array_flip( $lines[0] );
		$this->assertSame( array( '14', '2150.50', '1000.00', '1150.50', 'AS5Q', '4VAP' ), array( $lines[1][ $header['order'] ], $lines[1][ $header['paid'] ], $lines[1][ $header['refunded'] ], $lines[1][ $header['net'] ], $lines[1][ $header['qrcId'] ], $lines[1][ $header['kzo'] ] ) );
		$this->assertSame( '150000.00', $lines[2][ $header['total'] ] );
		$this->assertSame( array( 'TOTAL', '2', '2150.50', '1000.00', '1150.50' ), array( $lines[3][ $header['date'] ], $lines[3][ $header['order'] ], $lines[3][ $header['paid'] ], $lines[3][ $header['refunded'] ], $lines[3][ $header['net'] ] ) );
	}

	public function test_a_cell_a_spreadsheet_would_run_as_a_formula_is_defused(): void {
		$csv = TillReport::csv(
			array(
				'rows'   => array( self::row( array( 'cashier' => '=HYPERLINK("x")', 'total' => 100, 'paid' => 100, 'refunded' => 0, 'net' => 100 ) ) ),
				'totals' => array( 'count' => 1, 'paid' => 100, 'refunded' => 0, 'net' => 100 ),
			)
		);
		$this->assertStringContainsString( "'=HYPERLINK", $csv );
	}

	public function test_filters_fall_back_to_today_and_drop_unknown_values(): void {
		$filters = TillReport::filters( array( 'from' => '2026-12-01', 'to' => '2026-11-01', 'till' => 'TILL-1<script>', 'method' => 'cash', 'cashier' => '7' ) );
		$this->assertSame( '2026-12-01', $filters['from'] );
		$this->assertSame( '2026-12-01', $filters['to'], 'a "to" before "from" is the same day' );
		$this->assertSame( 'TILL-1script', $filters['till'] );
		$this->assertSame( '', $filters['method'] );
		$this->assertSame( 7, $filters['cashier'] );
	}

	public function test_the_instruction_keeps_both_languages_and_the_code(): void {
		$stored = Instruction::from( array( 'ru' => 'Недостаточно лимита', 'en' => 'The limit is too low' ), 'NOT_ENOUGH_LIMIT_TO_PAY' );
		$this->assertSame( 'NOT_ENOUGH_LIMIT_TO_PAY', $stored['code'] );
		// The test doubles' determine_locale() is ru_RU: the Russian text.
		$this->assertSame( 'Недостаточно лимита', Instruction::text( $stored ) );
		$this->assertSame( array(), Instruction::from( null, '' ) );
		$this->assertSame( '', Instruction::text( Instruction::from( 'not texts', 'HTTP_5XX' ) ) );
	}
}
