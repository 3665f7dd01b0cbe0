<?php
/**
 * What became of one sidecar event.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Events;

defined( 'ABSPATH' ) || exit;

/**
 * applied / duplicate / stale are acknowledged as received; dead_letter is acknowledged with the
 * reason the event can never apply (the sidecar stops retrying and shows it); busy asks the sidecar
 * to come back later (another request is applying an event to the same order).
 */
final class EventOutcome {

	public const APPLIED     = 'applied';
	public const DUPLICATE   = 'duplicate';
	public const STALE       = 'stale';
	public const DEAD_LETTER = 'dead_letter';
	public const BUSY        = 'busy';

	/** Dead-letter reasons (sidecar/docs/contract.md). */
	public const UNKNOWN_ORDER            = 'unknown_order';
	public const ORDER_NOT_OURS           = 'order_not_ours';
	public const PAYMENT_OF_ANOTHER_ORDER = 'payment_of_another_order';
	public const UNSUPPORTED_TYPE         = 'unsupported_type';
	public const INVALID_EVENT            = 'invalid_event';

	private function __construct( public readonly string $kind, public readonly string $reason = '', public readonly string $action = '' ) {
	}

	public static function applied( string $action ): self {
		return new self( self::APPLIED, '', $action );
	}

	public static function duplicate(): self {
		return new self( self::DUPLICATE );
	}

	public static function stale(): self {
		return new self( self::STALE );
	}

	public static function dead_letter( string $reason ): self {
		return new self( self::DEAD_LETTER, $reason );
	}

	public static function busy(): self {
		return new self( self::BUSY );
	}

	public function is_acknowledged(): bool {
		return self::BUSY !== $this->kind;
	}
}
