/**
 * Till screen: boot, header (till, shift, full screen, find a sale) and layout.
 */
( function () {
	'use strict';
	const T = window.RupTill;
	const { el, t, state } = T;
	const root = document.getElementById( 'rup-till' );

	const renderHeader = () => {
		const till = el( 'select', { testid: 'till-select', 'aria-label': t( 'Till' ), onchange: ( e ) => { state.till = e.target.value; } }, ...state.terminals.map( ( id ) => el( 'option', { value: id, selected: id === state.till }, id ) ) );
		const shift = state.shift
			? [ el( 'span', { testid: 'shift' }, t( 'Shift %s', state.shift.id ) ), el( 'button', { type: 'button', class: 'button', testid: 'shift-close', onclick: () => changeShift( 'close' ) }, t( 'Close shift' ) ) ]
			: [ el( 'button', { type: 'button', class: 'button', testid: 'shift-open', onclick: () => changeShift( 'open' ) }, t( 'Open shift' ) ) ];
		const find = el( 'input', { type: 'search', placeholder: t( 'Sale number' ), testid: 'find-sale', 'aria-label': t( 'Find a sale' ), onkeydown: async ( e ) => {
			if ( e.key !== 'Enter' || ! /^\d+$/.test( e.target.value.trim() ) ) return;
			const { ok, json } = await T.api( 'GET', 'sales/' + e.target.value.trim() );
			if ( ok ) T.takeAnswer( json );
			else T.notice( json.message || t( 'No such till sale.' ), 'error' );
		} } );
		return el(
			'header',
			{ class: 'rup-till-header no-print' },
			el( 'strong', {}, t( 'Till' ) ),
			till,
			shift,
			state.testMode ? el( 'span', { class: 'rup-till-test', testid: 'test-mode' }, t( 'Test mode' ) ) : null,
			find,
			T.config.reports ? el( 'a', { class: 'button', href: T.config.reports, testid: 'reports-link' }, t( 'Reports' ) ) : null,
			el( 'button', { type: 'button', class: 'button', testid: 'fullscreen', onclick: () => ( document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen() ).catch( () => {} ) }, t( 'Full screen' ) )
		);
	};

	const changeShift = async ( action ) => {
		const { json } = await T.api( 'POST', 'shift', { action, till: state.till } );
		takeShift( json );
		T.render();
	};

	const takeShift = ( json ) => {
		state.shift = json.shift || null;
		state.terminals = json.terminals || state.terminals;
		state.paymentTypes = json.payment_types || state.paymentTypes;
		state.paymentType = state.paymentType || state.paymentTypes[ 0 ];
		state.testMode = !! json.test_mode;
		state.till = ( state.shift && state.shift.till ) || state.till || state.terminals[ 0 ] || '';
	};

	T.render = () => {
		const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.testid : '';
		root.replaceChildren(
			renderHeader(),
			el( 'div', { class: 'rup-till-notice', testid: 'till-notice', role: 'status' } ),
			state.sale ? T.renderSale() : el( 'div', { class: 'rup-till-grid' }, T.renderSearch(), T.renderBasket(), T.renderPay() )
		);
		if ( T.lastNotice ) T.notice( T.lastNotice.text, T.lastNotice.kind );
		const again = focused && root.querySelector( '[data-testid="' + focused + '"]' );
		if ( again && again.tagName === 'INPUT' ) again.focus();
	};

	const notice = T.notice;
	T.notice = ( text, kind ) => {
		T.lastNotice = { text, kind };
		notice( text, kind );
	};

	/** A wedge scan outside any field: the buyer's card while paying by Koshelek, else a product. */
	T.listenWedge( ( code ) => {
		if ( ! state.sale && state.method === 'koshelek' && state.lines.length > 0 && /^(\]\w\d)?CM/i.test( code ) ) {
			state.lastCard = { barcode: code, format: '' };
			T.pay( state.lastCard );
		} else if ( ! state.sale ) {
			T.scanProduct( code );
		}
	} );

	T.api( 'GET', 'shift' ).then( ( { json } ) => {
		takeShift( json );
		T.render();
	} );
} )();
