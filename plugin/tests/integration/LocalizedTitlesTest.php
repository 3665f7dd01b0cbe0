<?php
/**
 * Method titles follow the site language until the admin writes their own, on real WordPress
 * translations (our ru_RU .mo as installed from the ZIP) and WooCommerce's own settings save.
 *
 * @package RuPayments\Tests
 */

final class LocalizedTitlesTest extends ShopTestCase {

	private const OPTION = 'woocommerce_ru_payments_dolyame_settings';

	/** @var mixed */
	private $saved;

	protected function setUp(): void {
		$this->saved = get_option( self::OPTION );
	}

	protected function tearDown(): void {
		update_option( self::OPTION, $this->saved );
		remove_all_filters( 'locale' );
		$this->reload_translations();
	}

	/** A gateway as a new request builds it (the plugin keeps one instance per request). */
	private function dolyame(): WC_Payment_Gateway {
		$plugin = \RuPayments\Plugin::instance();
		return new \RuPayments\Gateways\Gateway( $plugin->methods()->all()['ru_payments_dolyame'], $plugin );
	}

	private function reload_translations(): void {
		// Reloadable: the next translation call loads the new locale just in time (Domain Path).
		unload_textdomain( 'ru-payments-for-woocommerce', true );
	}

	/** Saves the settings form as wp-admin posts it, every field as shown. */
	private function save_form( WC_Payment_Gateway $gateway, array $changes ): void {
		$post = array();
		foreach ( $gateway->get_form_fields() as $key => $field ) {
			$value = $changes[ $key ] ?? $gateway->get_option( $key );
			if ( 'checkbox' === ( $field['type'] ?? '' ) && 'yes' !== $value ) {
				continue;
			}
			$post[ $gateway->get_field_key( $key ) ] = 'checkbox' === ( $field['type'] ?? '' ) ? '1' : $value;
		}
		$gateway->set_post_data( $post );
		$gateway->process_admin_options();
	}

	public function test_a_shop_set_up_in_english_shows_the_russian_brand_once_switched(): void {
		$english = $this->dolyame();
		$this->assertSame( 'Dolyame', $english->get_option( 'title' ) );
		$this->save_form( $english, array() );

		add_filter( 'locale', static fn () => 'ru_RU' );
		$this->reload_translations();

		$this->assertSame( 'Долями', $this->dolyame()->get_title() );
	}

	public function test_a_title_the_admin_wrote_stays_in_every_language(): void {
		$this->save_form( $this->dolyame(), array( 'title' => 'Pay later in four parts' ) );

		add_filter( 'locale', static fn () => 'ru_RU' );
		$this->reload_translations();

		$this->assertSame( 'Pay later in four parts', $this->dolyame()->get_title() );
	}
}
