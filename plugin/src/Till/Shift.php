<?php
/**
 * A cashier's shift at a till.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

defined( 'ABSPATH' ) || exit;

/**
 * One open shift per cashier, kept in user meta; closed shifts stay in a short history so reports
 * can offer them as a filter.
 */
final class Shift {

	private const OPEN    = '_ru_payments_till_open_shift';
	private const HISTORY = 'ru_payments_till_shifts';
	private const KEEP    = 500;

	/**
	 * The open shift of the user, or null.
	 *
	 * @return array{id: string, till: string, user: int, opened_at: int}|null
	 */
	public function current( int $user_id ): ?array {
		$shift = get_user_meta( $user_id, self::OPEN, true );
		return is_array( $shift ) && is_string( $shift['id'] ?? null ) ? $shift : null;
	}

	/**
	 * Opens a shift at a till (closing the user's previous one).
	 *
	 * @return array{id: string, till: string, user: int, opened_at: int}
	 */
	public function open( int $user_id, string $till ): array {
		$this->close( $user_id );
		$now   = time();
		$shift = array(
			'id'        => sprintf( '%s-%d-%s', $till, $user_id, gmdate( 'Ymd\THis', $now ) ),
			'till'      => $till,
			'user'      => $user_id,
			'opened_at' => $now,
		);
		update_user_meta( $user_id, self::OPEN, $shift );
		$this->remember( $shift + array( 'closed_at' => 0 ) );
		return $shift;
	}

	/**
	 * The user's shift at this till, opened when there is none (or it is at another till).
	 *
	 * @return array{id: string, till: string, user: int, opened_at: int}
	 */
	public function ensure( int $user_id, string $till ): array {
		$shift = $this->current( $user_id );
		return null !== $shift && $shift['till'] === $till ? $shift : $this->open( $user_id, $till );
	}

	public function close( int $user_id ): void {
		$shift = $this->current( $user_id );
		if ( null === $shift ) {
			return;
		}
		delete_user_meta( $user_id, self::OPEN );
		$this->remember( $shift + array( 'closed_at' => time() ) );
	}

	/**
	 * Known shifts, newest first.
	 *
	 * @return list<array<string,mixed>>
	 */
	public function history(): array {
		$all = get_option( self::HISTORY, array() );
		return is_array( $all ) ? array_values( $all ) : array();
	}

	/**
	 * @param array<string,mixed> $shift Shift with closed_at.
	 */
	private function remember( array $shift ): void {
		$all = array( (string) $shift['id'] => $shift ) + array_column( $this->history(), null, 'id' );
		update_option( self::HISTORY, array_slice( $all, 0, self::KEEP, true ), false );
	}
}
