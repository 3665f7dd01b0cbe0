/**
 * Till payment: method choice, the Koshelek card (scanner, camera, photo, manual entry) and "Pay".
 */
( function () {
	'use strict';
	const T = window.RupTill;
	const { el, t, state } = T;

	const basketKey = () => JSON.stringify( [ state.till, state.method, T.basketBody() ] );

	/**
	 * Koshelek Pay: the order is made while the cashier waits for the buyer's card (the card field
	 * got the focus), so "Pay" only sends the payment. A basket changed since is discarded.
	 */
	T.prepare = () => {
		if ( state.method !== 'koshelek' || state.lines.length === 0 || state.sale ) return;
		const key = basketKey();
		if ( state.prepared && state.prepared.key === key ) return;
		T.discardPrepared();
		const prepared = { key, id: 0 };
		prepared.promise = T.api( 'POST', 'sales', { ...T.basketBody(), till: state.till, method: 'koshelek', prepare: true } ).then( ( answer ) => {
			prepared.id = answer.ok && answer.json.sale ? answer.json.sale.order_id : 0;
			document.getElementById( 'rup-till' ).dataset.prepared = String( prepared.id );
			return prepared.id;
		} );
		state.prepared = prepared;
	};

	T.discardPrepared = () => {
		const old = state.prepared;
		state.prepared = null;
		delete document.getElementById( 'rup-till' ).dataset.prepared;
		if ( old ) old.promise.then( ( id ) => id && T.api( 'POST', 'sales/' + id + '/discard', {} ) );
	};

	/** Sends the sale; `card` is { barcode, format } for Koshelek Pay. */
	T.pay = async ( card ) => {
		if ( state.busy ) return;
		if ( state.lines.length === 0 ) return T.notice( t( 'The basket is empty.' ), 'error' );
		if ( state.method === 'koshelek' && ( ! card || ! card.barcode ) ) return T.notice( t( 'Scan the buyer\'s Koshelek card first.' ), 'error' );
		// The moment the cashier pressed "Pay" (or the scanner's Enter), for the speed figure.
		const pressedAt = Date.now();
		window.rupTillLastPay = { pressedAt };
		state.busy = true;
		T.notice( t( 'Sending…' ) );
		const prepared = state.method === 'koshelek' && state.prepared && state.prepared.key === basketKey() ? await state.prepared.promise : 0;
		let answer;
		if ( prepared ) {
			state.prepared = null;
			answer = await T.api( 'POST', 'sales/' + prepared + '/pay', { card, payment_type: state.paymentType, retry: false, pressed_at: pressedAt / 1000 } );
		} else {
			T.discardPrepared();
			const body = { ...T.basketBody(), till: state.till, method: state.method, payment_type: state.paymentType, pressed_at: pressedAt / 1000 };
			if ( card ) body.card = card;
			answer = await T.api( 'POST', 'sales', body );
		}
		const { json } = answer;
		state.busy = false;
		T.takeAnswer( json );
		if ( state.sale ) {
			state.lines = [];
			T.render();
			T.follow();
		}
	};

	T.renderPay = () => {
		const method = ( value, label ) =>
			el( 'label', { class: 'rup-till-method' }, el( 'input', { type: 'radio', name: 'rup-method', value, testid: 'method-' + value, checked: state.method === value, onchange: () => { state.method = value; T.render(); } } ), label );
		const box = el( 'section', { class: 'rup-till-panel rup-till-pay' }, el( 'h2', {}, t( 'Payment' ) ), method( 'koshelek', 'Koshelek Pay' ), method( 'sber', '«Плати частями»' ) );
		if ( state.method === 'sber' ) {
			box.append( el( 'p', {}, t( 'The buyer pays by the link: show the QR code or send it by SMS.' ) ), el( 'button', { type: 'button', class: 'button button-primary button-hero', testid: 'pay', onclick: () => T.pay( null ) }, t( 'Create payment link' ) ) );
			return box;
		}
		box.append( T.renderCard( ( card ) => T.pay( card ), t( 'Pay' ), 'pay' ) );
		return box;
	};

	/** The card field with its scanner, camera and photo readers; `go( card )` pays. */
	T.renderCard = ( go, label, testid ) => {
		const types = el( 'select', { testid: 'payment-type', 'aria-label': t( 'Payment type' ), onchange: ( e ) => { state.paymentType = e.target.value; } }, ...state.paymentTypes.map( ( type ) => el( 'option', { value: type, selected: type === state.paymentType }, type ) ) );
		const input = el( 'input', { type: 'text', class: 'rup-till-card', testid: 'card', autocomplete: 'off', placeholder: t( 'Scan the card or type its number' ), 'aria-label': t( 'Koshelek card' ) } );
		const send = () => {
			state.lastCard = { barcode: input.value.trim(), format: input.dataset.format || '' };
			go( state.lastCard );
		};
		input.addEventListener( 'keydown', ( event ) => {
			if ( event.key === 'Enter' ) {
				event.preventDefault();
				send();
			}
		} );
		input.addEventListener( 'input', () => delete input.dataset.format );
		input.addEventListener( 'focus', () => T.prepare() );
		const camera = el( 'div', { class: 'rup-till-camera', testid: 'camera-box' } );
		const found = ( code ) => {
			if ( ! code ) return T.notice( t( 'No barcode found in the picture.' ), 'error' );
			input.value = code.text;
			input.dataset.format = code.format;
			send();
		};
		const photo = el( 'input', { type: 'file', accept: 'image/*', capture: 'environment', testid: 'card-photo', class: 'screen-reader-text', onchange: async ( e ) => { if ( e.target.files[ 0 ] ) found( await T.readPhoto( e.target.files[ 0 ] ) ); } } );
		const tools = el( 'div', { class: 'rup-till-card-tools' }, el( 'label', { class: 'button' }, t( 'Photo of the card' ), photo ) );
		T.hasCamera().then( ( yes ) => {
			if ( yes ) tools.prepend( el( 'button', { type: 'button', class: 'button', testid: 'camera', onclick: () => T.openCamera( camera, found ).catch( () => T.notice( t( 'The camera could not be opened; scan or type the card.' ), 'error' ) ) }, t( 'Camera' ) ) );
		} );
		return el(
			'div',
			{ class: 'rup-till-cardbox' },
			el( 'label', {}, t( 'Payment type' ), ' ', types ),
			input,
			tools,
			camera,
			el( 'button', { type: 'button', class: 'button button-primary button-hero', testid, onclick: send }, label )
		);
	};
} )();
