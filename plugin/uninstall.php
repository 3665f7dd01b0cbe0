<?php
/**
 * Removes the plugin's options when it is deleted. Order meta is kept: it is part of the payment history.
 *
 * @package RuPayments
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'ru_payments_sidecar_url' );
delete_option( 'ru_payments_sidecar_secret' );
