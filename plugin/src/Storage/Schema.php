<?php
/**
 * The plugin's own table: atomic markers (event ids, request nonces).
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Storage;

defined( 'ABSPATH' ) || exit;

/**
 * `{prefix}ru_payments_markers`: one row per marker, its name the primary key, so that two requests
 * claiming the same marker at once cannot both win (an INSERT either adds the row or does not).
 * Created on activation and on the first request after an upgrade (`ru_payments_db_version`).
 */
final class Schema {

	public const VERSION        = '1';
	public const OPTION_VERSION = 'ru_payments_db_version';

	public static function table(): string {
		global $wpdb;
		return $wpdb->prefix . 'ru_payments_markers';
	}

	/**
	 * Creates or upgrades the table when the stored version is older (hooked early on every request;
	 * one autoloaded option read when nothing is to do).
	 */
	public static function maybe_upgrade(): void {
		if ( self::VERSION === (string) get_option( self::OPTION_VERSION, '' ) ) {
			return;
		}
		self::install();
	}

	public static function install(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$table   = self::table();
		$charset = $wpdb->get_charset_collate();
		dbDelta(
			"CREATE TABLE {$table} (
  name varchar(64) NOT NULL,
  expires_at bigint(20) unsigned NOT NULL,
  PRIMARY KEY  (name),
  KEY expires_at (expires_at)
) {$charset};"
		);
		update_option( self::OPTION_VERSION, self::VERSION, true );
	}

	public static function uninstall(): void {
		global $wpdb;
		$wpdb->query( 'DROP TABLE IF EXISTS ' . self::table() ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.NotPrepared -- our own table name.
		delete_option( self::OPTION_VERSION );
	}
}
