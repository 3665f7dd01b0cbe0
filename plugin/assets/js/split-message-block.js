/**
 * Editor side of the server-rendered `ru-payments/split-message` block: its title, description and
 * attributes come from PHP (register_block_type); the editor shows the server's output.
 */
( function ( wp ) {
	if ( ! wp || ! wp.blocks || ! wp.element || ! wp.serverSideRender ) {
		return;
	}
	var el = wp.element.createElement;
	var useBlockProps = wp.blockEditor && wp.blockEditor.useBlockProps;
	wp.blocks.registerBlockType( 'ru-payments/split-message', {
		edit: function ( props ) {
			var render = el( wp.serverSideRender, { block: 'ru-payments/split-message', attributes: props.attributes } );
			return el( 'div', useBlockProps ? useBlockProps() : {}, render );
		},
		save: function () {
			return null;
		},
	} );
} )( window.wp );
