/**
 * RU Payments: keeps the payment state on the order-received page up to date.
 * Polls GET /wp-json/ru-payments/v1/order-status until the state is final; texts come translated
 * from PHP (wp_localize_script) and are inserted as text only.
 */
( function () {
	'use strict';

	const settings = window.ruPaymentsThankYou;
	const box = document.querySelector( '.ru-payments-order-status[data-state="pending"]' );
	if ( ! settings || ! box || ! window.fetch ) {
		return;
	}
	const message = box.querySelector( '.ru-payments-order-status__message' );
	let polls = 0;

	const show = ( state, text ) => {
		box.dataset.state = state;
		box.className = 'ru-payments-order-status ru-payments-order-status--' + state;
		message.textContent = text;
	};

	const poll = async () => {
		polls += 1;
		if ( polls > settings.maxPolls ) {
			message.textContent = settings.timeout;
			return;
		}
		try {
			const url = new URL( box.dataset.endpoint, window.location.href );
			url.searchParams.set( 'order_id', box.dataset.orderId );
			url.searchParams.set( 'key', box.dataset.orderKey );
			const response = await fetch( url.toString(), { credentials: 'same-origin', cache: 'no-store' } );
			if ( response.ok ) {
				const data = await response.json();
				if ( data && settings.messages[ data.state ] ) {
					show( data.state, settings.messages[ data.state ] );
					if ( data.final ) {
						return;
					}
				}
			}
		} catch ( e ) {
			// Network hiccup: try again on the next tick.
		}
		// Back off gently: 3 s at first, up to 15 s.
		window.setTimeout( poll, Math.min( settings.interval * Math.ceil( polls / 10 ), 15000 ) );
	};

	window.setTimeout( poll, settings.interval );
} )();
