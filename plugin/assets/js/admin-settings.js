/**
 * RU Payments admin screens (WooCommerce → Settings → RU Payments):
 * - "Test connection" (Sidecar connection section);
 * - "Check the sidecar", "Send test callback" and "Check the certificate" (Dolyame) (Status section);
 * - showing only the provider settings that apply (e.g. Invoicebox v2 or v3 fields).
 * Strings come translated from PHP (wp_localize_script); results are inserted as text only, except
 * the certificate block, which PHP builds and escapes (DolyameCertificateBlock::result_html()).
 */
( function () {
	'use strict';

	const settings = window.ruPaymentsSettings;
	if ( ! settings ) {
		return;
	}

	const paint = ( element, message, ok ) => {
		element.textContent = message;
		element.style.color = ok === undefined ? '' : ok ? '#00a32a' : '#d63638';
	};

	const post = async ( params ) => {
		const response = await fetch( settings.ajaxUrl, {
			method: 'POST',
			credentials: 'same-origin',
			body: new URLSearchParams( params ),
		} );
		return response.json();
	};

	const wire = ( button, result, pending, params, onSuccess ) => {
		button.addEventListener( 'click', async () => {
			button.disabled = true;
			paint( result, pending );
			try {
				const json = await post( params() );
				paint( result, ( json && json.data && json.data.message ) || settings.i18n.error, Boolean( json && json.success ) );
				if ( json && json.success && onSuccess ) {
					onSuccess( json.data );
				}
			} catch ( e ) {
				paint( result, settings.i18n.error, false );
			} finally {
				button.disabled = false;
			}
		} );
	};

	// Sidecar connection: "Test connection".
	const testButton = document.getElementById( 'ru-payments-test-connection' );
	const testResult = document.getElementById( 'ru-payments-test-connection-result' );
	if ( testButton && testResult ) {
		wire( testButton, testResult, settings.i18n.testing, () => ( { action: settings.action, nonce: settings.nonce } ) );
	}

	// Status: "Check the sidecar".
	const statusButton = document.getElementById( 'ru-payments-sidecar-status' );
	const statusResult = document.getElementById( 'ru-payments-sidecar-status-result' );
	if ( statusButton && statusResult && settings.status ) {
		wire(
			statusButton,
			statusResult,
			settings.i18n.checking,
			() => ( { action: settings.status.action, nonce: settings.status.nonce } ),
			( data ) => {
				Object.entries( data.providers || {} ).forEach( ( [ provider, text ] ) => {
					const cell = document.querySelector( 'tr[data-provider="' + CSS.escape( provider ) + '"] .ru-payments-sidecar-state' );
					if ( cell ) {
						cell.textContent = text;
					}
				} );
			}
		);
	}

	// Status: "Check the certificate" (Dolyame); replaces the checked profile's block.
	const certButton = document.getElementById( 'ru-payments-dolyame-certificate' );
	const certStatus = document.getElementById( 'ru-payments-dolyame-certificate-status' );
	const certResult = document.getElementById( 'ru-payments-dolyame-certificate-result' );
	if ( certButton && certStatus && certResult && settings.certificate ) {
		wire(
			certButton,
			certStatus,
			settings.i18n.checking,
			() => {
				const profile = document.getElementById( 'ru-payments-dolyame-certificate-profile' );
				return {
					action: settings.certificate.action,
					nonce: settings.certificate.nonce,
					profile: profile ? profile.value : 'default',
				};
			},
			( data ) => {
				const holder = document.createElement( 'div' );
				holder.innerHTML = data.html || '';
				const fresh = holder.firstElementChild;
				if ( ! fresh ) {
					return;
				}
				const current = certResult.querySelector( '[data-profile="' + CSS.escape( data.profile || '' ) + '"]' );
				if ( current ) {
					current.replaceWith( fresh );
				} else {
					certResult.appendChild( fresh );
				}
			}
		);
	}

	// Status: "Send test callback", one per provider.
	document.querySelectorAll( '.ru-payments-test-callback' ).forEach( ( button ) => {
		const row = button.closest( 'tr' );
		const result = row && row.querySelector( '.ru-payments-test-callback-result' );
		if ( ! result || ! settings.callback ) {
			return;
		}
		wire( button, result, settings.i18n.sending, () => {
			const profile = row.querySelector( '.ru-payments-test-callback-profile' );
			return {
				action: settings.callback.action,
				nonce: settings.callback.nonce,
				provider: button.dataset.provider,
				profile: profile ? profile.value : 'default',
			};
		} );
	} );

	// Providers: show only the settings whose condition holds (data-ru-payments-when).
	const conditional = document.querySelectorAll( 'tr[data-ru-payments-when]' );
	const refresh = () => {
		conditional.forEach( ( row ) => {
			const table = row.closest( 'table' );
			let when = {};
			try {
				when = JSON.parse( row.dataset.ruPaymentsWhen );
			} catch ( e ) {
				return;
			}
			const visible = Object.entries( when ).every( ( [ setting, allowed ] ) => {
				const control = table.querySelector( '[data-ru-payments-setting="' + CSS.escape( setting ) + '"]' );
				return ! control || allowed.indexOf( control.value ) !== -1;
			} );
			row.style.display = visible ? '' : 'none';
		} );
	};
	document.querySelectorAll( '[data-ru-payments-setting]' ).forEach( ( control ) => control.addEventListener( 'change', refresh ) );
	refresh();
} )();
