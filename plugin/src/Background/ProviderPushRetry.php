<?php
/**
 * Provider settings that could not be sent to the sidecar are sent again in the background.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Background;

use RuPayments\Providers\ProviderConfigSaver;

defined( 'ABSPATH' ) || exit;

/**
 * One Action Scheduler action per provider and profile, retried after 1 min, 5 min, 15 min, 1 h,
 * 3 h and 6 h; then it gives up until the settings are saved again. Option
 * `ru_payments_push_retries` keeps each one's state for the Status screen:
 * `retrying` (with `attempts`, `next`, `error`), `refused` (the sidecar refused a setting: only a
 * new save helps), `blocked` (the sidecar URL changed: an admin has to confirm it first) or `gave_up`.
 */
final class ProviderPushRetry {

	public const HOOK   = 'ru_payments_retry_provider_push';
	public const OPTION = 'ru_payments_push_retries';
	public const DELAYS = array( 60, 300, 900, 3600, 10800, 21600 );

	public const RETRYING = 'retrying';
	public const REFUSED  = 'refused';
	public const BLOCKED  = 'blocked';
	public const GAVE_UP  = 'gave_up';

	public function __construct( private readonly ProviderConfigSaver $saver ) {
	}

	public function register(): void {
		add_action( self::HOOK, array( $this, 'run' ), 10, 2 );
	}

	/**
	 * Plans the next try after a failed push (the first one after a save, or the next one).
	 */
	public static function schedule( string $provider, string $profile, string $error, int $attempts = 0 ): void {
		if ( $attempts >= count( self::DELAYS ) ) {
			self::set( $provider, $profile, array( 'state' => self::GAVE_UP, 'attempts' => $attempts, 'error' => $error ) );
			return;
		}
		$next = time() + self::DELAYS[ $attempts ];
		self::set(
			$provider,
			$profile,
			array(
				'state'    => self::RETRYING,
				'attempts' => $attempts,
				'next'     => $next,
				'error'    => $error,
			)
		);
		Scheduler::schedule_single( $next, self::HOOK, array( $provider, $profile ) );
	}

	/**
	 * @param mixed $provider Provider id.
	 * @param mixed $profile  Profile name.
	 */
	public function run( $provider, $profile ): void {
		$provider = (string) $provider;
		$profile  = (string) $profile;
		if ( ProviderConfigSaver::is_synced( $provider, $profile ) ) {
			self::clear( $provider, $profile );
			return;
		}
		$previous = self::states()[ $provider . '|' . $profile ] ?? array();
		$answer   = $this->saver->push_saved( $provider, $profile );
		if ( true === $answer ) {
			self::clear( $provider, $profile );
			return;
		}
		$data    = (array) $answer->get_error_data();
		$message = (string) ( $data['sidecar_message'] ?? $data['detail'] ?? $answer->get_error_code() );
		if ( ProviderConfigSaver::UNCONFIRMED === $answer->get_error_code() ) {
			self::set( $provider, $profile, array( 'state' => self::BLOCKED, 'error' => $message ) );
		} elseif ( 400 === (int) ( $data['status'] ?? 0 ) ) {
			self::set( $provider, $profile, array( 'state' => self::REFUSED, 'error' => $message ) );
		} else {
			self::schedule( $provider, $profile, $message, (int) ( $previous['attempts'] ?? 0 ) + 1 );
		}
	}

	public static function clear( string $provider, string $profile ): void {
		$states = self::states();
		unset( $states[ $provider . '|' . $profile ] );
		update_option( self::OPTION, $states, false );
		Scheduler::unschedule( self::HOOK, array( $provider, $profile ) );
	}

	/**
	 * @return array<string,array<string,mixed>> "provider|profile" => state.
	 */
	public static function states(): array {
		$states = get_option( self::OPTION, array() );
		return is_array( $states ) ? array_filter( $states, 'is_array' ) : array();
	}

	/**
	 * @param array<string,mixed> $state State.
	 */
	private static function set( string $provider, string $profile, array $state ): void {
		$states                             = self::states();
		$states[ $provider . '|' . $profile ] = $state + array( 'at' => time() );
		update_option( self::OPTION, $states, false );
	}
}
