/**
 * Till basket: product search, product barcodes, free amounts, VAT per line and in total.
 */
( function () {
	'use strict';
	const T = window.RupTill;
	const { el, t, money, state } = T;

	T.addProduct = ( product ) => {
		const line = state.lines.find( ( l ) => l.product && l.product.id === product.id );
		if ( line ) line.quantity += 1;
		else state.lines.push( { product, quantity: 1, name: product.name, price: product.price, vat: product.vat } );
		T.render();
	};

	/** A product barcode (SKU, _ru_payments_barcode or GTIN) → the basket. */
	T.scanProduct = async ( code ) => {
		const { json } = await T.api( 'GET', 'products?barcode=' + encodeURIComponent( code ) );
		const product = ( json.products || [] )[ 0 ];
		if ( product ) T.addProduct( product );
		else T.notice( t( 'No product with barcode %s.', code ), 'error' );
	};

	const lineTotal = ( line ) => line.price * line.quantity;
	T.basketTotal = () => state.lines.reduce( ( sum, line ) => sum + lineTotal( line ), 0 );

	T.renderSearch = () => {
		const results = el( 'ul', { class: 'rup-till-results', testid: 'search-results' } );
		const input = el( 'input', { type: 'search', class: 'rup-till-search', placeholder: t( 'Product name, SKU or barcode' ), testid: 'product-search', 'aria-label': t( 'Find a product' ) } );
		let timer = null;
		const search = async () => {
			const { json } = await T.api( 'GET', 'products?search=' + encodeURIComponent( input.value ) );
			results.replaceChildren(
				...( json.products || [] ).map( ( p ) =>
					el( 'li', {}, el( 'button', { type: 'button', class: 'button', testid: 'add-product', 'data-sku': p.sku, onclick: () => T.addProduct( p ) }, p.name, ' — ', money( p.price ), p.stock !== null ? ' (' + t( '%s in stock', p.stock ) + ')' : '' ) )
				)
			);
		};
		input.addEventListener( 'input', () => {
			clearTimeout( timer );
			timer = setTimeout( search, 250 );
		} );
		input.addEventListener( 'keydown', ( event ) => {
			if ( event.key === 'Enter' && input.value.trim() !== '' ) {
				event.preventDefault();
				T.scanProduct( input.value.trim() );
				input.value = '';
			}
		} );
		return el( 'section', { class: 'rup-till-panel' }, el( 'h2', {}, t( 'Products' ) ), input, results, T.renderFree() );
	};

	T.renderFree = () => {
		const name = el( 'input', { type: 'text', placeholder: t( 'Free amount' ), testid: 'free-name', 'aria-label': t( 'Name of the line' ) } );
		const amount = el( 'input', { type: 'text', inputmode: 'decimal', placeholder: '0,00', testid: 'free-amount', 'aria-label': t( 'Amount, ₽' ) } );
		const vat = el( 'select', { testid: 'free-vat', 'aria-label': t( 'VAT' ) }, ...[ 'none', 'vat0', 'vat5', 'vat7', 'vat10', 'vat20', 'vat22' ].map( ( c ) => el( 'option', { value: c }, T.vatLabel( c ) ) ) );
		const add = () => {
			const kopecks = T.parseMoney( amount.value );
			if ( kopecks === null ) return T.notice( t( 'Type an amount like 150 or 150,50.' ), 'error' );
			state.lines.push( { free: true, quantity: 1, name: name.value.trim() || t( 'Free amount' ), price: kopecks, vat: vat.value } );
			T.render();
		};
		return el( 'div', { class: 'rup-till-free' }, el( 'h3', {}, t( 'Free amount' ) ), name, amount, vat, el( 'button', { type: 'button', class: 'button', testid: 'free-add', onclick: add }, t( 'Add' ) ) );
	};

	T.renderBasket = () => {
		const rows = state.lines.map( ( line, index ) =>
			el(
				'tr',
				{ testid: 'basket-line' },
				el( 'td', {}, line.name ),
				el(
					'td',
					{ class: 'rup-till-qty' },
					el( 'button', { type: 'button', class: 'button', 'aria-label': t( 'Less' ), onclick: () => { line.quantity -= 1; if ( line.quantity < 1 ) state.lines.splice( index, 1 ); T.render(); } }, '−' ),
					el( 'span', { testid: 'line-qty' }, line.quantity ),
					el( 'button', { type: 'button', class: 'button', 'aria-label': t( 'More' ), disabled: !! line.free, onclick: () => { line.quantity += 1; T.render(); } }, '+' )
				),
				el( 'td', {}, T.vatLabel( line.vat ) ),
				el( 'td', { class: 'num' }, money( lineTotal( line ) ) )
			)
		);
		const vats = {};
		state.lines.forEach( ( line ) => {
			vats[ line.vat ] = ( vats[ line.vat ] || 0 ) + T.vatOf( lineTotal( line ), line.vat );
		} );
		const vatRows = Object.entries( vats ).map( ( [ code, sum ] ) => el( 'tr', { class: 'rup-till-vat' }, el( 'td', { colspan: 3 }, code === 'none' ? t( 'no VAT' ) : t( 'incl. %s', T.vatLabel( code ) ) ), el( 'td', { class: 'num' }, code === 'none' ? '—' : money( sum ) ) ) );
		return el(
			'section',
			{ class: 'rup-till-panel' },
			el( 'h2', {}, t( 'Basket' ) ),
			state.lines.length === 0 ? el( 'p', {}, t( 'Add products or a free amount.' ) ) : null,
			el(
				'table',
				{ class: 'widefat rup-till-basket', testid: 'basket' },
				el( 'tbody', {}, rows ),
				el( 'tfoot', {}, vatRows, el( 'tr', {}, el( 'th', { colspan: 3 }, t( 'Total' ) ), el( 'th', { class: 'num', testid: 'basket-total' }, money( T.basketTotal() ) ) ) )
			)
		);
	};

	/** The basket as the REST route takes it. */
	T.basketBody = () => ( {
		items: state.lines.filter( ( l ) => l.product ).map( ( l ) => ( { product_id: l.product.id, quantity: l.quantity } ) ),
		free: state.lines.filter( ( l ) => l.free ).map( ( l ) => ( { name: l.name, amount: l.price, vat: l.vat } ) ),
	} );
} )();
