<?php
/**
 * "Pay in parts" preview under a BNPL method.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Checkout;

use RuPayments\Support\Money;

defined( 'ABSPATH' ) || exit;

/**
 * Splits a total into equal parts in whole kopecks (the first part takes the remainder) and prints
 * the plan, e.g. "4 payments of 25%: 7 500,00 ₽ today, then 3 × 7 500,00 ₽".
 */
final class SplitPreview {

	/**
	 * @return list<int> Parts in kopecks, adding up to the total exactly.
	 */
	public static function parts( int $total, int $count ): array {
		$count = max( 1, $count );
		$base  = intdiv( $total, $count );
		$parts = array_fill( 0, $count, $base );
		$parts[0] += $total - $base * $count;
		return $parts;
	}

	/**
	 * Prints the preview (nothing when the total is unknown or zero).
	 */
	public static function render( ?int $total, int $count ): void {
		if ( null === $total || $total <= 0 || $count < 2 ) {
			return;
		}
		$parts = self::parts( $total, $count );
		?>
		<p class="ru-payments-split" data-parts="<?php echo esc_attr( (string) $count ); ?>">
			<?php
			echo wp_kses_post(
				sprintf(
					/* translators: 1: number of payments, 2: share of each payment in percent, 3: amount paid today, 4: number of later payments, 5: amount of each later payment. */
					_n( '%1$d payment of %2$s%%: %3$s today, then %4$d × %5$s.', '%1$d payments of %2$s%%: %3$s today, then %4$d × %5$s.', $count, 'ru-payments-for-woocommerce' ),
					$count,
					esc_html( rtrim( rtrim( number_format( 100 / $count, 2, '.', '' ), '0' ), '.' ) ),
					wc_price( Money::from_kopecks( $parts[0] ) ),
					$count - 1,
					wc_price( Money::from_kopecks( $parts[1] ) )
				)
			);
			?>
		</p>
		<?php
	}
}
