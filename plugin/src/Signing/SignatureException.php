<?php
/**
 * Rejection reason for a signed request.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Signing;

defined( 'ABSPATH' ) || exit;

/**
 * Thrown by RequestSigner::verify(); the message is one of the reason constants, never secret material.
 */
final class SignatureException extends \RuntimeException {

	public const NOT_CONFIGURED   = 'not_configured';
	public const MISSING_HEADER   = 'missing_header';
	public const MALFORMED_HEADER = 'malformed_header';
	public const STALE_TIMESTAMP  = 'stale_timestamp';
	public const BAD_SIGNATURE    = 'bad_signature';
	public const REPLAYED_NONCE   = 'replayed_nonce';

	public function reason(): string {
		return $this->getMessage();
	}
}
