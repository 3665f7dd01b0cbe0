import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const double = (name: string) =>
	fileURLToPath(new URL(`./test/doubles/${name}.ts`, import.meta.url));

export default defineConfig({
	resolve: {
		// At runtime these are window.wc.* globals that WooCommerce provides;
		// in tests they are small local doubles.
		alias: {
			'@woocommerce/blocks-registry': double('blocks-registry'),
			'@woocommerce/settings': double('settings'),
		},
	},
	test: {
		environment: 'jsdom',
		include: ['test/**/*.test.{ts,tsx}'],
		restoreMocks: true,
	},
});
