<?php
/**
 * Markers in the plugin's table (Schema), claimed with a single INSERT.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Storage;

defined( 'ABSPATH' ) || exit;

/**
 * Not add_option(): WordPress answers it from its options cache and then writes with
 * `INSERT … ON DUPLICATE KEY UPDATE`, so two requests adding the same option at once both get
 * true. `INSERT IGNORE` on a primary key adds one row, and only the request that added it sees one
 * affected row. Names are hashed to fit the key.
 *
 * phpcs:disable WordPress.DB.DirectDatabaseQuery -- atomicity needs the single statement; nothing to cache.
 */
final class DbMarkers implements Markers {

	/**
	 * @var null|callable():int
	 */
	private $clock;

	/**
	 * @param null|callable():int $clock Clock (tests).
	 */
	public function __construct( ?callable $clock = null ) {
		$this->clock = $clock;
	}

	public function claim( string $name, int $ttl ): bool {
		global $wpdb;
		$table = Schema::table();
		$key   = self::key( $name );
		$now   = $this->now();
		// An expired marker may be claimed again: remove it first (racing deletes are harmless, only
		// one of the inserts that follow can win).
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE name = %s AND expires_at <= %d", $key, $now ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$insert   = $wpdb->prepare( "INSERT IGNORE INTO {$table} (name, expires_at) VALUES (%s, %d)", $key, $now + max( 1, $ttl ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$inserted = $wpdb->query( $insert ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- prepared above.
		if ( false === $inserted ) {
			// The table is missing (an upgrade that did not run): create it and try once more, so that
			// a broken table never makes every request look like a replay.
			Schema::install();
			$inserted = $wpdb->query( $insert ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared
		}
		return 1 === $inserted;
	}

	public function has( string $name ): bool {
		global $wpdb;
		$table = Schema::table();
		return null !== $wpdb->get_var( $wpdb->prepare( "SELECT name FROM {$table} WHERE name = %s AND expires_at > %d", self::key( $name ), $this->now() ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}

	public function release( string $name ): void {
		global $wpdb;
		$wpdb->delete( Schema::table(), array( 'name' => self::key( $name ) ), array( '%s' ) );
	}

	public function purge_expired( int $limit = 1000 ): int {
		global $wpdb;
		$table = Schema::table();
		return (int) $wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE expires_at <= %d LIMIT %d", $this->now(), $limit ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
	}

	private static function key( string $name ): string {
		return hash( 'sha256', $name );
	}

	private function now(): int {
		return null === $this->clock ? time() : (int) ( $this->clock )();
	}
}
