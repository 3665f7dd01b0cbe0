<?php
/**
 * Admin screens and their admin-ajax handlers.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Orders\LapsingAuthorizations;
use RuPayments\Plugin;
use RuPayments\Providers\DolyameCap;
use RuPayments\Providers\DolyameCertificate;

defined( 'ABSPATH' ) || exit;

/**
 * Wired on admin requests only (admin-ajax.php included), from the plugin's shared services.
 */
final class AdminServices {

	/**
	 * Admin screens and their admin-ajax handlers (also loaded for admin-ajax.php requests).
	 */
	public static function register( Plugin $plugin ): void {
		$explainer = new TestConnectionHandler( $plugin->client(), $plugin->settings() );
		$explainer->register();
		( new TestCallbackHandler( $plugin->client(), $plugin->callback_mode(), $plugin->profiles(), $explainer ) )->register();
		( new SidecarStatusHandler( $plugin->client(), $plugin->provider_directory(), $explainer ) )->register();

		$providers = new ProvidersSection(
			$plugin->profiles(),
			$plugin->provider_settings(),
			$plugin->provider_config_saver(),
			$plugin->provider_directory(),
			$plugin->callback_mode(),
			$explainer,
			new DestinationConfirmation( $plugin->secrets_destination(), $plugin->provider_settings(), $plugin->provider_config_saver(), $plugin->profiles() )
		);
		$providers->register();
		( new OfflineLinkHandler(
			$plugin->client(),
			$plugin->profile_resolver(),
			$plugin->provider_settings(),
			fn (): array => $plugin->gateways(),
			$explainer,
			$plugin->logger()
		) )->register();
		( new OfflineLinkMetaBox( $plugin->file(), $plugin->version() ) )->register();
		( new AdminNotices() )->register();
		( new SetupNotice( $plugin->settings() ) )->register();
		( new AuthorizationMetaBox() )->register();
		( new ExtraPaymentRefund( $plugin->client(), $plugin->provider_directory(), $plugin->logger() ) )->register();
		( new AuthorizationLapseNotice( new LapsingAuthorizations() ) )->register();

		$certificate       = new DolyameCertificate( $plugin->client() );
		$certificate_block = new DolyameCertificateBlock( $certificate, $plugin->profiles() );
		$certificate_block->register();
		( new DolyameCertificateHandler( $certificate, $certificate_block, $plugin->profiles(), $explainer ) )->register();
		( new DolyameCap( $plugin->provider_config_saver(), $plugin->provider_settings(), $plugin->profiles() ) )->register();
		( new DolyameFiscalSummary( $plugin->client(), $plugin->profiles(), $explainer, $plugin->file(), $plugin->version() ) )->register();

		$status = new StatusSection( $plugin->profiles(), $plugin->provider_settings(), $plugin->provider_directory(), $certificate_block, new DeadLettersBlock( $plugin->client() ), new BackgroundStatusBlock() );
		( new SettingsPage( $plugin->settings(), $plugin->file(), $plugin->version(), $providers, $status ) )->register();
		( new ProductProfileField( $plugin->profiles() ) )->register();
		( new CategoryProfileField( $plugin->profiles() ) )->register();
	}
}
