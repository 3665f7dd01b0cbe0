<?php
/**
 * Validation failure of an incoming event.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Rest;

defined( 'ABSPATH' ) || exit;

/**
 * Carries the name of the first invalid field.
 */
final class InvalidEventException extends \InvalidArgumentException {

	public function __construct( public readonly string $field ) {
		parent::__construct( 'Invalid or missing field: ' . $field );
	}
}
