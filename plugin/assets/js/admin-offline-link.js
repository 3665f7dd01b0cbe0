/**
 * RU Payments: the «Плати частями» payment link meta box on the order screen.
 * - "Create «Плати частями» link" asks admin-ajax (nonce; the server checks manage_woocommerce)
 *   and shows the panel the server built (QR code, link, SMS text — escaped in PHP);
 * - while the link waits for payment, polls the order's state (changed only by verified sidecar
 *   events) and swaps the panel when it changes, e.g. to "Paid";
 * - copy buttons for the link and the SMS text.
 * Strings come translated from PHP (wp_localize_script); messages are inserted as text only.
 */
( function () {
	'use strict';

	const settings = window.ruPaymentsOfflineLink;
	const box = document.getElementById( 'ru-payments-offline-link' );
	if ( ! settings || ! box || ! window.fetch ) {
		return;
	}
	const panel = box.querySelector( '.ru-payments-offline-link__panel' );
	const result = box.querySelector( '.ru-payments-offline-link__result' );
	const button = box.querySelector( '.ru-payments-offline-link__create' );
	let timer = null;
	let polls = 0;

	const paint = ( message, ok ) => {
		if ( ! result ) {
			return;
		}
		result.textContent = message || '';
		result.style.color = ok === undefined ? '' : ok ? '#00a32a' : '#d63638';
	};

	const post = async ( params ) => {
		const response = await fetch( settings.ajaxUrl, {
			method: 'POST',
			credentials: 'same-origin',
			cache: 'no-store',
			body: new URLSearchParams( params ),
		} );
		return response.json();
	};

	const state = () => {
		const element = panel.querySelector( '[data-state]' );
		return element ? element.dataset.state : '';
	};

	// The panel HTML is built and escaped by OfflineLinkMetaBox::panel_html().
	const show = ( html ) => {
		panel.innerHTML = html;
		if ( button && state() === 'paid' ) {
			button.hidden = true;
		}
	};

	const schedule = () => {
		window.clearTimeout( timer );
		if ( state() !== 'pending' ) {
			return;
		}
		polls += 1;
		// Every 5 s for the first minute, then slower, up to 30 s.
		timer = window.setTimeout( poll, Math.min( settings.interval * Math.ceil( polls / 12 ), 30000 ) );
	};

	const poll = async () => {
		try {
			const json = await post( {
				action: settings.status.action,
				nonce: settings.status.nonce,
				order_id: box.dataset.orderId,
			} );
			if ( json && json.success && json.data && json.data.state !== state() ) {
				show( json.data.html || '' );
			}
		} catch ( e ) {
			// Network hiccup: try again on the next tick.
		}
		schedule();
	};

	if ( button ) {
		button.addEventListener( 'click', async () => {
			button.disabled = true;
			paint( settings.i18n.creating );
			try {
				const json = await post( {
					action: settings.create.action,
					nonce: settings.create.nonce,
					order_id: box.dataset.orderId,
				} );
				paint( ( json && json.data && json.data.message ) || settings.i18n.error, Boolean( json && json.success ) );
				if ( json && json.success && json.data ) {
					show( json.data.html || '' );
					polls = 0;
					schedule();
				}
			} catch ( e ) {
				paint( settings.i18n.error, false );
			} finally {
				button.disabled = false;
			}
		} );
	}

	box.addEventListener( 'click', async ( event ) => {
		const copy = event.target.closest( '.ru-payments-offline-link__copy' );
		if ( ! copy ) {
			return;
		}
		const target = document.getElementById( copy.dataset.copyTarget );
		if ( ! target ) {
			return;
		}
		try {
			await navigator.clipboard.writeText( target.value );
			paint( settings.i18n.copied, true );
		} catch ( e ) {
			target.select();
			// Older browsers and plain-HTTP admin screens have no async clipboard.
			paint( document.execCommand( 'copy' ) ? settings.i18n.copied : settings.i18n.copyFailed, undefined );
		}
	} );

	schedule();
} )();
