/**
 * "Summary for the Dolyame manager" (Providers section, Dolyame): asks admin-ajax for the
 * fiscalisation summary, shows the text in a read-only text area (selected, ready to copy) and
 * the missing fields highlighted above it. Everything is inserted as text.
 */
( function () {
	'use strict';

	const settings = window.ruPaymentsFiscalSummary;
	const button = document.getElementById( 'ru-payments-dolyame-fiscal-summary' );
	const status = document.getElementById( 'ru-payments-dolyame-fiscal-summary-status' );
	const missing = document.getElementById( 'ru-payments-dolyame-fiscal-summary-missing' );
	const text = document.getElementById( 'ru-payments-dolyame-fiscal-summary-text' );
	if ( ! settings || ! button || ! status || ! missing || ! text ) {
		return;
	}

	const paint = ( message, ok ) => {
		status.textContent = message;
		status.style.color = ok === undefined ? '' : ok ? '#00a32a' : '#d63638';
	};

	const showMissing = ( fields ) => {
		missing.replaceChildren();
		document.querySelectorAll( '.ru-payments-fiscal-missing-input' ).forEach( ( input ) => {
			input.classList.remove( 'ru-payments-fiscal-missing-input' );
			input.removeAttribute( 'aria-invalid' );
			input.style.outline = '';
		} );
		fields.forEach( ( field ) => {
			const input = field.input ? document.getElementById( field.input ) : null;
			if ( input ) {
				input.classList.add( 'ru-payments-fiscal-missing-input' );
				input.setAttribute( 'aria-invalid', 'true' );
				input.style.outline = '2px solid #d63638';
			}
		} );
		if ( ! fields.length ) {
			return;
		}
		const box = document.createElement( 'div' );
		box.className = 'notice notice-warning inline ru-payments-fiscal-missing';
		const intro = document.createElement( 'p' );
		intro.textContent = settings.i18n.missing;
		const list = document.createElement( 'ul' );
		fields.forEach( ( field ) => {
			const item = document.createElement( 'li' );
			const strong = document.createElement( 'strong' );
			strong.textContent = field.label;
			item.appendChild( strong );
			list.appendChild( item );
		} );
		box.append( intro, list );
		missing.appendChild( box );
	};

	button.addEventListener( 'click', async () => {
		button.disabled = true;
		paint( settings.i18n.loading );
		try {
			const response = await fetch( settings.ajaxUrl, {
				method: 'POST',
				credentials: 'same-origin',
				body: new URLSearchParams( { action: settings.action, nonce: settings.nonce, profile: button.dataset.profile || 'default' } ),
			} );
			const json = await response.json();
			const data = ( json && json.data ) || {};
			paint( data.message || settings.i18n.error, Boolean( json && json.success && data.complete ) );
			if ( json && json.success ) {
				showMissing( Array.isArray( data.missing ) ? data.missing : [] );
				text.value = data.text || '';
				text.hidden = false;
				text.focus();
				text.select();
			}
		} catch ( e ) {
			paint( settings.i18n.error, false );
		} finally {
			button.disabled = false;
		}
	} );
}() );
