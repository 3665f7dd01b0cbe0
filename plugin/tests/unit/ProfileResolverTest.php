<?php
/**
 * Which profile a product, cart or order belongs to.
 *
 * @package RuPayments\Tests
 */

namespace RuPayments\Tests\Unit;

use RU_Payments_Test_State;
use RuPayments\Profiles\CartProfile;
use RuPayments\Profiles\ProfileResolver;
use RuPayments\Profiles\Profiles;
use WC_Order;
use WC_Order_Item_Product;
use WC_Product;

final class ProfileResolverTest extends TestCase {

	public function test_product_meta_wins_over_the_category(): void {
		RU_Payments_Test_State::$term_meta[10]['ru_payments_profile'] = 'seller3';
		$product = new WC_Product( 1, 'simple', 0, '', false, array( 10 ) );
		$product->update_meta_data( '_ru_payments_profile', 'seller2' );

		$this->assertSame( 'seller2', ( new ProfileResolver() )->for_product( $product ) );
	}

	public function test_category_and_its_ancestors(): void {
		RU_Payments_Test_State::$term_meta[10]['ru_payments_profile'] = 'seller3';
		RU_Payments_Test_State::$ancestors[20]                          = array( 15, 10 );

		$this->assertSame( 'seller3', ( new ProfileResolver() )->for_product( new WC_Product( 1, 'simple', 0, '', false, array( 10 ) ) ) );
		$this->assertSame( 'seller3', ( new ProfileResolver() )->for_product( new WC_Product( 2, 'simple', 0, '', false, array( 20 ) ) ), 'inherited from the ancestor' );
		$this->assertSame( '', ( new ProfileResolver() )->for_product( new WC_Product( 3, 'simple', 0, '', false, array( 30 ) ) ) );
	}

	public function test_variation_uses_its_parent(): void {
		$parent = RU_Payments_Test_State::add_product( new WC_Product( 100, 'variable', 0, '', false, array( 10 ) ) );
		$parent->update_meta_data( '_ru_payments_profile', 'seller2' );
		$variation = new WC_Product( 101, 'variation', 100 );
		$variation->update_meta_data( '_ru_payments_profile', 'ignored' );

		$this->assertSame( 'seller2', ( new ProfileResolver() )->for_product( $variation ) );
	}

	public function test_invalid_names_are_ignored(): void {
		$product = new WC_Product( 1 );
		$product->update_meta_data( '_ru_payments_profile', '../Seller' );

		$this->assertSame( '', ( new ProfileResolver() )->for_product( $product ) );
	}

	public function test_cart_profile_resolution(): void {
		$this->assertSame( 'default', ( new CartProfile( array(), true ) )->resolve( 'default' ) );
		$this->assertSame( 'seller2', ( new CartProfile( array( 'seller2' ), false ) )->resolve( 'default' ) );
		$this->assertNull( ( new CartProfile( array( 'seller2' ), true ) )->resolve( 'default' ), 'a product of the fallback profile and one of seller2' );
		$this->assertSame( 'seller2', ( new CartProfile( array( 'seller2' ), true ) )->resolve( 'seller2' ) );
		$this->assertNull( ( new CartProfile( array( 'seller2', 'seller3' ), false ) )->resolve( 'default' ) );
		$this->assertSame( 'default', ( new CartProfile( array(), false ) )->resolve( 'default' ), 'empty cart' );
	}

	public function test_order_items(): void {
		$seller = new WC_Product( 2 );
		$seller->update_meta_data( '_ru_payments_profile', 'seller2' );
		$order = new WC_Order( 9 );
		$order->add_test_item( new WC_Order_Item_Product( 'A', '1', '0', array(), 1, $seller ) );
		$order->add_test_item( new WC_Order_Item_Product( 'B (deleted product)', '1', '0', array(), 1, null ) );

		$profile = ( new ProfileResolver() )->for_order( $order );

		$this->assertSame( array( 'seller2' ), $profile->named );
		$this->assertTrue( $profile->has_unassigned );
	}

	public function test_profiles_option(): void {
		$profiles = new Profiles();
		$this->assertSame( array( 'default' ), $profiles->all() );
		$this->assertTrue( $profiles->add( 'seller2' ) );
		$this->assertFalse( $profiles->add( 'seller2' ) );
		$this->assertFalse( $profiles->add( 'Seller 3' ) );
		$this->assertFalse( $profiles->add( 'default' ) );
		$this->assertSame( array( 'default', 'seller2' ), $profiles->all() );
		$this->assertSame( array( 'seller2' ), get_option( 'ru_payments_profiles' ) );
	}
}
