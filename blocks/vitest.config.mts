import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const double = (name: string) =>
	fileURLToPath(new URL(`./test/doubles/${name}.ts`, import.meta.url));

export default defineConfig({
	resolve: {
		// At runtime these are window.wc.* / window.wp.* globals that WooCommerce
		// and WordPress provide; in tests they are small local doubles.
		alias: {
			'@woocommerce/blocks-registry': double('blocks-registry'),
			'@woocommerce/settings': double('settings'),
			'@wordpress/data': double('wp-data'),
		},
	},
	test: {
		environment: 'jsdom',
		include: ['test/**/*.test.{ts,tsx}'],
		restoreMocks: true,
	},
});
