/**
 * Entry of build/index.js, enqueued by the plugin's blocks integration
 * (dependencies from build/index.asset.php, translations from
 * languages/ via wp_set_script_translations with the
 * 'ru-payments-for-woocommerce' domain).
 */
import { registerRuPaymentMethods } from './register';

registerRuPaymentMethods();
