<?php
/**
 * Which BNPL methods get a "pay in parts" line: the availability rule without the amount, the
 * placement setting, and test mode only for shop managers.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Split_State;
use RU_Payments_Test_State;
use RuPayments\Frontend\SplitMessageOffer;
use RuPayments\Frontend\SplitMessageOffers;
use RuPayments\Frontend\SplitMessagePlacement;
use RuPayments\Gateways\FormFields;
use RuPayments\Gateways\Methods;
use RuPayments\Plugin;

final class SplitMessageOffersTest extends TestCase {

	private Plugin $plugin;

	private bool $admin = false;

	protected function setUp(): void {
		parent::setUp();
		RU_Payments_Split_State::reset();
		$this->configure_sidecar();
		$this->plugin = $this->plugin();
		foreach ( Methods::defaults() as $definition ) {
			$this->gateway( $definition->id, array( 'test_mode' => 'yes' ), $this->plugin );
		}
	}

	/**
	 * @return list<string> Method ids with a line on the page.
	 */
	private function methods( string $page = SplitMessagePlacement::PRODUCT, string $currency = 'RUB' ): array {
		$offers = new SplitMessageOffers( fn (): array => $this->plugin->gateways(), $this->plugin->availability(), fn (): bool => $this->admin );
		return array_map( static fn ( SplitMessageOffer $offer ): string => $offer->method, $offers->for_page( $page, $currency, null ) );
	}

	public function test_test_mode_methods_are_shown_to_shop_managers_only(): void {
		$this->assertSame( array(), $this->methods() );

		$this->admin = true;
		$this->assertSame( array( Methods::DOLYAME, Methods::SBER_BNPL, Methods::PAYLATE ), $this->methods() );
	}

	public function test_live_mode_needs_the_provider_configured_like_checkout(): void {
		$this->gateway( Methods::DOLYAME, array( 'test_mode' => 'no' ), $this->plugin );
		$this->assertSame( array(), $this->methods(), 'no Dolyame credentials saved' );

		$this->configure_provider( 'dolyame', array( 'login' => 'shop', 'password' => 'p', 'certPath' => '/c.pem', 'keyPath' => '/k.pem' ) );
		$this->assertSame( array( Methods::DOLYAME ), $this->methods(), 'shoppers see a live method' );
	}

	public function test_only_roubles_and_only_enabled_methods(): void {
		$this->admin = true;
		$this->gateway( Methods::PAYLATE, array( 'enabled' => 'no', 'test_mode' => 'yes' ), $this->plugin );

		$this->assertSame( array( Methods::DOLYAME, Methods::SBER_BNPL ), $this->methods() );
		$this->assertSame( array(), $this->methods( SplitMessagePlacement::CART, 'USD' ) );
	}

	public function test_the_placement_setting_picks_the_pages(): void {
		$this->admin = true;
		$this->gateway( Methods::DOLYAME, array( 'test_mode' => 'yes', 'split_message' => 'cart' ), $this->plugin );
		$this->gateway( Methods::SBER_BNPL, array( 'test_mode' => 'yes', 'split_message' => 'none' ), $this->plugin );
		$this->gateway( Methods::PAYLATE, array( 'test_mode' => 'yes', 'split_message' => 'product' ), $this->plugin );

		$this->assertSame( array( Methods::PAYLATE ), $this->methods( SplitMessagePlacement::PRODUCT ) );
		$this->assertSame( array( Methods::DOLYAME ), $this->methods( SplitMessagePlacement::CART ) );
	}

	public function test_an_offer_carries_the_saved_limits_and_dolyame_keeps_its_cap(): void {
		$this->admin = true;
		$this->gateway( Methods::SBER_BNPL, array( 'test_mode' => 'yes', 'min_total' => '3000' ), $this->plugin );
		$offers = ( new SplitMessageOffers( fn (): array => $this->plugin->gateways(), $this->plugin->availability(), fn (): bool => true ) )->for_page( 'cart', 'RUB', null );

		$this->assertTrue( $offers[0]->allows( 3000000 ) );
		$this->assertFalse( $offers[0]->allows( 3000001 ), 'Dolyame: at most 30 000 ₽' );
		$this->assertFalse( $offers[1]->allows( 299999 ), 'Sber: minimum saved as 3 000 ₽' );
		$this->assertFalse( $offers[2]->allows( 0 ), 'nothing to split' );
		$this->assertSame( 4, $offers[2]->parts );
	}

	public function test_the_setting_exists_for_bnpl_methods_only(): void {
		$dolyame = ( new FormFields( Methods::defaults()[2], array() ) )->fields();
		$cards   = ( new FormFields( Methods::defaults()[0], array() ) )->fields();

		$this->assertSame( array( 'both', 'product', 'cart', 'none' ), array_keys( $dolyame['split_message']['options'] ) );
		$this->assertSame( 'both', $dolyame['split_message']['default'] );
		$this->assertArrayNotHasKey( 'split_message', $cards );
		$this->assertTrue( SplitMessagePlacement::shows( 'garbage', 'cart' ), 'an unknown value shows it everywhere' );
	}
}
