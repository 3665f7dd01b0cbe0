/**
 * Setup for pay-in-parts.spec.ts, done as the shop itself would do it: PHP inside the test shop's
 * WordPress (RUP_WP_DIR, set by e2e/shop/run-stage.mjs) creates a variable product and a classic
 * cart page, and switches the site language (the WPLANG option).
 */
import { execFileSync } from 'node:child_process';

export const WP_DIR = process.env.RUP_WP_DIR ?? '';
const SHOP_URL = (process.env.WC_E2E_URL ?? '').replace(/\/+$/, '');

/** Runs PHP with WordPress + WooCommerce loaded; returns what it echoes, parsed as JSON. */
export function wpPhp<T>(code: string): T {
  const host = new URL(SHOP_URL).host;
  const out = execFileSync('php', ['-r', `$_SERVER['HTTP_HOST']='${host}'; require '${WP_DIR}/wp-load.php'; ${code}`], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop() ?? 'null') as T;
}

export interface PayInPartsShop {
  kettle: string;
  sofa: string;
  chair: string;
  kettleId: number;
  classicCart: string;
  cart: string;
}

/**
 * A variable "Chair": Small 1 000 ₽ and Large 40 000 ₽ (above Dolyame's 30 000 ₽ cap), and a page
 * with the classic [woocommerce_cart] shortcode. Idempotent (a held shop may run the spec twice).
 */
export function setUpShop(): PayInPartsShop {
  return wpPhp<PayInPartsShop>(`
    $chair = get_page_by_path( 'rup-chair', OBJECT, 'product' );
    if ( ! $chair ) {
      $attr = new WC_Product_Attribute();
      $attr->set_name( 'Size' );
      $attr->set_options( array( 'Small', 'Large' ) );
      $attr->set_visible( true );
      $attr->set_variation( true );
      $product = new WC_Product_Variable();
      $product->set_name( 'Chair' );
      $product->set_slug( 'rup-chair' );
      $product->set_attributes( array( $attr ) );
      $product->set_status( 'publish' );
      $id = $product->save();
      foreach ( array( 'Small' => '1000', 'Large' => '40000' ) as $size => $price ) {
        $variation = new WC_Product_Variation();
        $variation->set_parent_id( $id );
        $variation->set_attributes( array( 'size' => $size ) );
        $variation->set_regular_price( $price );
        $variation->set_status( 'publish' );
        $variation->save();
      }
      WC_Product_Variable::sync( $id );
      $chair = get_post( $id );
    }
    $page = get_page_by_path( 'classic-cart' );
    if ( ! $page ) {
      $page = get_post( wp_insert_post( array( 'post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'Classic cart', 'post_name' => 'classic-cart', 'post_content' => '<!-- wp:shortcode -->[woocommerce_cart]<!-- /wp:shortcode -->' ) ) );
    }
    // No toolbar on the shop pages for the admin: fewer requests to php -S, the shop as shoppers see it.
    update_user_meta( get_user_by( 'login', 'admin' )->ID, 'show_admin_bar_front', 'false' );
    $kettle = wc_get_product_id_by_sku( 'KETTLE-1' );
    echo wp_json_encode( array(
      'kettle' => get_permalink( $kettle ),
      'kettleId' => $kettle,
      'sofa' => get_permalink( wc_get_product_id_by_sku( 'SOFA-35K' ) ),
      'chair' => get_permalink( $chair ),
      'classicCart' => get_permalink( $page ),
      'cart' => wc_get_cart_url(),
    ) );
  `);
}

/**
 * Site language: '' (English) or 'ru_RU'. Our plugin ships its ru_RU translations; WordPress' own
 * ru_RU pack is not available offline, and update_option() refuses a WPLANG whose core pack is not
 * installed (sanitize_option), so the option row is written directly. Returns get_locale().
 */
export function setSiteLanguage(locale: '' | 'ru_RU'): string {
  return wpPhp<string>(`
    global $wpdb;
    $wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES ('WPLANG', %s, 'on') ON DUPLICATE KEY UPDATE option_value = VALUES(option_value)", '${locale}' ) );
    wp_cache_flush();
    echo wp_json_encode( get_option( 'WPLANG' ) ?: 'en_US' );
  `);
}

/** Empties the admin's cart (WooCommerce keeps a logged-in user's cart across browser sessions). */
export function emptyAdminCart(login: string): void {
  wpPhp(`
    global $wpdb;
    $user = get_user_by( 'login', '${login}' );
    delete_user_meta( $user->ID, '_woocommerce_persistent_cart_' . get_current_blog_id() );
    $wpdb->delete( $wpdb->prefix . 'woocommerce_sessions', array( 'session_key' => (string) $user->ID ) );
    echo wp_json_encode( true );
  `);
}

/**
 * Serves single products through WooCommerce's classic PHP templates (a theme template made of
 * the `woocommerce/legacy-template` block, as "Product (classic)" does), or back to the block
 * template when `classic` is false.
 */
export function useClassicProductTemplate(classic: boolean): void {
  wpPhp(`
    $existing = get_posts( array( 'post_type' => 'wp_template', 'name' => 'single-product', 'post_status' => 'any', 'numberposts' => -1, 'tax_query' => array( array( 'taxonomy' => 'wp_theme', 'field' => 'name', 'terms' => get_stylesheet() ) ) ) );
    foreach ( $existing as $post ) {
      wp_delete_post( $post->ID, true );
    }
    if ( ${classic ? 'true' : 'false'} ) {
      $id = wp_insert_post( array(
        'post_type' => 'wp_template', 'post_status' => 'publish', 'post_name' => 'single-product', 'post_title' => 'Single product (classic)',
        'post_content' => '<!-- wp:template-part {"slug":"header","tagName":"header"} /--><!-- wp:woocommerce/legacy-template {"template":"single-product"} /--><!-- wp:template-part {"slug":"footer","tagName":"footer"} /-->',
      ) );
      wp_set_post_terms( $id, array( get_stylesheet() ), 'wp_theme' );
    }
    echo wp_json_encode( true );
  `);
}
