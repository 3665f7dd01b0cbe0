<?php
/**
 * wpdb stand-in.
 *
 * @package RuPayments\Tests
 */

/**
 * Just enough of wpdb for code paths the unit tests reach without a database (the schema check,
 * uninstall): records statements, answers nothing. Real queries run in tests/integration.
 */
final class WPDB_Double {
	public string $prefix = 'wp_';
	/** @var list<string> */
	public array $queries = array();
	public function query( $sql ) {
		$this->queries[] = (string) $sql;
		return 0;
	}
	public function get_var( $sql ) {
		$this->queries[] = (string) $sql;
		return null;
	}
	public function prepare( $sql, ...$args ) {
		return vsprintf( str_replace( array( '%s', '%d' ), array( "'%s'", '%d' ), $sql ), $args );
	}
	public function get_charset_collate(): string {
		return '';
	}
}
$GLOBALS['wpdb'] = new WPDB_Double();
