<?php
/**
 * The HTML of the "pay in parts" lines.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Frontend;

use RuPayments\Checkout\SplitPreview;

defined( 'ABSPATH' ) || exit;

/**
 * One line per offer, e.g. «4 платежа по 250 ₽ с Долями», with a <details> "how it works" popover
 * (native: keyboard operable, announced as expandable). Everything is server-rendered; a line
 * outside its method's limits is printed `hidden` only when the amount can change on the page
 * (variations, the cart), so the script just swaps amounts and toggles `hidden` — no layout built
 * in JS and no translations needed there.
 */
final class SplitMessageRenderer {

	public const CSS_CLASS = 'ru-payments-split-message';

	/**
	 * @param SplitMessageMoney        $money Amount format.
	 * @param \Closure(int $days):string $date  The date $days from today, formatted for shoppers.
	 */
	public function __construct( private readonly SplitMessageMoney $money, private readonly \Closure $date ) {
	}

	/**
	 * @param list<SplitMessageOffer> $offers Offers for the page.
	 * @param int                     $total  Amount in kopecks (price or cart total).
	 * @param string                  $live   What updates the amount: '' (nothing), 'variation' or 'cart-block'.
	 * @return string HTML ('' when no line would ever be visible).
	 */
	public function render( array $offers, int $total, string $live = '' ): string {
		$lines = '';
		foreach ( $offers as $offer ) {
			$allowed = $offer->allows( $total );
			if ( $allowed || '' !== $live ) {
				$lines .= $this->line( $offer, $total, $allowed );
			}
		}
		if ( '' === $lines ) {
			return '';
		}
		return sprintf(
			'<div class="%1$s" data-live="%2$s" data-total="%5$d" data-money="%3$s" aria-live="polite">%4$s</div>',
			esc_attr( self::CSS_CLASS ),
			esc_attr( $live ),
			esc_attr( (string) wp_json_encode( $this->money->to_data() ) ),
			$lines,
			max( 0, $total )
		);
	}

	private function line( SplitMessageOffer $offer, int $total, bool $allowed ): string {
		$parts   = SplitPreview::parts( max( 0, $total ), $offer->parts );
		$kopecks = SplitMessageMoney::has_kopecks( $parts );
		$equal   = $parts[0] === $parts[ $offer->parts - 1 ];
		$later   = $this->amount( 'later', $parts[ $offer->parts - 1 ], $kopecks );

		$equal_text = sprintf(
			/* translators: 1: number of payments, 2: amount of each payment, 3: service name (Dolyame, Plati chastyami, PayLate). */
			esc_html( _n( '%1$d payment of %2$s with %3$s', '%1$d payments of %2$s with %3$s', $offer->parts, 'ru-payments-for-woocommerce' ) ),
			$offer->parts,
			$later,
			esc_html( $offer->brand )
		);
		$unequal_text = sprintf(
			/* translators: 1: number of payments, 2: amount of the smallest payment, 3: service name (Dolyame, Plati chastyami, PayLate). */
			esc_html( _n( '%1$d payment from %2$s with %3$s', '%1$d payments from %2$s with %3$s', $offer->parts, 'ru-payments-for-woocommerce' ) ),
			$offer->parts,
			$later,
			esc_html( $offer->brand )
		);

		return sprintf(
			'<div class="%1$s__line" data-method="%2$s" data-parts="%3$d" data-min="%4$s" data-max="%5$s"%6$s>'
				. '<span class="%1$s__badge %1$s__badge--%7$s" aria-hidden="true">%8$s</span> '
				. '<span class="%1$s__text"><span data-variant="equal"%9$s>%10$s</span><span data-variant="unequal"%11$s>%12$s</span></span> '
				. '%13$s</div>',
			esc_attr( self::CSS_CLASS ),
			esc_attr( $offer->method ),
			$offer->parts,
			esc_attr( null === $offer->limits->min ? '' : (string) $offer->limits->min ),
			esc_attr( null === $offer->limits->max ? '' : (string) $offer->limits->max ),
			$allowed ? '' : ' hidden',
			esc_attr( sanitize_key( str_replace( 'ru_payments_', '', $offer->method ) ) ),
			esc_html( $offer->brand ),
			$equal ? '' : ' hidden',
			$equal_text,
			$equal ? ' hidden' : '',
			$unequal_text,
			$this->how_it_works( $offer, $parts, $kopecks )
		);
	}

	/**
	 * @param list<int> $parts Payments in kopecks.
	 */
	private function how_it_works( SplitMessageOffer $offer, array $parts, bool $kopecks ): string {
		$rows = '';
		foreach ( $parts as $index => $part ) {
			$rows .= sprintf(
				'<li><span class="%1$s__date">%2$s</span> <span class="%1$s__sum">%3$s</span></li>',
				esc_attr( self::CSS_CLASS ),
				esc_html( 0 === $index ? __( 'Today', 'ru-payments-for-woocommerce' ) : ( $this->date )( $index * $offer->period_days ) ),
				$this->amount( (string) $index, $part, $kopecks )
			);
		}
		return sprintf(
			'<details class="%1$s__how"><summary>%2$s<span class="%1$s__sr"> — %3$s</span></summary>'
				. '<div class="%1$s__popover"><p>%4$s</p><ol class="%1$s__schedule">%5$s</ol><p>%6$s %7$s</p></div></details>',
			esc_attr( self::CSS_CLASS ),
			esc_html__( 'How it works', 'ru-payments-for-woocommerce' ),
			esc_html( $offer->brand ),
			esc_html__( 'Pay the first part today and the rest on these dates:', 'ru-payments-for-woocommerce' ),
			$rows,
			esc_html__( 'No interest or fees.', 'ru-payments-for-woocommerce' ),
			esc_html(
				sprintf(
					/* translators: 1: service name (Dolyame, Plati chastyami, PayLate), 2: company that provides it. */
					__( '%1$s is provided by %2$s; the plan is approved at checkout.', 'ru-payments-for-woocommerce' ),
					$offer->brand,
					$offer->company
				)
			)
		);
	}

	private function amount( string $slot, int $kopecks, bool $with_kopecks ): string {
		return sprintf(
			'<span class="%1$s__amount" data-amount="%2$s">%3$s</span>',
			esc_attr( self::CSS_CLASS ),
			esc_attr( $slot ),
			esc_html( $this->money->format( $kopecks, $with_kopecks ) )
		);
	}
}
