<?php
/**
 * The payment state box on the order-received page.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Frontend;

use RuPayments\Rest\OrderStatusController;

defined( 'ABSPATH' ) || exit;

/**
 * Hooked on `woocommerce_thankyou_<gateway id>` (classic template and the Order Confirmation block
 * alike): prints the real state and, while it is pending, lets assets/js/thankyou.js poll the
 * order-status route until it is final.
 */
final class ThankYouPage {

	public const SCRIPT = 'ru-payments-thankyou';

	/**
	 * @param list<string> $gateway_ids Gateway ids.
	 * @param string       $plugin_file Main plugin file.
	 * @param string       $version     Plugin version.
	 */
	public function __construct( private readonly array $gateway_ids, private readonly string $plugin_file, private readonly string $version ) {
	}

	public function register(): void {
		foreach ( $this->gateway_ids as $id ) {
			add_action( 'woocommerce_thankyou_' . $id, array( $this, 'render' ) );
		}
	}

	/**
	 * @param mixed $order_id Order id.
	 */
	public function render( $order_id ): void {
		$order = wc_get_order( absint( $order_id ) );
		if ( ! $order instanceof \WC_Order ) {
			return;
		}
		$state = OrderState::of( $order );
		?>
		<section class="ru-payments-order-status ru-payments-order-status--<?php echo esc_attr( $state ); ?>"
			data-state="<?php echo esc_attr( $state ); ?>"
			data-order-id="<?php echo esc_attr( (string) $order->get_id() ); ?>"
			data-order-key="<?php echo esc_attr( (string) $order->get_order_key() ); ?>"
			data-endpoint="<?php echo esc_url( OrderStatusController::url() ); ?>">
			<p class="ru-payments-order-status__message" role="status" aria-live="polite"><?php echo esc_html( OrderState::message( $state ) ); ?></p>
		</section>
		<?php
		if ( OrderState::PENDING !== $state ) {
			return;
		}
		wp_enqueue_script(
			self::SCRIPT,
			plugins_url( 'assets/js/thankyou.js', $this->plugin_file ),
			array(),
			$this->version,
			array( 'in_footer' => true )
		);
		wp_localize_script(
			self::SCRIPT,
			'ruPaymentsThankYou',
			array(
				'interval' => 3000,
				'maxPolls' => 100,
				'messages' => array(
					OrderState::PAID    => OrderState::message( OrderState::PAID ),
					OrderState::PENDING => OrderState::message( OrderState::PENDING ),
					OrderState::FAILED  => OrderState::message( OrderState::FAILED ),
				),
				'timeout'  => __( 'The confirmation is taking longer than usual. We will e-mail you when the payment is confirmed; you can also reload this page later.', 'ru-payments-for-woocommerce' ),
			)
		);
	}
}
