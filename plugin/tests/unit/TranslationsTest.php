<?php
/**
 * The .pot matches the sources, the Russian .po translates every string, the .mo matches the .po.
 * Needs GNU gettext (xgettext, msgcat, msgfmt) on PATH.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

final class TranslationsTest extends TestCase {

	private const DOMAIN = 'ru-payments-for-woocommerce';

	private static string $languages;

	private string $tmp;

	public static function setUpBeforeClass(): void {
		self::$languages = dirname( RU_PAYMENTS_PLUGIN_DIR ) . '/languages';
	}

	protected function setUp(): void {
		parent::setUp();
		foreach ( array( 'xgettext', 'msgcat', 'msgfmt' ) as $tool ) {
			exec( 'command -v ' . $tool, $out, $code );
			$this->assertSame( 0, $code, "GNU gettext's $tool is required (apt-get install gettext)." );
		}
		$this->tmp = sys_get_temp_dir() . '/ru-payments-i18n-' . bin2hex( random_bytes( 4 ) );
		mkdir( $this->tmp );
	}

	protected function tearDown(): void {
		array_map( 'unlink', glob( $this->tmp . '/*' ) );
		rmdir( $this->tmp );
		parent::tearDown();
	}

	private function run_tool( string $command ): void {
		exec( $command . ' 2>&1', $output, $code );
		$this->assertSame( 0, $code, $command . "\n" . implode( "\n", $output ) );
	}

	/**
	 * Parses a .po/.pot file into [ "context\x04msgid" => [ 'id', 'plural', 'strs' => [...], 'fuzzy' ] ].
	 */
	private static function parse_po( string $file ): array {
		$entries = array();
		$entry   = array();
		$field   = null;
		$flush   = static function () use ( &$entries, &$entry, &$field ): void {
			if ( isset( $entry['msgid'] ) && '' !== $entry['msgid'] ) {
				$key             = ( isset( $entry['msgctxt'] ) ? $entry['msgctxt'] . "\x04" : '' ) . $entry['msgid'];
				$entries[ $key ] = array(
					'id'     => $entry['msgid'],
					'plural' => $entry['msgid_plural'] ?? null,
					'strs'   => array_values( array_filter( $entry, static fn ( $k ): bool => str_starts_with( (string) $k, 'msgstr' ), ARRAY_FILTER_USE_KEY ) ),
					'fuzzy'  => ! empty( $entry['fuzzy'] ),
				);
			}
			$entry = array();
			$field = null;
		};
		foreach ( file( $file, FILE_IGNORE_NEW_LINES ) as $line ) {
			if ( '' === trim( $line ) ) {
				$flush();
			} elseif ( str_starts_with( $line, '#,' ) ) {
				$entry['fuzzy'] = str_contains( $line, 'fuzzy' );
			} elseif ( str_starts_with( $line, '#' ) ) {
				continue;
			} elseif ( preg_match( '/^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$/', $line, $m ) ) {
				$field           = $m[1];
				$entry[ $field ] = stripcslashes( $m[2] );
			} elseif ( null !== $field && preg_match( '/^"(.*)"$/', $line, $m ) ) {
				$entry[ $field ] .= stripcslashes( $m[1] );
			}
		}
		$flush();
		return $entries;
	}

	/**
	 * Reads a compiled .mo file into [ original => translation ] (header entry excluded).
	 */
	private static function parse_mo( string $file ): array {
		$data  = (string) file_get_contents( $file );
		$magic = unpack( 'V', $data )[1];
		$f     = 0x950412de === $magic ? 'V' : 'N';
		[ , $count, $originals, $translations ] = array_values( unpack( "{$f}rev/{$f}n/{$f}o/{$f}t", $data, 4 ) );
		$map = array();
		for ( $i = 0; $i < $count; $i++ ) {
			$o = unpack( "{$f}len/{$f}off", $data, $originals + 8 * $i );
			$t = unpack( "{$f}len/{$f}off", $data, $translations + 8 * $i );
			$k = substr( $data, $o['off'], $o['len'] );
			if ( '' !== $k ) {
				$map[ $k ] = substr( $data, $t['off'], $t['len'] );
			}
		}
		ksort( $map );
		return $map;
	}

	private static function placeholders( string $text ): array {
		preg_match_all( '/%(?:\d+\$)?[sdf]/', $text, $m );
		sort( $m[0] );
		return $m[0];
	}

	public function test_pot_is_up_to_date_with_the_sources(): void {
		$fresh = $this->tmp . '/fresh.pot';
		$this->run_tool( escapeshellarg( RU_PAYMENTS_PLUGIN_DIR . '/bin/make-pot.sh' ) . ' ' . escapeshellarg( $fresh ) );

		$expected  = self::parse_po( $fresh );
		$committed = self::parse_po( self::$languages . '/' . self::DOMAIN . '.pot' );

		$this->assertGreaterThan( 30, count( $expected ) );
		$this->assertArrayHasKey( "payment status\x04paid", $expected );
		$this->assertArrayHasKey( 'RU Payments for WooCommerce', $expected, 'plugin header strings are included' );
		$this->assertSame(
			array_keys( $expected ),
			array_keys( $committed ),
			'languages/' . self::DOMAIN . '.pot is stale: run plugin/bin/make-pot.sh'
		);
	}

	public function test_every_string_has_a_russian_translation(): void {
		$pot = self::parse_po( self::$languages . '/' . self::DOMAIN . '.pot' );
		$po  = self::parse_po( self::$languages . '/' . self::DOMAIN . '-ru_RU.po' );

		foreach ( $pot as $key => $entry ) {
			$this->assertArrayHasKey( $key, $po, "Missing in ru_RU.po: {$entry['id']}" );
			$this->assertFalse( $po[ $key ]['fuzzy'], "Fuzzy in ru_RU.po: {$entry['id']}" );
			$this->assertNotEmpty( $po[ $key ]['strs'], "No msgstr in ru_RU.po: {$entry['id']}" );
			foreach ( $po[ $key ]['strs'] as $translation ) {
				$this->assertNotSame( '', $translation, "Empty translation in ru_RU.po: {$entry['id']}" );
				$this->assertSame( self::placeholders( $entry['id'] ), self::placeholders( $translation ), "Placeholders differ: {$entry['id']}" );
			}
		}
		$this->assertSame( array(), array_diff( array_keys( $po ), array_keys( $pot ) ), 'ru_RU.po has strings that are no longer in the .pot' );
	}

	public function test_mo_is_compiled_from_the_current_po(): void {
		$po = self::$languages . '/' . self::DOMAIN . '-ru_RU.po';
		$mo = $this->tmp . '/fresh.mo';
		$this->run_tool( 'msgfmt --check --output-file=' . escapeshellarg( $mo ) . ' ' . escapeshellarg( $po ) );

		$this->assertFileExists( self::$languages . '/' . self::DOMAIN . '-ru_RU.mo' );
		$this->assertSame(
			self::parse_mo( $mo ),
			self::parse_mo( self::$languages . '/' . self::DOMAIN . '-ru_RU.mo' ),
			'languages/' . self::DOMAIN . '-ru_RU.mo is stale: run plugin/bin/make-pot.sh'
		);
		$this->assertSame( 'Проверить подключение', self::parse_mo( $mo )['Test connection'] );
	}
}
