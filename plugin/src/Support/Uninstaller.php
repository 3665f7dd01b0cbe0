<?php
/**
 * Removes everything listed in StoredData (uninstall.php calls it when WC_REMOVE_ALL_DATA is true).
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Support;

defined( 'ABSPATH' ) || exit;

/**
 * Deletes the plugin's options, transients, table, order/product/term meta and scheduled actions.
 */
final class Uninstaller {

	/** Whether the site asked plugins to remove their data on deletion (as WooCommerce does). */
	public static function wanted(): bool {
		return defined( 'WC_REMOVE_ALL_DATA' ) && true === constant( 'WC_REMOVE_ALL_DATA' );
	}

	public static function run(): void {
		global $wpdb;
		self::unschedule();

		foreach ( StoredData::options() as $option ) {
			delete_option( $option );
		}
		foreach ( StoredData::option_prefixes() as $prefix ) {
			self::delete_options_like( $prefix );
		}
		foreach ( StoredData::transients() as $transient ) {
			delete_transient( $transient );
		}
		foreach ( StoredData::transient_prefixes() as $prefix ) {
			self::delete_options_like( '_transient_' . $prefix );
			self::delete_options_like( '_transient_timeout_' . $prefix );
		}
		foreach ( StoredData::tables() as $table ) {
			$wpdb->query( 'DROP TABLE IF EXISTS ' . $table ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.NotPrepared -- our own table.
		}

		$like = $wpdb->esc_like( StoredData::ORDER_META_PREFIX ) . '%';
		// phpcs:disable WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- core and WooCommerce tables, bulk delete.
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->postmeta} WHERE meta_key LIKE %s OR meta_key = %s", $like, StoredData::product_meta() ) );
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->termmeta} WHERE meta_key = %s", StoredData::term_meta() ) );
		$orders_meta = $wpdb->prefix . 'wc_orders_meta';
		if ( self::table_exists( $orders_meta ) ) {
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$orders_meta} WHERE meta_key LIKE %s", $like ) );
		}
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->usermeta} WHERE meta_key = %s", StoredData::user_meta() ) );
		// phpcs:enable
		remove_role( StoredData::role() );
		foreach ( wp_roles()->role_objects as $role ) {
			foreach ( StoredData::capabilities() as $capability ) {
				$role->remove_cap( $capability );
			}
		}
		wp_cache_flush();
	}

	/** Cancels the group's pending actions, then deletes its rows (cancelled actions would stay for 30 days). */
	private static function unschedule(): void {
		global $wpdb;
		if ( function_exists( 'as_unschedule_all_actions' ) ) {
			as_unschedule_all_actions( '', array(), StoredData::ACTION_GROUP );
		}
		$actions = $wpdb->prefix . 'actionscheduler_actions';
		$groups  = $wpdb->prefix . 'actionscheduler_groups';
		$logs    = $wpdb->prefix . 'actionscheduler_logs';
		if ( ! self::table_exists( $actions ) || ! self::table_exists( $groups ) ) {
			return;
		}
		// phpcs:disable WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Action Scheduler's tables have no API for deleting a group.
		$group_id = (int) $wpdb->get_var( $wpdb->prepare( "SELECT group_id FROM {$groups} WHERE slug = %s", StoredData::ACTION_GROUP ) );
		if ( $group_id > 0 ) {
			if ( self::table_exists( $logs ) ) {
				$wpdb->query( $wpdb->prepare( "DELETE l FROM {$logs} l JOIN {$actions} a ON a.action_id = l.action_id WHERE a.group_id = %d", $group_id ) );
			}
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$actions} WHERE group_id = %d", $group_id ) );
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$groups} WHERE group_id = %d", $group_id ) );
		}
		// phpcs:enable
	}

	private static function delete_options_like( string $prefix ): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( $prefix ) . '%' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	}

	private static function table_exists( string $table ): bool {
		global $wpdb;
		return $table === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	}
}
