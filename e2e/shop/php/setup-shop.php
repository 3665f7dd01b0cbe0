<?php
/**
 * Second half of setup-site.php (WooCommerce loaded): store settings, HPOS, pages, products, our
 * plugin from its ZIP, the sidecar connection and the five methods in test mode.
 *
 * @var string $rup_zip, $rup_sidecar, $rup_secret, $rup_url
 */

$rup_options = array(
	'woocommerce_currency'                         => 'RUB',
	'woocommerce_default_country'                  => 'RU:MOW',
	'woocommerce_allowed_countries'                => 'specific',
	'woocommerce_specific_allowed_countries'       => array( 'RU' ),
	'woocommerce_ship_to_countries'                => 'disabled',
	'woocommerce_calc_taxes'                       => 'no',
	'woocommerce_coming_soon'                      => 'no',
	'woocommerce_store_pages_only'                 => 'no',
	'woocommerce_onboarding_profile'               => array( 'skipped' => true ),
	'woocommerce_task_list_hidden'                 => 'yes',
	'woocommerce_show_marketplace_suggestions'     => 'no',
	'woocommerce_allow_tracking'                   => 'no',
	'woocommerce_enable_guest_checkout'            => 'yes',
	'woocommerce_enable_checkout_login_reminder'   => 'no',
	'woocommerce_manage_stock'                     => 'yes',
	'woocommerce_hold_stock_minutes'               => '60',
	'woocommerce_custom_orders_table_enabled'      => 'yes',
	'woocommerce_custom_orders_table_data_sync_enabled' => 'no',
	'woocommerce_feature_order_attribution_enabled' => 'no',
);
foreach ( $rup_options as $name => $value ) {
	update_option( $name, $value );
}

// HPOS tables exist and are the authoritative store.
$rup_hpos = wc_get_container()->get( Automattic\WooCommerce\Internal\DataStores\Orders\DataSynchronizer::class );
if ( ! $rup_hpos->check_orders_table_exists() ) {
	$rup_hpos->create_database_tables();
}

WC_Install::create_pages();
$rup_classic = wp_insert_post(
	array(
		'post_type'    => 'page',
		'post_status'  => 'publish',
		'post_title'   => 'Classic checkout',
		'post_name'    => 'classic-checkout',
		'post_content' => '<!-- wp:shortcode -->[woocommerce_checkout]<!-- /wp:shortcode -->',
	)
);

/** A simple product with stock kept. */
function rup_product( string $name, string $sku, string $price, int $stock ): int {
	$product = new WC_Product_Simple();
	$product->set_name( $name );
	$product->set_sku( $sku );
	$product->set_regular_price( $price );
	$product->set_manage_stock( true );
	$product->set_stock_quantity( $stock );
	$product->set_status( 'publish' );
	return $product->save();
}
$rup_products = array(
	'kettle' => rup_product( 'Kettle', 'KETTLE-1', '1000', 1000 ),
	'sofa'   => rup_product( 'Sofa', 'SOFA-35K', '35000', 50 ),
	'lamp'   => rup_product( 'Lamp', 'LAMP-2490', '2490.50', 1000 ),
);

// Our plugin, installed from the built ZIP by the same upgrader the upload form uses.
$rup_upgrader = new Plugin_Upgrader( new Automatic_Upgrader_Skin() );
$rup_result   = $rup_upgrader->install( $rup_zip );
if ( true !== $rup_result ) {
	fwrite( STDERR, 'plugin install failed: ' . ( is_wp_error( $rup_result ) ? $rup_result->get_error_message() : wp_json_encode( $rup_upgrader->skin->get_upgrade_messages() ) ) . "\n" );
	exit( 1 );
}
$rup_plugin = $rup_upgrader->plugin_info();
$rup_active = activate_plugin( $rup_plugin );
if ( is_wp_error( $rup_active ) ) {
	fwrite( STDERR, 'plugin activation failed: ' . $rup_active->get_error_message() . "\n" );
	exit( 1 );
}

update_option( 'ru_payments_sidecar_url', $rup_sidecar );
update_option( 'ru_payments_sidecar_secret', $rup_secret );
$rup_methods = array( 'ru_payments_individuals', 'ru_payments_legal', 'ru_payments_dolyame', 'ru_payments_sber_bnpl', 'ru_payments_paylate' );
foreach ( $rup_methods as $rup_method ) {
	update_option( "woocommerce_{$rup_method}_settings", array( 'enabled' => 'yes', 'test_mode' => 'yes' ) );
}
flush_rewrite_rules( false );

echo wp_json_encode(
	array(
		'plugin'           => $rup_plugin,
		'products'         => $rup_products,
		'classic_checkout' => get_permalink( $rup_classic ),
		'checkout'         => wc_get_checkout_url(),
		'hpos'             => Automattic\WooCommerce\Utilities\OrderUtil::custom_orders_table_usage_is_enabled(),
	)
) . "\n";
