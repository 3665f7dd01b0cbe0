<?php
/**
 * What distinguishes one RU Payments method from another.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Gateways;

defined( 'ABSPATH' ) || exit;

/**
 * Immutable description of a payment method; Gateway turns it into a WooCommerce gateway. The
 * translated texts are closures so that definitions can be built before the text domain loads.
 */
final class MethodDefinition {

	/**
	 * @param string           $id                  Gateway id (also the Checkout block payment method name).
	 * @param \Closure():string $title              Default title shown to shoppers.
	 * @param \Closure():string $description        Default description shown to shoppers.
	 * @param \Closure():string $method_description Explanation for the shop manager.
	 * @param list<string>     $providers           Providers that can serve the method, the default first.
	 * @param int|null         $min_total           Default minimum cart total in kopecks (null: none).
	 * @param int|null         $max_total           Default maximum cart total in kopecks (null: none).
	 * @param int|null         $split_parts         Number of parts of a "pay in parts" plan (null: paid at once).
	 * @param bool             $legal_entity        Whether the payer is a company or sole trader (collects INN etc.).
	 * @param bool             $needs_configured_provider Available only once its provider's settings are saved (BNPL).
	 * @param int|null         $max_total_cap       The provider's own ceiling in kopecks: the maximum can be lowered, never cleared or raised above it.
	 */
	public function __construct(
		public readonly string $id,
		private readonly \Closure $title,
		private readonly \Closure $description,
		private readonly \Closure $method_description,
		public readonly array $providers,
		public readonly ?int $min_total = null,
		public readonly ?int $max_total = null,
		public readonly ?int $split_parts = null,
		public readonly bool $legal_entity = false,
		public readonly bool $needs_configured_provider = false,
		public readonly ?int $max_total_cap = null
	) {
		if ( array() === $providers ) {
			throw new \InvalidArgumentException( 'A method needs at least one provider.' );
		}
	}

	public function title(): string {
		return ( $this->title )();
	}

	public function description(): string {
		return ( $this->description )();
	}

	public function method_description(): string {
		return ( $this->method_description )();
	}

	public function default_provider(): string {
		return $this->providers[0];
	}

	public function is_split(): bool {
		return null !== $this->split_parts;
	}
}
