<?php
/**
 * "Payment profile" on the product category screens.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Admin;

use RuPayments\Profiles\ProfileResolver;
use RuPayments\Profiles\Profiles;

defined( 'ABSPATH' ) || exit;

/**
 * Term meta `ru_payments_profile` on product_cat; subcategories without one inherit it.
 */
final class CategoryProfileField {

	public const NONCE = 'ru_payments_term_profile_nonce';

	public function __construct( private readonly Profiles $profiles ) {
	}

	public function register(): void {
		add_action( ProfileResolver::TAXONOMY . '_add_form_fields', array( $this, 'render_add' ) );
		add_action( ProfileResolver::TAXONOMY . '_edit_form_fields', array( $this, 'render_edit' ) );
		add_action( 'created_' . ProfileResolver::TAXONOMY, array( $this, 'save' ) );
		add_action( 'edited_' . ProfileResolver::TAXONOMY, array( $this, 'save' ) );
	}

	public function render_add(): void {
		?>
		<div class="form-field term-ru-payments-profile-wrap">
			<label for="<?php echo esc_attr( ProfileResolver::TERM_META ); ?>"><?php esc_html_e( 'Payment profile', 'ru-payments-for-woocommerce' ); ?></label>
			<?php $this->select( '' ); ?>
			<p><?php esc_html_e( 'The RU Payments provider settings (seller) for products in this category.', 'ru-payments-for-woocommerce' ); ?></p>
		</div>
		<?php
	}

	/**
	 * @param mixed $term Term being edited.
	 */
	public function render_edit( $term ): void {
		$value = $term instanceof \WP_Term ? (string) get_term_meta( $term->term_id, ProfileResolver::TERM_META, true ) : '';
		?>
		<tr class="form-field term-ru-payments-profile-wrap">
			<th scope="row"><label for="<?php echo esc_attr( ProfileResolver::TERM_META ); ?>"><?php esc_html_e( 'Payment profile', 'ru-payments-for-woocommerce' ); ?></label></th>
			<td>
				<?php $this->select( $value ); ?>
				<p class="description"><?php esc_html_e( 'The RU Payments provider settings (seller) for products in this category.', 'ru-payments-for-woocommerce' ); ?></p>
			</td>
		</tr>
		<?php
	}

	private function select( string $value ): void {
		wp_nonce_field( self::NONCE, self::NONCE );
		?>
		<select id="<?php echo esc_attr( ProfileResolver::TERM_META ); ?>" name="<?php echo esc_attr( ProfileResolver::TERM_META ); ?>">
			<option value=""><?php esc_html_e( 'From the parent category or the payment method', 'ru-payments-for-woocommerce' ); ?></option>
			<?php foreach ( $this->profiles->choices() as $name => $label ) : ?>
				<option value="<?php echo esc_attr( $name ); ?>" <?php selected( $name, $value ); ?>><?php echo esc_html( $label ); ?></option>
			<?php endforeach; ?>
		</select>
		<?php
	}

	/**
	 * @param mixed $term_id Term id.
	 */
	public function save( $term_id ): void {
		$nonce = isset( $_POST[ self::NONCE ] ) ? sanitize_text_field( wp_unslash( $_POST[ self::NONCE ] ) ) : '';
		if ( ! wp_verify_nonce( $nonce, self::NONCE ) || ! current_user_can( 'manage_product_terms' ) || ! isset( $_POST[ ProfileResolver::TERM_META ] ) ) {
			return;
		}
		$value = sanitize_key( wp_unslash( $_POST[ ProfileResolver::TERM_META ] ) );
		if ( '' === $value ) {
			delete_term_meta( (int) $term_id, ProfileResolver::TERM_META );
		} elseif ( $this->profiles->exists( $value ) ) {
			update_term_meta( (int) $term_id, ProfileResolver::TERM_META, $value );
		}
	}
}
