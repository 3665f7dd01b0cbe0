/**
 * Till sale: live status, cashier instruction, slip (printable), cancel, refund, deposit, link and SMS.
 */
( function () {
	'use strict';
	const T = window.RupTill;
	const { el, t, money, state } = T;

	T.takeAnswer = ( json ) => {
		if ( json && json.sale ) state.sale = json.sale;
		const message = json && json.message ? json.message : '';
		T.notice( message, json && json.code ? 'error' : 'info' );
		state.retryable = !! ( json && json.retryable );
		T.render();
	};

	/** Follows the sale until its status is final: Koshelek long-polls, a link polls every 1.5 s. */
	T.follow = async () => {
		const id = state.sale && state.sale.order_id;
		while ( state.sale && state.sale.order_id === id && ! state.sale.final && ! state.following ) {
			state.following = true;
			const koshelek = state.sale.method === 'koshelek';
			if ( koshelek && ! state.sale.waiting ) {
				state.following = false;
				return;
			}
			const { json } = await T.api( 'GET', 'sales/' + id + ( koshelek ? '?wait=8000' : '' ) );
			state.following = false;
			if ( ! state.sale || state.sale.order_id !== id ) return;
			T.takeAnswer( json );
			if ( state.sale.can_capture ) return;
			if ( ! koshelek ) await new Promise( ( r ) => setTimeout( r, 1500 ) );
		}
	};

	const act = async ( path, body ) => {
		T.notice( t( 'Sending…' ) );
		const { json } = await T.api( 'POST', 'sales/' + state.sale.order_id + '/' + path, body || {} );
		T.takeAnswer( json );
		T.follow();
	};

	const SLIP = [ 'orderId', 'paymentTransactionId', 'refundTransactionId', 'paymentType', 'qrcId', 'kzo', 'operationDateTime', 'terminalId' ];
	const renderSlip = ( sale ) =>
		el(
			'div',
			{ class: 'rup-till-receipt', testid: 'receipt' },
			el( 'h3', {}, t( 'Receipt' ), ' #', sale.order_number ),
			el( 'p', {}, sale.created, ' · ', sale.till ),
			el( 'table', {}, sale.lines.map( ( l ) => el( 'tr', {}, el( 'td', {}, l.name, ' × ', l.quantity ), el( 'td', { class: 'num' }, money( l.total ) ) ) ), el( 'tr', {}, el( 'th', {}, t( 'Total' ) ), el( 'th', { class: 'num' }, money( sale.total ) ) ), sale.refunded > 0 ? el( 'tr', {}, el( 'td', {}, t( 'Refunded' ) ), el( 'td', { class: 'num', testid: 'refunded' }, money( sale.refunded ) ) ) : null ),
			sale.slip ? el( 'dl', { class: 'rup-till-slip' }, SLIP.filter( ( f ) => sale.slip[ f ] ).map( ( f ) => [ el( 'dt', {}, f ), el( 'dd', { testid: 'slip-' + f }, sale.slip[ f ] ) ] ) ) : null,
			el( 'button', { type: 'button', class: 'button no-print', testid: 'print', onclick: () => window.print() }, t( 'Print receipt' ) )
		);

	const renderRefund = ( sale ) => {
		const inputs = sale.lines
			.filter( ( l ) => l.quantity > l.refunded_quantity )
			.map( ( l ) => ( { line: l, input: el( 'input', { type: 'number', min: 0, max: l.quantity - l.refunded_quantity, value: 0, testid: 'refund-qty', 'aria-label': l.name } ) } ) );
		const items = () => Object.fromEntries( inputs.filter( ( x ) => Number( x.input.value ) > 0 ).map( ( x ) => [ x.line.item_id, Number( x.input.value ) ] ) );
		return el(
			'div',
			{ class: 'rup-till-refund no-print' },
			el( 'h3', {}, t( 'Refund' ) ),
			inputs.map( ( x ) => el( 'label', { class: 'rup-till-refund-line' }, x.line.name, ' ', x.input ) ),
			el( 'button', { type: 'button', class: 'button', testid: 'refund-items', onclick: () => act( 'refund', { items: items() } ) }, t( 'Refund selected items' ) ),
			el( 'button', { type: 'button', class: 'button', testid: 'refund-all', onclick: () => act( 'refund', {} ) }, t( 'Refund everything' ) )
		);
	};

	const renderLink = ( sale ) => {
		if ( ! sale.link ) return null;
		const sms = el( 'textarea', { readonly: true, rows: 3, testid: 'sms-text' }, sale.link.sms_text );
		const phone = el( 'input', { type: 'tel', placeholder: '+7…', testid: 'sms-phone', 'aria-label': t( 'Buyer\'s phone' ) } );
		return el(
			'div',
			{ class: 'rup-till-link' },
			sale.link.qr ? el( 'img', { src: sale.link.qr, alt: t( 'QR code of the payment link' ), testid: 'link-qr', class: 'rup-till-qr' } ) : null,
			el( 'p', {}, el( 'a', { href: sale.link.url, target: '_blank', rel: 'noopener', testid: 'link-url' }, t( 'Payment link' ) ), sale.link.expires_at ? ' · ' + t( 'valid until %s', sale.link.expires_at ) : '' ),
			sms,
			el( 'div', { class: 'no-print' },
				el( 'button', { type: 'button', class: 'button', testid: 'sms-copy', onclick: async () => { sms.select(); try { await navigator.clipboard.writeText( sms.value ); } catch ( e ) { document.execCommand( 'copy' ); } T.notice( t( 'SMS text copied.' ) ); } }, t( 'Copy SMS text' ) ),
				phone,
				el( 'button', { type: 'button', class: 'button', testid: 'sms-send', onclick: async () => { const { json } = await T.api( 'POST', 'sales/' + sale.order_id + '/sms', { phone: phone.value } ); T.notice( json.sent ? t( 'SMS sent.' ) : t( 'No SMS gateway took the message: copy the text and send it yourself.' ), json.sent ? 'info' : 'error' ); } }, t( 'Send SMS' ) )
			)
		);
	};

	T.renderSale = () => {
		const sale = state.sale;
		if ( ! sale ) return null;
		const waiting = ! sale.final && ! sale.can_capture;
		return el(
			'section',
			{ class: 'rup-till-panel rup-till-sale', testid: 'sale', 'data-order': sale.order_id, 'data-status': sale.payment_status, 'data-order-status': sale.order_status },
			el( 'h2', {}, t( 'Sale #%s', sale.order_number ) ),
			el( 'p', { class: 'rup-till-status', testid: 'sale-status' }, sale.order_label, sale.payment_label ? ' · ' + sale.payment_label : '', waiting ? ' · ' + t( 'waiting for the buyer…' ) : '' ),
			sale.instruction ? el( 'p', { class: 'rup-till-instruction', testid: 'instruction', role: 'alert' }, sale.instruction, sale.error_code ? el( 'code', {}, ' ', sale.error_code ) : null ) : null,
			sale.method === 'sber' ? renderLink( sale ) : null,
			renderSlip( sale ),
			el( 'div', { class: 'rup-till-actions no-print' },
				sale.method === 'koshelek' && ! sale.final && ! sale.waiting ? T.renderCard( ( card ) => act( 'pay', { card, payment_type: state.paymentType, retry: false } ), t( 'Pay with another card' ), 'pay-again' ) : null,
				state.retryable ? el( 'button', { type: 'button', class: 'button', testid: 'retry', onclick: () => act( 'pay', { card: state.lastCard, retry: true } ) }, t( 'Retry' ) ) : null,
				sale.can_capture ? el( 'button', { type: 'button', class: 'button button-primary', testid: 'capture', onclick: () => act( 'capture' ) }, t( 'Complete the payment (deposit)' ), sale.deposit_by ? ' · ' + t( 'by %s', sale.deposit_by ) : '' ) : null,
				sale.can_cancel ? el( 'button', { type: 'button', class: 'button', testid: 'cancel', onclick: () => act( 'cancel' ) }, sale.method === 'sber' && sale.order_status !== 'pending' ? t( 'Cancel (until midnight Moscow time)' ) : t( 'Cancel payment' ) ) : null,
				el( 'button', { type: 'button', class: 'button', testid: 'new-sale', onclick: () => { state.sale = null; T.notice( '' ); T.render(); } }, t( 'New sale' ) )
			),
			sale.can_refund ? renderRefund( sale ) : null
		);
	};
} )();
