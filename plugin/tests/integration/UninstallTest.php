<?php
/**
 * uninstall.php against the shop's real database: nothing goes without WC_REMOVE_ALL_DATA, and
 * with it nothing named ru_payments is left (options, transients, tables, meta, scheduled actions).
 * Everything it removes is snapshotted first and put back afterwards, so the other tests and the
 * Playwright specs find the shop as it was.
 *
 * @package RuPayments\Tests
 */

final class UninstallTest extends ShopTestCase {

	/** @var array<string,list<array<string,mixed>>> table => rows */
	private array $snapshot = array();
	/** @var array<string,string> table => CREATE TABLE */
	private array $created = array();

	private function tables_to_restore(): array {
		global $wpdb;
		$like = "'%ru\\_payments%'";
		$group = (int) $wpdb->get_var( "SELECT group_id FROM {$wpdb->prefix}actionscheduler_groups WHERE slug = 'ru-payments'" );
		return array(
			$wpdb->options                            => "option_name LIKE {$like}",
			$wpdb->postmeta                           => "meta_key LIKE {$like}",
			$wpdb->termmeta                           => "meta_key LIKE {$like}",
			$wpdb->prefix . 'wc_orders_meta'          => "meta_key LIKE {$like}",
			$wpdb->prefix . 'actionscheduler_logs'    => "action_id IN (SELECT action_id FROM {$wpdb->prefix}actionscheduler_actions WHERE group_id = {$group})",
			$wpdb->prefix . 'actionscheduler_actions' => "group_id = {$group}",
			$wpdb->prefix . 'actionscheduler_groups'  => "group_id = {$group}",
		);
	}

	protected function setUp(): void {
		global $wpdb;
		foreach ( $this->tables_to_restore() as $table => $where ) {
			$this->snapshot[ $table ] = $wpdb->get_results( "SELECT * FROM {$table} WHERE {$where}", ARRAY_A ); // phpcs:ignore
		}
		foreach ( $wpdb->get_col( "SHOW TABLES LIKE '%ru\\_payments%'" ) as $table ) {
			$this->created[ $table ]  = (string) $wpdb->get_row( "SHOW CREATE TABLE {$table}", ARRAY_N )[1];
			$this->snapshot[ $table ] = $wpdb->get_results( "SELECT * FROM {$table}", ARRAY_A );
		}
		$this->assertNotEmpty( $this->created, 'the markers table exists before the uninstall' );
	}

	protected function tearDown(): void {
		global $wpdb;
		foreach ( $this->created as $table => $create ) {
			$wpdb->query( "DROP TABLE IF EXISTS {$table}" );
			$wpdb->query( $create );
		}
		$where = $this->tables_to_restore();
		// The uninstall logged a cancellation for each action: only the logs from before come back.
		$ids = array_map( 'intval', array_column( $this->snapshot[ $wpdb->prefix . 'actionscheduler_actions' ], 'action_id' ) );
		if ( array() !== $ids ) {
			$wpdb->query( "DELETE FROM {$wpdb->prefix}actionscheduler_logs WHERE action_id IN (" . implode( ',', $ids ) . ')' );
		}
		foreach ( $this->snapshot as $table => $rows ) {
			if ( isset( $where[ $table ] ) ) {
				$wpdb->query( "DELETE FROM {$table} WHERE {$where[ $table ]}" );
			}
			foreach ( $rows as $row ) {
				$wpdb->replace( $table, $row );
			}
		}
		wp_cache_flush();
	}

	/** Some of everything the plugin stores, so the uninstall has it all to remove. */
	private function store_some_of_everything(): void {
		update_option( 'ru_payments_provider_sber_seller-test', array( 'userName' => 'x' ), false );
		set_transient( 'ru_payments_refresh_999999', array( 'status' => 'pending' ), 600 );
		set_transient( 'ru_payments_sidecar_providers', array(), 600 );
		$order = $this->pending_order( $this->product( 'kettle' ), 'ru_payments_legal' );
		$order->update_meta_data( '_ru_payments_payer', array( 'type' => 'organization', 'inn' => '7707083893' ) );
		$order->save();
		update_post_meta( $this->product( 'lamp' ), '_ru_payments_profile', 'seller-test' );
		$terms = get_terms( array( 'taxonomy' => 'product_cat', 'hide_empty' => false, 'number' => 1 ) );
		update_term_meta( (int) $terms[0]->term_id, 'ru_payments_profile', 'seller-test' );
		as_schedule_single_action( time() + 3600, 'ru_payments_reconcile_order', array( $order->get_id() ), 'ru-payments' );
	}

	/** Everything named ru_payments in the database: "table: name" lines. */
	private function leftovers(): array {
		global $wpdb;
		$found = array();
		foreach ( $wpdb->get_col( "SHOW TABLES LIKE '%ru\\_payments%'" ) as $table ) {
			$found[] = "table: {$table}";
		}
		foreach ( $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '%ru\\_payments%'" ) as $name ) {
			$found[] = "option: {$name}";
		}
		foreach ( array( $wpdb->postmeta, $wpdb->termmeta, $wpdb->prefix . 'wc_orders_meta' ) as $table ) {
			foreach ( $wpdb->get_col( "SELECT DISTINCT meta_key FROM {$table} WHERE meta_key LIKE '%ru\\_payments%'" ) as $key ) {
				$found[] = "{$table}: {$key}";
			}
		}
		$actions = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->prefix}actionscheduler_actions a JOIN {$wpdb->prefix}actionscheduler_groups g ON g.group_id = a.group_id WHERE g.slug = 'ru-payments'" );
		if ( $actions > 0 ) {
			$found[] = "scheduled actions in ru-payments: {$actions}";
		}
		sort( $found );
		return $found;
	}

	/** As WordPress's uninstall_plugin() does it (which include_once's the file, so only once per process). */
	private function run_uninstall_php(): void {
		if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
			define( 'WP_UNINSTALL_PLUGIN', 'ru-payments-for-woocommerce/ru-payments-for-woocommerce.php' );
		}
		include WP_PLUGIN_DIR . '/ru-payments-for-woocommerce/uninstall.php';
		wp_cache_flush();
	}

	public function test_without_wc_remove_all_data_the_uninstall_removes_nothing(): void {
		$this->assertFalse( defined( 'WC_REMOVE_ALL_DATA' ), 'the test shop keeps data on uninstall' );
		$this->store_some_of_everything();
		$before = $this->leftovers();

		$this->run_uninstall_php();

		$this->assertSame( $before, $this->leftovers() );
		$this->assertContains( 'option: ru_payments_sidecar_url', $before );
	}

	public function test_with_wc_remove_all_data_nothing_named_ru_payments_is_left(): void {
		$this->store_some_of_everything();
		$this->assertGreaterThan( 10, count( $this->leftovers() ) );

		define( 'WC_REMOVE_ALL_DATA', true );
		$this->run_uninstall_php();

		$this->assertSame( array(), $this->leftovers() );
		$this->assertNotFalse( get_option( 'woocommerce_version' ), "WooCommerce's own data stays" );
		$this->assertGreaterThan( 0, wc_get_product( $this->product( 'kettle' ) )->get_id() );
	}
}
