<?php
/**
 * Cart total limits of a payment method.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Gateways;

defined( 'ABSPATH' ) || exit;

/**
 * Inclusive minimum and maximum in kopecks; null means no limit on that side.
 */
final class Limits {

	public function __construct( public readonly ?int $min = null, public readonly ?int $max = null ) {
	}

	/**
	 * Whether a total in kopecks lies within [min, max].
	 */
	public function allows( int $total ): bool {
		return ( null === $this->min || $total >= $this->min ) && ( null === $this->max || $total <= $this->max );
	}
}
