<?php
/**
 * Order locks with MySQL/MariaDB GET_LOCK.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Storage;

defined( 'ABSPATH' ) || exit;

/**
 * GET_LOCK is held by the database connection, so a PHP request that dies releases it with its
 * connection; names are server-wide, hence the database name and table prefix in them (at most 64
 * characters, so hashed).
 *
 * phpcs:disable WordPress.DB.DirectDatabaseQuery -- locks are not data; nothing to cache.
 */
final class MysqlOrderLocks implements OrderLocks {

	public function acquire( int $order_id, int $wait ): bool {
		global $wpdb;
		$got = $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK(%s, %d)', self::name( $order_id ), max( 0, $wait ) ) );
		// 1: locked, 0: another request holds it. NULL is an error (a database without GET_LOCK): then
		// the events still apply once through the markers, rather than never.
		return null === $got || '1' === (string) $got;
	}

	public function release( int $order_id ): void {
		global $wpdb;
		$wpdb->get_var( $wpdb->prepare( 'SELECT RELEASE_LOCK(%s)', self::name( $order_id ) ) );
	}

	private static function name( int $order_id ): string {
		global $wpdb;
		return 'rup_' . substr( hash( 'sha256', DB_NAME . '|' . $wpdb->prefix . '|order|' . $order_id ), 0, 40 );
	}
}
