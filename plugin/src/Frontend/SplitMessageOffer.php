<?php
/**
 * One "pay in parts" line: a BNPL method that would be offered for an amount.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Frontend;

use RuPayments\Gateways\Limits;

defined( 'ABSPATH' ) || exit;

/**
 * What a line needs: who offers it, in how many parts, how often, and the method's limits (sent to
 * the page so the script can show or hide the line when the amount changes).
 */
final class SplitMessageOffer {

	/**
	 * @param string $method       Gateway id.
	 * @param string $brand        Brand name shown to shoppers («Долями», «Плати частями», PayLate).
	 * @param string $company      Who provides the service.
	 * @param int    $parts        Number of payments.
	 * @param int    $period_days  Days between payments.
	 * @param Limits $limits       Saved limits of the method (kopecks).
	 */
	public function __construct(
		public readonly string $method,
		public readonly string $brand,
		public readonly string $company,
		public readonly int $parts,
		public readonly int $period_days,
		public readonly Limits $limits
	) {
	}

	public function allows( int $total ): bool {
		return $total > 0 && $this->limits->allows( $total );
	}
}
