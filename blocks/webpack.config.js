/**
 * wp-scripts' default webpack config with WordPress' dependency extraction
 * plugin swapped for WooCommerce's, so that besides `@wordpress/*` and React
 * the `@woocommerce/*` imports (blocks-registry, settings, blocks-checkout, …)
 * become `window.wc.*` externals and their script handles land in
 * build/index.asset.php.
 */
const path = require( 'path' );
const defaultConfig = require( '@wordpress/scripts/config/webpack.config' );
const WooCommerceDependencyExtractionWebpackPlugin = require( '@woocommerce/dependency-extraction-webpack-plugin' );

// The class wp-scripts instantiated (resolved from wp-scripts' own location).
const WordPressDependencyExtractionWebpackPlugin = require(
	require.resolve( '@wordpress/dependency-extraction-webpack-plugin', {
		paths: [ path.dirname( require.resolve( '@wordpress/scripts/package.json' ) ) ],
	} )
);

function isDependencyExtractionPlugin( plugin ) {
	return (
		plugin instanceof WordPressDependencyExtractionWebpackPlugin ||
		plugin?.constructor?.name === 'DependencyExtractionWebpackPlugin'
	);
}

function withWooCommerceExternals( config ) {
	const plugins = ( config.plugins || [] ).filter(
		( plugin ) => plugin && ! isDependencyExtractionPlugin( plugin )
	);
	return {
		...config,
		entry: {
			index: path.resolve( __dirname, 'src/index.ts' ),
			// "Pay in parts" lines on product and cart pages: a bundle of its own.
			'split-message': path.resolve( __dirname, 'src/split-message/index.ts' ),
		},
		output: {
			...config.output,
			path: path.resolve( __dirname, 'build' ),
		},
		plugins: [ ...plugins, new WooCommerceDependencyExtractionWebpackPlugin() ],
	};
}

module.exports = Array.isArray( defaultConfig )
	? [ withWooCommerceExternals( defaultConfig[ 0 ] ), ...defaultConfig.slice( 1 ) ]
	: withWooCommerceExternals( defaultConfig );
