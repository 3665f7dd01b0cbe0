<?php
/**
 * The profiles the products of a cart (or order) ask for.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Profiles;

defined( 'ABSPATH' ) || exit;

/**
 * Products either name a profile (themselves or through a category) or leave it to the payment
 * method's own "settings profile". A cart can be paid through one profile only.
 */
final class CartProfile {

	/**
	 * @param list<string> $named          Distinct profiles named by products.
	 * @param bool         $has_unassigned Whether some product names no profile.
	 */
	public function __construct( public readonly array $named, public readonly bool $has_unassigned ) {
	}

	/**
	 * The single profile for the cart, or null when its products belong to different profiles.
	 *
	 * @param string $fallback The method's profile, for products that name none.
	 */
	public function resolve( string $fallback ): ?string {
		$profiles = $this->named;
		if ( $this->has_unassigned || array() === $profiles ) {
			$profiles[] = $fallback;
		}
		$profiles = array_values( array_unique( $profiles ) );
		return 1 === count( $profiles ) ? $profiles[0] : null;
	}

	public function is_mixed( string $fallback ): bool {
		return null === $this->resolve( $fallback );
	}
}
