<?php
/**
 * Status screen: background work (provider pushes retried, reconciliation) and how secrets are kept.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Background\ProviderPushRetry;
use RuPayments\Background\Reconciler;
use RuPayments\Background\Scheduler;
use RuPayments\Providers\ProviderFields;
use RuPayments\Support\SecretBox;

defined( 'ABSPATH' ) || exit;

/**
 * Everything here is read from options and Action Scheduler; the sidecar is not asked.
 */
final class BackgroundStatusBlock {

	public function output(): void {
		?>
		<h3 id="ru-payments-background"><?php esc_html_e( 'Background work', 'ru-payments-for-woocommerce' ); ?></h3>
		<ul class="ru-payments-background">
			<?php foreach ( ProviderPushRetry::states() as $key => $state ) : ?>
				<li class="ru-payments-push-retry"><?php echo esc_html( self::push_text( (string) $key, $state ) ); ?></li>
			<?php endforeach; ?>
			<?php if ( array() === ProviderPushRetry::states() ) : ?>
				<li><?php esc_html_e( 'Provider settings: everything saved here was sent to the sidecar.', 'ru-payments-for-woocommerce' ); ?></li>
			<?php endif; ?>
			<li><?php echo esc_html( self::reconcile_text() ); ?></li>
			<li>
				<?php
				echo esc_html(
					SecretBox::available()
						? __( 'Provider secrets are kept encrypted in the database, with a key derived from wp-config.php (AUTH_KEY, SECURE_AUTH_SALT).', 'ru-payments-for-woocommerce' )
						: __( 'Provider secrets are kept unencrypted in the database: wp-config.php has no AUTH_KEY and SECURE_AUTH_SALT to derive a key from. Set them to have the secrets encrypted at the next save.', 'ru-payments-for-woocommerce' )
				);
				?>
			</li>
		</ul>
		<?php
	}

	/**
	 * @param array<string,mixed> $state ProviderPushRetry state.
	 */
	private static function push_text( string $key, array $state ): string {
		[ $provider, $profile ] = array_pad( explode( '|', $key, 2 ), 2, '' );
		$who                    = sprintf( '%s (%s)', ProviderFields::name( $provider ), $profile );
		$error                  = (string) ( $state['error'] ?? '' );
		switch ( $state['state'] ?? '' ) {
			case ProviderPushRetry::RETRYING:
				/* translators: 1: provider and profile, 2: date and time, 3: number of tries so far, 4: last error. */
				return sprintf( __( '%1$s: settings not sent to the sidecar yet; next try %2$s (tries so far: %3$d; last error: %4$s).', 'ru-payments-for-woocommerce' ), $who, self::date( (int) ( $state['next'] ?? 0 ) ), (int) ( $state['attempts'] ?? 0 ) + 1, $error );
			case ProviderPushRetry::REFUSED:
				/* translators: 1: provider and profile, 2: the sidecar's reason. */
				return sprintf( __( '%1$s: the sidecar refused the saved settings (%2$s). Correct them under Providers.', 'ru-payments-for-woocommerce' ), $who, $error );
			case ProviderPushRetry::BLOCKED:
				/* translators: %s: provider and profile. */
				return sprintf( __( '%s: not sent, because the sidecar address changed. Confirm the new address under Providers.', 'ru-payments-for-woocommerce' ), $who );
			default:
				/* translators: 1: provider and profile, 2: last error. */
				return sprintf( __( '%1$s: the settings could not be sent to the sidecar after several tries (last error: %2$s). Save them again under Providers.', 'ru-payments-for-woocommerce' ), $who, $error );
		}
	}

	private static function reconcile_text(): string {
		$next = Scheduler::next_run( Reconciler::HOOK_ALL );
		if ( null === $next ) {
			return __( 'Reconciliation of pending orders with the sidecar: not scheduled yet (it is scheduled on the next admin page load).', 'ru-payments-for-woocommerce' );
		}
		/* translators: %s: date and time. */
		return sprintf( __( 'Pending orders are checked with the sidecar every 10 minutes; next check %s.', 'ru-payments-for-woocommerce' ), self::date( $next ) );
	}

	private static function date( int $timestamp ): string {
		return (string) wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $timestamp );
	}
}
