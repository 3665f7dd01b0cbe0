<?php
/**
 * The legal entity paying an order ("payer" in the create-payment body).
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Checkout;

defined( 'ABSPATH' ) || exit;

/**
 * Validated payer details: an organisation (10-digit INN and a KPP) or a sole trader (ИП: 12-digit
 * INN, no KPP). Build it with PayerFields::read().
 */
final class Payer {

	public const ORGANIZATION = 'organization';
	public const ENTREPRENEUR = 'entrepreneur';
	public const TYPES        = array( self::ORGANIZATION, self::ENTREPRENEUR );

	public function __construct(
		public readonly string $type,
		public readonly string $name,
		public readonly string $inn,
		public readonly string $kpp,
		public readonly string $legal_address
	) {
	}

	/**
	 * The contract's `payer` object (also stored as order meta `_ru_payments_payer`).
	 *
	 * @return array<string,string>
	 */
	public function to_array(): array {
		$payer = array(
			'type'          => $this->type,
			'name'          => $this->name,
			'inn'           => $this->inn,
			'kpp'           => $this->kpp,
			'legal_address' => $this->legal_address,
		);
		if ( self::ENTREPRENEUR === $this->type ) {
			unset( $payer['kpp'] );
		}
		return $payer;
	}

	/**
	 * Rebuilds a payer from stored order meta (null when the meta is not a payer).
	 *
	 * @param mixed $data Stored value.
	 */
	public static function from_array( mixed $data ): ?self {
		if ( ! is_array( $data ) || ! in_array( $data['type'] ?? null, self::TYPES, true ) ) {
			return null;
		}
		return new self(
			(string) $data['type'],
			(string) ( $data['name'] ?? '' ),
			(string) ( $data['inn'] ?? '' ),
			(string) ( $data['kpp'] ?? '' ),
			(string) ( $data['legal_address'] ?? '' )
		);
	}
}
