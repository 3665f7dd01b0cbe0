<?php
/**
 * Action Scheduler (ships with WooCommerce), group `ru-payments`.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Background;

defined( 'ABSPATH' ) || exit;

/**
 * Thin wrapper: one place that knows the group, keeps at most one pending copy of an action with
 * the same arguments, and does nothing where Action Scheduler is not loaded.
 */
final class Scheduler {

	public const GROUP = 'ru-payments';

	public static function available(): bool {
		return function_exists( 'as_schedule_single_action' ) && function_exists( 'as_has_scheduled_action' );
	}

	/**
	 * @param array<int,mixed> $args Action arguments.
	 */
	public static function is_scheduled( string $hook, array $args = array() ): bool {
		return self::available() && as_has_scheduled_action( $hook, $args, self::GROUP );
	}

	/**
	 * Runs the action as soon as possible in the background (once while one is pending).
	 *
	 * @param array<int,mixed> $args Action arguments.
	 */
	public static function enqueue_async( string $hook, array $args = array() ): void {
		if ( self::available() && ! self::is_scheduled( $hook, $args ) ) {
			as_enqueue_async_action( $hook, $args, self::GROUP, true );
		}
	}

	/**
	 * Runs the action at $timestamp, replacing a pending copy with the same arguments.
	 *
	 * @param array<int,mixed> $args Action arguments.
	 */
	public static function schedule_single( int $timestamp, string $hook, array $args = array() ): void {
		if ( ! self::available() ) {
			return;
		}
		as_unschedule_all_actions( $hook, $args, self::GROUP );
		as_schedule_single_action( $timestamp, $hook, $args, self::GROUP, true );
	}

	/**
	 * Makes sure a recurring action exists (called on every `init`; one lookup when it does).
	 */
	public static function ensure_recurring( string $hook, int $interval ): void {
		if ( self::available() && ! self::is_scheduled( $hook ) ) {
			as_schedule_recurring_action( time() + $interval, $interval, $hook, array(), self::GROUP, true );
		}
	}

	public static function unschedule( string $hook, array $args = array() ): void {
		if ( function_exists( 'as_unschedule_all_actions' ) ) {
			as_unschedule_all_actions( $hook, $args, self::GROUP );
		}
	}

	/**
	 * When the next copy of the action runs (Unix time), or null when none is pending.
	 *
	 * @param array<int,mixed> $args Action arguments.
	 */
	public static function next_run( string $hook, array $args = array() ): ?int {
		if ( ! function_exists( 'as_next_scheduled_action' ) ) {
			return null;
		}
		$next = as_next_scheduled_action( $hook, $args, self::GROUP );
		return is_int( $next ) ? $next : null;
	}
}
