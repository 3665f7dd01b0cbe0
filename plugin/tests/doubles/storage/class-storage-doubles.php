<?php
/**
 * In-memory stand-ins for the plugin's atomic storage (Storage\Markers, Storage\OrderLocks). The
 * real ones (the markers table, MySQL GET_LOCK) are exercised by tests/integration against a real
 * database; these keep the unit tests' single-process semantics: claim once until expiry, locks
 * always free (one process cannot race itself).
 *
 * @package RuPayments\Tests
 */

final class Markers_Double implements \RuPayments\Storage\Markers {

	/** @var array<string,int> name => expires_at */
	public static array $markers = array();

	public static function reset(): void {
		self::$markers = array();
	}

	public function claim( string $name, int $ttl ): bool {
		if ( $this->has( $name ) ) {
			return false;
		}
		self::$markers[ $name ] = time() + $ttl;
		return true;
	}

	public function has( string $name ): bool {
		return isset( self::$markers[ $name ] ) && self::$markers[ $name ] > time();
	}

	public function release( string $name ): void {
		unset( self::$markers[ $name ] );
	}

	public function purge_expired( int $limit = 1000 ): int {
		$before        = count( self::$markers );
		self::$markers = array_filter( self::$markers, static fn ( int $expires ): bool => $expires > time() );
		return $before - count( self::$markers );
	}
}

final class Order_Locks_Double implements \RuPayments\Storage\OrderLocks {

	/** @var array<int,bool> */
	public static array $held = array();

	/** Order ids whose lock another (imaginary) request holds. */
	public static array $busy = array();

	public static function reset(): void {
		self::$held = array();
		self::$busy = array();
	}

	public function acquire( int $order_id, int $wait ): bool {
		if ( in_array( $order_id, self::$busy, true ) || isset( self::$held[ $order_id ] ) ) {
			return false;
		}
		self::$held[ $order_id ] = true;
		return true;
	}

	public function release( int $order_id ): void {
		unset( self::$held[ $order_id ] );
	}
}
