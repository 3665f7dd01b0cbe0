<?php
/**
 * The "Cashier" role and the till capabilities.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

defined( 'ABSPATH' ) || exit;

/**
 * A cashier may read wp-admin, use the till and see till reports — nothing else: no settings, no
 * order screens, no refunds of orders that are not till sales. Shop managers and administrators get
 * the same two capabilities. The role is (re)created when its version changes.
 */
final class CashierRole {

	public const ROLE          = 'ru_payments_cashier';
	public const CAP_TILL      = 'ru_payments_use_till';
	public const CAP_REPORTS   = 'ru_payments_till_reports';
	private const VERSION      = '1';
	private const VERSION_OPTION = 'ru_payments_cashier_role_version';

	public function register(): void {
		// Roles live in the database: created (or updated) on the first admin screen after an update.
		add_action( 'admin_init', array( $this, 'ensure' ) );
		// WooCommerce sends users without edit_posts from wp-admin to "My account"; cashiers need the till.
		add_filter( 'woocommerce_prevent_admin_access', array( $this, 'allow_admin' ) );
		add_filter( 'woocommerce_disable_admin_bar', array( $this, 'allow_admin' ) );
	}

	public function ensure(): void {
		if ( self::VERSION === get_option( self::VERSION_OPTION ) && null !== get_role( self::ROLE ) ) {
			return;
		}
		remove_role( self::ROLE );
		add_role(
			self::ROLE,
			__( 'Cashier', 'ru-payments-for-woocommerce' ),
			array(
				'read'            => true,
				self::CAP_TILL    => true,
				self::CAP_REPORTS => true,
			)
		);
		foreach ( array( 'administrator', 'shop_manager' ) as $name ) {
			$role = get_role( $name );
			if ( null !== $role ) {
				$role->add_cap( self::CAP_TILL );
				$role->add_cap( self::CAP_REPORTS );
			}
		}
		update_option( self::VERSION_OPTION, self::VERSION, true );
	}

	/**
	 * @param mixed $prevent WooCommerce's decision.
	 */
	public function allow_admin( $prevent ): bool {
		return current_user_can( self::CAP_TILL ) ? false : (bool) $prevent;
	}
}
