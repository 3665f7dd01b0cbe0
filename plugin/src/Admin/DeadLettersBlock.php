<?php
/**
 * Status screen: events the plugin acknowledged as never applicable (dead letters).
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Sidecar\SidecarClient;

defined( 'ABSPATH' ) || exit;

/**
 * Read from the sidecar's signed `GET /v1/outbox/dead-letters` on demand (like every sidecar
 * call of the Status screen: the link "Ask the sidecar" reloads the screen with `dead_letters=1`),
 * then cached for a minute: `{"dead_letters":[{"event_id","payment_id","reason","attempts",
 * "created_at","dead_at"}],"outbox":{…}}`. A sidecar without that route (404) does not report
 * dead letters yet, which the block says instead of an error.
 */
final class DeadLettersBlock {

	public const TRANSIENT = 'ru_payments_dead_letters';
	public const LIMIT     = 20;
	public const QUERY     = 'dead_letters';

	public function __construct( private readonly SidecarClient $client ) {
	}

	/**
	 * @param bool $ask Whether the sidecar may be asked (otherwise only a cached answer is returned).
	 * @return array{state: string, rows?: list<array<string,mixed>>} state: none | list | unsupported | unavailable | not_configured | not_asked
	 */
	public function read( bool $ask = true ): array {
		$cached = get_transient( self::TRANSIENT );
		if ( is_array( $cached ) && isset( $cached['state'] ) ) {
			return $cached;
		}
		if ( ! $ask ) {
			return array( 'state' => 'not_asked' );
		}
		if ( ! $this->client->is_configured() ) {
			return array( 'state' => 'not_configured' );
		}
		$answer = $this->client->request( 'GET', '/v1/outbox/dead-letters?limit=' . self::LIMIT );
		if ( is_wp_error( $answer ) ) {
			$status = (int) ( ( (array) $answer->get_error_data() )['status'] ?? 0 );
			$result = array( 'state' => 404 === $status ? 'unsupported' : 'unavailable' );
		} else {
			$rows   = array_values( array_filter( (array) ( $answer['dead_letters'] ?? array() ), 'is_array' ) );
			$result = array() === $rows ? array( 'state' => 'none' ) : array( 'state' => 'list', 'rows' => $rows );
		}
		set_transient( self::TRANSIENT, $result, 60 );
		return $result;
	}

	public function output(): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- a read-only view switch.
		$result = $this->read( isset( $_GET[ self::QUERY ] ) && current_user_can( 'manage_woocommerce' ) );
		?>
		<h3 id="ru-payments-dead-letters"><?php esc_html_e( 'Events that could not be applied', 'ru-payments-for-woocommerce' ); ?></h3>
		<p class="description"><?php esc_html_e( 'Payment events the sidecar delivered that can never change an order here (for example for an unknown order or a payment of another order). They are not retried; check them at the provider if a customer asks.', 'ru-payments-for-woocommerce' ); ?></p>
		<?php
		$message = match ( $result['state'] ) {
			'none'           => __( 'None.', 'ru-payments-for-woocommerce' ),
			'unsupported'    => __( 'This sidecar does not report them yet (update the sidecar to see them here).', 'ru-payments-for-woocommerce' ),
			'not_configured' => __( 'The sidecar connection is not set up.', 'ru-payments-for-woocommerce' ),
			'unavailable'    => __( 'The sidecar could not be asked right now. Reload the page later.', 'ru-payments-for-woocommerce' ),
			default          => '',
		};
		if ( 'not_asked' === $result['state'] ) {
			printf( '<p><a class="button" href="%s">%s</a></p>', esc_url( add_query_arg( self::QUERY, '1', SettingsPage::url( StatusSection::ID ) ) . '#ru-payments-dead-letters' ), esc_html__( 'Ask the sidecar', 'ru-payments-for-woocommerce' ) );
			return;
		}
		if ( '' !== $message ) {
			printf( '<p class="ru-payments-dead-letters-state">%s</p>', esc_html( $message ) );
			return;
		}
		?>
		<table class="widefat striped ru-payments-dead-letters">
			<thead>
				<tr>
					<th scope="col"><?php esc_html_e( 'Event', 'ru-payments-for-woocommerce' ); ?></th>
					<th scope="col"><?php esc_html_e( 'Payment', 'ru-payments-for-woocommerce' ); ?></th>
					<th scope="col"><?php esc_html_e( 'Reason', 'ru-payments-for-woocommerce' ); ?></th>
					<th scope="col"><?php esc_html_e( 'When', 'ru-payments-for-woocommerce' ); ?></th>
				</tr>
			</thead>
			<tbody>
				<?php foreach ( $result['rows'] ?? array() as $row ) : ?>
					<tr>
						<td><code><?php echo esc_html( (string) ( $row['event_id'] ?? '' ) ); ?></code></td>
						<td><code><?php echo esc_html( (string) ( $row['payment_id'] ?? '' ) ); ?></code></td>
						<td><?php echo esc_html( (string) ( $row['reason'] ?? '' ) ); ?></td>
						<td><?php echo esc_html( self::date( (string) ( $row['dead_at'] ?? '' ) ) ); ?></td>
					</tr>
				<?php endforeach; ?>
			</tbody>
		</table>
		<?php
	}

	private static function date( string $iso ): string {
		$time = strtotime( $iso );
		return false === $time ? $iso : (string) wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $time );
	}
}
