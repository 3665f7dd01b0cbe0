/**
 * Till: shared state, REST calls, money and translation helpers (window.RupTill).
 * The screen talks only to /wp-json/ru-payments/v1/till/… with the wp_rest nonce.
 */
( function () {
	'use strict';
	const config = window.rupTill || {};
	const i18n = config.i18n || {};
	const T = ( window.RupTill = window.RupTill || {} );

	T.config = config;
	T.t = ( key, ...args ) => {
		let text = i18n[ key ] || key;
		args.forEach( ( arg, i ) => {
			text = text.replace( '%' + ( i + 1 ) + '$s', String( arg ) ).replace( '%s', String( arg ) );
		} );
		return text;
	};
	T.state = { till: '', shift: null, terminals: [], paymentTypes: [], lines: [], method: 'koshelek', sale: null, testMode: false };

	const formatter = new Intl.NumberFormat( config.locale || 'ru-RU', { style: 'currency', currency: 'RUB', currencyDisplay: 'narrowSymbol' } );
	T.money = ( kopecks ) => formatter.format( kopecks / 100 );
	/** "1 234,56" or "1234.56" → kopecks; null when not a positive amount. */
	T.parseMoney = ( text ) => {
		const clean = String( text ).replace( /[\s\u00a0₽]/g, '' ).replace( ',', '.' );
		if ( ! /^\d+(\.\d{1,2})?$/.test( clean ) ) return null;
		const [ r, k = '' ] = clean.split( '.' );
		const value = Number( r ) * 100 + Number( ( k + '00' ).slice( 0, 2 ) );
		return value > 0 ? value : null;
	};

	T.api = async ( method, path, body ) => {
		// _locale=user: WordPress answers REST calls in the cashier's language, not the site's.
		// Without pretty permalinks the base is "…?rest_route=…/till/": the path's own "?" becomes "&".
		let url = config.rest + path;
		const first = url.indexOf( '?' );
		if ( first >= 0 ) url = url.slice( 0, first + 1 ) + url.slice( first + 1 ).replace( '?', '&' );
		url += ( url.includes( '?' ) ? '&' : '?' ) + '_locale=user';
		const response = await fetch( url, {
			method,
			credentials: 'same-origin',
			headers: { 'X-WP-Nonce': config.nonce, 'Content-Type': 'application/json', Accept: 'application/json' },
			body: body === undefined ? undefined : JSON.stringify( body ),
		} );
		let json = {};
		try {
			json = await response.json();
		} catch ( e ) {
			json = {};
		}
		return { ok: response.ok, status: response.status, json };
	};

	/** Builds an element: el( 'button', { class: 'x', onclick }, 'text', child… ). */
	T.el = ( tag, attrs, ...children ) => {
		const node = document.createElement( tag );
		Object.entries( attrs || {} ).forEach( ( [ key, value ] ) => {
			if ( value === undefined || value === null || value === false ) return;
			if ( key.startsWith( 'on' ) ) node.addEventListener( key.slice( 2 ), value );
			else if ( key === 'testid' ) node.dataset.testid = value;
			else node.setAttribute( key, value === true ? '' : value );
		} );
		children.flat( Infinity ).forEach( ( child ) => {
			if ( child !== null && child !== undefined && child !== false ) node.append( child instanceof Node ? child : String( child ) );
		} );
		return node;
	};

	T.vatLabel = ( code ) => ( code === 'none' ? T.t( 'no VAT' ) : T.t( 'VAT %s%', code.replace( /^vat/, '' ).replace( /_/, '/' ) ) );
	T.vatOf = ( kopecks, code ) => {
		const rate = Number( ( /^vat(\d+)$/.exec( code ) || [] )[ 1 ] || 0 );
		return rate > 0 ? Math.round( ( kopecks * rate ) / ( 100 + rate ) ) : 0;
	};

	T.notice = ( text, kind ) => {
		const box = document.querySelector( '[data-testid="till-notice"]' );
		if ( ! box ) return;
		box.textContent = text || '';
		box.className = 'rup-till-notice' + ( text ? ' is-' + ( kind || 'info' ) : '' );
	};
} )();
