<?php
/**
 * Removes the plugin's options when it is deleted. Order meta is kept: it is part of the payment history.
 *
 * @package RuPayments
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

$ru_payments_profiles = get_option( 'ru_payments_profiles', array() );
$ru_payments_profiles = array_merge( array( 'default' ), is_array( $ru_payments_profiles ) ? array_filter( $ru_payments_profiles, 'is_string' ) : array() );
foreach ( array( 'invoicebox', 'dolyame', 'sber', 'intellectmoney', 'koshelek' ) as $ru_payments_provider ) {
	foreach ( $ru_payments_profiles as $ru_payments_profile ) {
		delete_option( 'ru_payments_provider_' . $ru_payments_provider . '_' . $ru_payments_profile );
	}
}
foreach ( array( 'individuals', 'legal', 'dolyame', 'sber_bnpl', 'paylate' ) as $ru_payments_method ) {
	delete_option( 'woocommerce_ru_payments_' . $ru_payments_method . '_settings' );
}

global $wpdb;
$wpdb->query( 'DROP TABLE IF EXISTS ' . $wpdb->prefix . 'ru_payments_markers' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.NotPrepared -- our own table.
delete_option( 'ru_payments_db_version' );
delete_option( 'ru_payments_sidecar_url' );
delete_option( 'ru_payments_sidecar_secret' );
delete_option( 'ru_payments_callback_mode' );
delete_option( 'ru_payments_profiles' );
delete_option( 'ru_payments_provider_sync' );
delete_option( 'ru_payments_last_event' );
delete_option( 'ru_payments_push_retries' );
delete_option( 'ru_payments_secrets_sent_to' );
if ( function_exists( 'as_unschedule_all_actions' ) ) {
	as_unschedule_all_actions( '', array(), 'ru-payments' );
}
delete_transient( 'ru_payments_sidecar_providers' );
delete_transient( 'ru_payments_dolyame_certificate' );
delete_transient( 'ru_payments_lapsing_authorizations' );
delete_transient( 'ru_payments_dead_letters' );

// Till: settings, shift history and the Cashier role (its capabilities are removed from every role).
delete_option( 'ru_payments_till_settings' );
delete_option( 'ru_payments_till_shifts' );
delete_option( 'ru_payments_cashier_role_version' );
remove_role( 'ru_payments_cashier' );
foreach ( array( 'administrator', 'shop_manager' ) as $ru_payments_role_name ) {
	$ru_payments_role = get_role( $ru_payments_role_name );
	if ( null !== $ru_payments_role ) {
		$ru_payments_role->remove_cap( 'ru_payments_use_till' );
		$ru_payments_role->remove_cap( 'ru_payments_till_reports' );
	}
}
