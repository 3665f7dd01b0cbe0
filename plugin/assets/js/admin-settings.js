/**
 * RU Payments: "Test connection" button on WooCommerce → Settings → RU Payments.
 * Strings come translated from PHP (wp_localize_script); results are inserted as text only.
 */
( function () {
	'use strict';

	const settings = window.ruPaymentsSettings;
	const button = document.getElementById( 'ru-payments-test-connection' );
	const result = document.getElementById( 'ru-payments-test-connection-result' );
	if ( ! settings || ! button || ! result ) {
		return;
	}

	const show = ( message, ok ) => {
		result.textContent = message;
		result.style.color = ok === undefined ? '' : ok ? '#00a32a' : '#d63638';
	};

	button.addEventListener( 'click', async () => {
		button.disabled = true;
		show( settings.i18n.testing );
		try {
			const response = await fetch( settings.ajaxUrl, {
				method: 'POST',
				credentials: 'same-origin',
				body: new URLSearchParams( { action: settings.action, nonce: settings.nonce } ),
			} );
			const json = await response.json();
			show( ( json && json.data && json.data.message ) || settings.i18n.failed, Boolean( json && json.success ) );
		} catch ( e ) {
			show( settings.i18n.failed, false );
		} finally {
			button.disabled = false;
		}
	} );
} )();
