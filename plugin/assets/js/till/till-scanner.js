/**
 * Barcode input for the till: a keyboard-wedge scanner (fast keystrokes ending in Enter, typed
 * anywhere on the screen), the camera (zxing-wasm, loaded on first use; offered only when the
 * device has one), a photo of the code, and manual entry in the card field.
 */
( function () {
	'use strict';
	const T = window.RupTill;
	/** Keystrokes closer than this are a scanner, not a person. */
	const MAX_GAP_MS = 100;
	const MIN_LENGTH = 4;
	let buffer = '';
	let last = 0;

	/** Calls onScan( text ) for each wedge scan typed outside an input field. */
	T.listenWedge = ( onScan ) => {
		document.addEventListener( 'keydown', ( event ) => {
			const target = event.target;
			if ( target && ( target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' ) ) return;
			const now = performance.now();
			if ( now - last > MAX_GAP_MS ) buffer = '';
			last = now;
			if ( event.key === 'Enter' ) {
				if ( buffer.length >= MIN_LENGTH ) {
					event.preventDefault();
					onScan( buffer );
				}
				buffer = '';
			} else if ( event.key.length === 1 ) {
				buffer += event.key;
			}
		} );
	};

	let module = null;
	const loadReader = async () => {
		if ( ! module ) {
			module = await import( T.config.camera );
			module.configure( T.config.wasm );
		}
		return module;
	};

	T.hasCamera = async () => {
		if ( ! navigator.mediaDevices || ! navigator.mediaDevices.enumerateDevices || ! window.isSecureContext ) return false;
		try {
			return ( await navigator.mediaDevices.enumerateDevices() ).some( ( d ) => d.kind === 'videoinput' );
		} catch ( e ) {
			return false;
		}
	};

	/** Reads a code from a picture file: resolves { text, format } or null. */
	T.readPhoto = async ( file ) => ( await loadReader() ).readFile( file );

	/** Opens the camera in `box`; calls onCode( { text, format } ) once and closes. */
	T.openCamera = async ( box, onCode ) => {
		const reader = await loadReader();
		const video = T.el( 'video', { playsinline: true, muted: true, class: 'rup-till-video' } );
		const stop = T.el( 'button', { type: 'button', class: 'button' }, T.t( 'Close camera' ) );
		box.replaceChildren( video, stop );
		const stream = await navigator.mediaDevices.getUserMedia( { video: { facingMode: 'environment' } } );
		video.srcObject = stream;
		await video.play();
		let open = true;
		const close = () => {
			open = false;
			stream.getTracks().forEach( ( track ) => track.stop() );
			box.replaceChildren();
		};
		stop.addEventListener( 'click', close );
		const canvas = document.createElement( 'canvas' );
		const tick = async () => {
			if ( ! open ) return;
			canvas.width = video.videoWidth;
			canvas.height = video.videoHeight;
			const context = canvas.getContext( '2d', { willReadFrequently: true } );
			context.drawImage( video, 0, 0 );
			const code = canvas.width ? await reader.readImageData( context.getImageData( 0, 0, canvas.width, canvas.height ) ) : null;
			if ( code ) {
				close();
				onCode( code );
			} else {
				setTimeout( tick, 150 );
			}
		};
		tick();
	};
} )();
