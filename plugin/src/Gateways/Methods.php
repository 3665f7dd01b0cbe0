<?php
/**
 * The RU Payments methods offered to shoppers.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Gateways;

defined( 'ABSPATH' ) || exit;

/**
 * Registry of method definitions (one WooCommerce gateway each). Adding a method is one entry here.
 */
final class Methods {

	public const INDIVIDUALS = 'ru_payments_individuals';
	public const LEGAL       = 'ru_payments_legal';
	public const DOLYAME     = 'ru_payments_dolyame';
	public const SBER_BNPL   = 'ru_payments_sber_bnpl';
	public const PAYLATE     = 'ru_payments_paylate';

	/**
	 * @var array<string,MethodDefinition>|null
	 */
	private ?array $definitions = null;

	/**
	 * Every definition, keyed by gateway id, in checkout order.
	 *
	 * @return array<string,MethodDefinition>
	 */
	public function all(): array {
		if ( null === $this->definitions ) {
			$definitions = array();
			foreach ( self::defaults() as $definition ) {
				$definitions[ $definition->id ] = $definition;
			}
			/**
			 * Filters the RU Payments method definitions (e.g. to offer another provider for a method).
			 *
			 * @param array<string,MethodDefinition> $definitions Definitions keyed by gateway id.
			 */
			$filtered          = apply_filters( 'ru_payments_method_definitions', $definitions );
			$this->definitions = array_filter(
				is_array( $filtered ) ? $filtered : $definitions,
				static fn ( $definition ): bool => $definition instanceof MethodDefinition
			);
		}
		return $this->definitions;
	}

	public function get( string $id ): ?MethodDefinition {
		return $this->all()[ $id ] ?? null;
	}

	/**
	 * @return list<string>
	 */
	public function ids(): array {
		return array_keys( $this->all() );
	}

	/**
	 * The built-in methods.
	 *
	 * @return list<MethodDefinition>
	 */
	public static function defaults(): array {
		return array(
			new MethodDefinition(
				self::INDIVIDUALS,
				static fn (): string => __( 'Card, SBP or online banking', 'ru-payments-for-woocommerce' ),
				static fn (): string => __( 'Pay by bank card, through the Faster Payments System (SBP) or in your online bank.', 'ru-payments-for-woocommerce' ),
				static fn (): string => __( 'Payments by individuals: bank cards, SBP and online banking.', 'ru-payments-for-woocommerce' ),
				array( 'invoicebox', 'sber', 'intellectmoney' )
			),
			new MethodDefinition(
				self::LEGAL,
				static fn (): string => __( 'Pay by invoice (companies and sole traders)', 'ru-payments-for-woocommerce' ),
				static fn (): string => __( 'We issue an invoice to your organisation or sole trader business; pay it from your business account.', 'ru-payments-for-woocommerce' ),
				static fn (): string => __( 'Payments by organisations and sole traders against an invoice. The shopper enters the company name, INN, KPP and legal address.', 'ru-payments-for-woocommerce' ),
				array( 'invoicebox' ),
				null,
				null,
				null,
				true
			),
			new MethodDefinition(
				self::DOLYAME,
				static fn (): string => __( 'Dolyame', 'ru-payments-for-woocommerce' ),
				static fn (): string => __( 'Pay 25% now and the rest in three parts every two weeks, with no interest or fees.', 'ru-payments-for-woocommerce' ),
				static fn (): string => __( 'Dolyame: the shopper pays in four parts of 25%.', 'ru-payments-for-woocommerce' ),
				array( 'dolyame' ),
				null,
				3000000,
				4,
				false,
				true,
				// Dolyame refuses orders above 30 000 ₽ (partner FAQ); most shops are capped lower.
				3000000
			),
			new MethodDefinition(
				self::SBER_BNPL,
				static fn (): string => __( 'Plati chastyami', 'ru-payments-for-woocommerce' ),
				static fn (): string => __( 'Split the payment into four parts with Sber.', 'ru-payments-for-woocommerce' ),
				static fn (): string => __( 'Sber "Plati chastyami": the shopper pays in four parts.', 'ru-payments-for-woocommerce' ),
				array( 'sber' ),
				null,
				null,
				4,
				false,
				true
			),
			new MethodDefinition(
				self::PAYLATE,
				static fn (): string => __( 'PayLate', 'ru-payments-for-woocommerce' ),
				static fn (): string => __( 'Pay in four parts with PayLate.', 'ru-payments-for-woocommerce' ),
				static fn (): string => __( 'IntellectMoney PayLate: the shopper pays in four parts.', 'ru-payments-for-woocommerce' ),
				array( 'intellectmoney' ),
				null,
				null,
				4,
				false,
				true
			),
		);
	}
}
