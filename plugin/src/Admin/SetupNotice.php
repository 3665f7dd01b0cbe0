<?php
/**
 * After activation, a notice that leads the shop owner to the settings until the sidecar is
 * connected (Stripe's "connect your account" notice, decided from data).
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Settings\SidecarSettings;

defined( 'ABSPATH' ) || exit;

/**
 * Shown to shop managers on every admin screen but our own settings tab while no sidecar URL and
 * shared secret are saved; it goes away by itself once they are.
 */
final class SetupNotice {

	public function __construct( private readonly SidecarSettings $settings ) {
	}

	public function register(): void {
		add_action( 'admin_notices', array( $this, 'render' ) );
	}

	public function render(): void {
		if ( ! current_user_can( 'manage_woocommerce' ) || $this->settings->is_configured() || self::on_settings_tab() ) {
			return;
		}
		printf(
			'<div class="notice notice-info ru-payments-setup-notice"><p><strong>%1$s</strong> %2$s</p><p><a class="button button-primary" href="%3$s">%4$s</a></p></div>',
			esc_html__( 'RU Payments is active.', 'ru-payments-for-woocommerce' ),
			esc_html__( 'Connect it to its sidecar service to offer Dolyame, Invoicebox, «Плати частями» and PayLate at checkout; test mode works without any provider account.', 'ru-payments-for-woocommerce' ),
			esc_url( SettingsPage::url() ),
			esc_html__( 'Set up RU Payments', 'ru-payments-for-woocommerce' )
		);
	}

	private static function on_settings_tab(): bool {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only decides whether to show a notice.
		return isset( $_GET['page'], $_GET['tab'] ) && 'wc-settings' === $_GET['page'] && SettingsPage::TAB === $_GET['tab'];
	}
}
