<?php
/**
 * WooCommerce → Settings → RU Payments tab.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Settings\CallbackMode;
use RuPayments\Settings\SidecarSettings;

defined( 'ABSPATH' ) || exit;

/**
 * Adds the "RU Payments" tab. Its sections: "Sidecar connection" (built from WooCommerce admin
 * fields plus two custom field types: a write-only secret field and the "Test connection" button),
 * "Providers" (ProvidersSection) and "Status" (StatusSection).
 */
final class SettingsPage {

	public const TAB          = 'ru_payments';
	public const SECTION_ID   = 'ru_payments_sidecar';
	public const SECRET_TYPE  = 'ru_payments_secret';
	public const BUTTON_TYPE  = 'ru_payments_test_connection';
	public const SCRIPT       = 'ru-payments-admin-settings';

	public const CONNECTION_CAPABILITY = 'manage_options';

	public function __construct(
		private readonly SidecarSettings $settings,
		private readonly string $plugin_file,
		private readonly string $version,
		private readonly ?ProvidersSection $providers = null,
		private readonly ?StatusSection $status = null
	) {
	}

	public function register(): void {
		add_filter( 'woocommerce_settings_tabs_array', array( $this, 'add_tab' ), 50 );
		add_action( 'woocommerce_sections_' . self::TAB, array( $this, 'output_sections' ) );
		add_action( 'woocommerce_settings_' . self::TAB, array( $this, 'output' ) );
		add_action( 'woocommerce_update_options_' . self::TAB, array( $this, 'save' ) );
		$secret = new SecretField( $this->settings );
		add_action( 'woocommerce_admin_field_' . self::SECRET_TYPE, array( $secret, 'render' ) );
		add_action( 'woocommerce_admin_field_' . self::BUTTON_TYPE, array( $this, 'render_test_connection_field' ) );
		add_filter( 'woocommerce_admin_settings_sanitize_option_' . SidecarSettings::OPTION_SECRET, array( $secret, 'keep_secret_when_empty' ), 10, 3 );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue_assets' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( $this->plugin_file ), array( $this, 'action_links' ) );
	}

	public static function url( string $section = '' ): string {
		return admin_url( 'admin.php?page=wc-settings&tab=' . self::TAB . ( '' !== $section ? '&section=' . $section : '' ) );
	}

	/**
	 * The section being shown or saved ('' for the connection settings).
	 */
	public static function current_section(): string {
		global $current_section;
		if ( is_string( $current_section ) && '' !== $current_section ) {
			return sanitize_key( $current_section );
		}
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- selects what to display.
		return isset( $_REQUEST['section'] ) ? sanitize_key( wp_unslash( $_REQUEST['section'] ) ) : '';
	}

	/**
	 * Section links under the tab.
	 */
	public function output_sections(): void {
		$sections = array(
			''                   => __( 'Sidecar connection', 'ru-payments-for-woocommerce' ),
			ProvidersSection::ID => __( 'Providers', 'ru-payments-for-woocommerce' ),
			StatusSection::ID    => __( 'Status', 'ru-payments-for-woocommerce' ),
		);
		$current  = self::current_section();
		$links    = array();
		foreach ( $sections as $id => $label ) {
			$links[] = sprintf(
				'<li><a href="%s" class="%s">%s</a></li>',
				esc_url( self::url( (string) $id ) ),
				$current === (string) $id ? 'current' : '',
				esc_html( $label )
			);
		}
		// The guides shipped in the ZIP (docs/<lang>/index.html), in the admin's language where there is one.
		$guides  = plugins_url( 'docs/' . ( str_starts_with( determine_locale(), 'ru' ) ? 'ru' : 'en' ) . '/index.html', $this->plugin_file );
		$links[] = sprintf( '<li><a href="%s" target="_blank" rel="noopener">%s</a></li>', esc_url( $guides ), esc_html__( 'Guides', 'ru-payments-for-woocommerce' ) );
		echo '<ul class="subsubsub">' . implode( ' | ', $links ) . '</ul><br class="clear" />'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- every part is escaped above.
	}

	/**
	 * @param array<string,string> $tabs WooCommerce settings tabs.
	 * @return array<string,string>
	 */
	public function add_tab( array $tabs ): array {
		$tabs[ self::TAB ] = __( 'RU Payments', 'ru-payments-for-woocommerce' );
		return $tabs;
	}

	/**
	 * WooCommerce admin field definitions.
	 *
	 * @return list<array<string,mixed>>
	 */
	public function fields(): array {
		return array(
			array(
				'id'    => self::SECTION_ID,
				'type'  => 'title',
				'title' => __( 'Sidecar connection', 'ru-payments-for-woocommerce' ),
				'desc'  => __( 'The plugin reaches payment providers through the RU Payments sidecar service. Enter the sidecar address and the shared secret configured in the sidecar.', 'ru-payments-for-woocommerce' ),
			),
			array(
				'id'          => SidecarSettings::OPTION_URL,
				'type'        => 'url',
				'title'       => __( 'Sidecar URL', 'ru-payments-for-woocommerce' ),
				'desc'        => __( 'Base address of the sidecar as seen from this server, for example https://sidecar.example.com.', 'ru-payments-for-woocommerce' ),
				'placeholder' => 'https://',
				'default'     => '',
				'css'         => 'min-width: 350px;',
			),
			array(
				'id'    => SidecarSettings::OPTION_SECRET,
				'type'  => self::SECRET_TYPE,
				'title' => __( 'Shared secret', 'ru-payments-for-woocommerce' ),
			),
			array(
				'id'        => self::BUTTON_TYPE,
				'type'      => self::BUTTON_TYPE,
				'title'     => __( 'Connection', 'ru-payments-for-woocommerce' ),
				'is_option' => false,
			),
			array(
				'id'      => CallbackMode::OPTION,
				'type'    => 'select',
				'title'   => __( 'Callback mode', 'ru-payments-for-woocommerce' ),
				'desc'    => __( 'How payment providers deliver their notifications. The address to give each provider is shown under Providers.', 'ru-payments-for-woocommerce' ),
				'options' => CallbackMode::choices(),
				'default' => CallbackMode::RELAY,
			),
			array(
				'id'   => self::SECTION_ID,
				'type' => 'sectionend',
			),
		);
	}

	public function output(): void {
		$section = self::current_section();
		if ( ProvidersSection::ID === $section && $this->providers ) {
			$this->providers->output();
		} elseif ( StatusSection::ID === $section && $this->status ) {
			$this->status->output();
		} elseif ( current_user_can( self::CONNECTION_CAPABILITY ) ) {
			woocommerce_admin_fields( $this->fields() );
		} else {
			printf( '<div class="notice notice-info inline"><p>%s</p></div>', esc_html__( 'Only an administrator (who can manage the site options) can change the sidecar connection.', 'ru-payments-for-woocommerce' ) );
		}
	}

	public function save(): void {
		$section = self::current_section();
		if ( ProvidersSection::ID === $section && $this->providers ) {
			$this->providers->save();
		} elseif ( '' === $section && current_user_can( self::CONNECTION_CAPABILITY ) ) {
			// The connection decides where signed requests and provider secrets go: administrators only.
			woocommerce_update_options( $this->fields() );
		}
	}

	/**
	 * Renders the "Test connection" button (wired by assets/js/admin-settings.js).
	 *
	 * @param array<string,mixed> $field Field definition.
	 */
	public function render_test_connection_field( array $field ): void {
		?>
		<tr valign="top">
			<th scope="row" class="titledesc"><?php echo esc_html( (string) $field['title'] ); ?></th>
			<td class="forminp">
				<button type="button" class="button" id="ru-payments-test-connection"><?php esc_html_e( 'Test connection', 'ru-payments-for-woocommerce' ); ?></button>
				<span id="ru-payments-test-connection-result" role="status" aria-live="polite" style="margin-left: 8px;"></span>
				<p class="description"><?php esc_html_e( 'Tests the saved settings. Save your changes first.', 'ru-payments-for-woocommerce' ); ?></p>
			</td>
		</tr>
		<?php
	}

	/**
	 * Loads the button script on our tab only.
	 */
	public function enqueue_assets( string $hook_suffix ): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Only decides whether to load a script.
		$tab = isset( $_GET['tab'] ) ? sanitize_key( wp_unslash( $_GET['tab'] ) ) : '';
		if ( 'woocommerce_page_wc-settings' !== $hook_suffix || self::TAB !== $tab ) {
			return;
		}
		wp_enqueue_script(
			self::SCRIPT,
			plugins_url( 'assets/js/admin-settings.js', $this->plugin_file ),
			array(),
			$this->version,
			array( 'in_footer' => true )
		);
		wp_localize_script(
			self::SCRIPT,
			'ruPaymentsSettings',
			array(
				'ajaxUrl'     => admin_url( 'admin-ajax.php' ),
				'action'      => TestConnectionHandler::ACTION,
				'nonce'       => wp_create_nonce( TestConnectionHandler::ACTION ),
				'callback'    => array(
					'action' => TestCallbackHandler::ACTION,
					'nonce'  => wp_create_nonce( TestCallbackHandler::ACTION ),
				),
				'status'      => array(
					'action' => SidecarStatusHandler::ACTION,
					'nonce'  => wp_create_nonce( SidecarStatusHandler::ACTION ),
				),
				'certificate' => array(
					'action' => DolyameCertificateHandler::ACTION,
					'nonce'  => wp_create_nonce( DolyameCertificateHandler::ACTION ),
				),
				'i18n'        => array(
					'testing'  => __( 'Testing the connection…', 'ru-payments-for-woocommerce' ),
					'failed'   => __( 'The connection test failed. Reload the page and try again.', 'ru-payments-for-woocommerce' ),
					'sending'  => __( 'Sending…', 'ru-payments-for-woocommerce' ),
					'checking' => __( 'Checking…', 'ru-payments-for-woocommerce' ),
					'error'    => __( 'The request failed. Reload the page and try again.', 'ru-payments-for-woocommerce' ),
				),
			)
		);
	}

	/**
	 * "Settings" link on the Plugins screen.
	 *
	 * @param array<int|string,string> $links Action links.
	 * @return array<int|string,string>
	 */
	public function action_links( array $links ): array {
		array_unshift(
			$links,
			sprintf( '<a href="%s">%s</a>', esc_url( self::url() ), esc_html__( 'Settings', 'ru-payments-for-woocommerce' ) )
		);
		return $links;
	}
}
