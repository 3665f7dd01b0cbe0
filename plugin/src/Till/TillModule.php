<?php
/**
 * Wires the till (role, screen, REST routes, reports) into WordPress.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

use RuPayments\Plugin;

defined( 'ABSPATH' ) || exit;

/**
 * Built once by the composition root (Plugin::boot) with the plugin's shared services.
 */
final class TillModule {

	/**
	 * @param Plugin   $plugin   Shared services.
	 * @param \Closure $gateways The plugin's gateways (id → Gateway).
	 */
	public function __construct( private readonly Plugin $plugin, private readonly \Closure $gateways ) {
	}

	public function register(): void {
		( new CashierRole() )->register();
		$settings = new TillSettings();
		$shifts   = new Shift();
		add_action(
			'rest_api_init',
			function () use ( $settings, $shifts ): void {
				$plugin = $this->plugin;
				( new SalesController(
					new SaleBuilder(),
					new KoshelekTill( $plugin->client(), $plugin->status_applier(), $settings ),
					new SberTill( $plugin->client(), $plugin->authorization_processor(), $plugin->status_applier(), $plugin->provider_settings(), $settings, $this->gateways ),
					new ProductLookup(),
					$shifts,
					$settings
				) )->register_routes();
			}
		);
		if ( is_admin() ) {
			( new TillPage( $this->plugin->file(), $this->plugin->version() ) )->register();
			( new ReportPage( new TillReport(), $settings, $shifts ) )->register();
		}
	}
}
