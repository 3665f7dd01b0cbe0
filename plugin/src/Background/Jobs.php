<?php
/**
 * Wires the background work to Action Scheduler.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Background;

use RuPayments\Gateways\Methods;
use RuPayments\Orders\LapsingAuthorizations;
use RuPayments\Plugin;
use RuPayments\Storage\DbMarkers;

defined( 'ABSPATH' ) || exit;

/**
 * Hooks every background action (they run in Action Scheduler's queue runner, WP-Cron or
 * WP-CLI) and keeps the recurring ones scheduled: reconciliation of pending orders, lapsing
 * authorisations, the purge of expired markers. Retries of provider pushes are single actions
 * scheduled when a push fails.
 */
final class Jobs {

	public const PURGE_MARKERS = 'ru_payments_purge_markers';

	/** Methods paid by invoice or decided later by the provider (BNPL). */
	public const SLOW_METHODS = array( Methods::LEGAL, Methods::DOLYAME, Methods::SBER_BNPL, Methods::PAYLATE );

	public static function register( Plugin $plugin ): void {
		( new Reconciler( $plugin->client(), $plugin->event_processor(), $plugin->methods()->ids() ) )->register();
		( new LapseMailer( new LapsingAuthorizations() ) )->register();
		( new ProviderPushRetry( $plugin->provider_config_saver() ) )->register();
		( new HoldStockGuard( $plugin->client(), self::SLOW_METHODS ) )->register();
		add_action( self::PURGE_MARKERS, static fn () => ( new DbMarkers() )->purge_expired() );
		// Checked where it costs nothing noticeable: admin pages and the queue runner itself.
		add_action( 'admin_init', array( self::class, 'ensure_schedules' ) );
		add_action( 'action_scheduler_before_process_queue', array( self::class, 'ensure_schedules' ) );
	}

	public static function ensure_schedules(): void {
		if ( ! Scheduler::available() || ! did_action( 'action_scheduler_init' ) ) {
			return;
		}
		Scheduler::ensure_recurring( Reconciler::HOOK_ALL, Reconciler::RUN_EVERY );
		Scheduler::ensure_recurring( LapseMailer::HOOK, LapseMailer::RUN_EVERY );
		Scheduler::ensure_recurring( self::PURGE_MARKERS, 86400 );
	}
}
