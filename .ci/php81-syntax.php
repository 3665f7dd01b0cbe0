<?php
/**
 * Finds syntax and functions newer than PHP 8.1 in the PHP files under the given folders (the
 * plugin says "Requires PHP: 8.1", while the CI's php may be newer, so `php -l` alone would pass
 * them). Token based: readonly classes, DNF types, standalone true/false/null types (8.2), typed
 * class constants, #[\Override], dynamic class constant fetch (8.3), asymmetric visibility (8.4),
 * and functions added in 8.2-8.4.
 *
 * Usage: php .ci/php81-syntax.php DIR_OR_FILE...   Prints "file:line: problem"; exit 1 if any.
 */

const NEWER_FUNCTIONS = array(
	'json_validate', 'mb_str_pad', 'str_increment', 'str_decrement', 'array_find', 'array_find_key', 'array_any',
	'array_all', 'mb_trim', 'mb_ltrim', 'mb_rtrim', 'mb_ucfirst', 'mb_lcfirst', 'ini_parse_quantity',
	'memory_reset_peak_usage', 'openssl_cipher_key_length', 'curl_upkeep', 'mysqli_execute_query',
	'libxml_get_external_entity_loader', 'stream_context_set_options', 'request_parse_body', 'http_get_last_response_headers',
);

/** @return list<string> */
function php_files( string $path ): array {
	if ( is_file( $path ) ) {
		return array( $path );
	}
	$files = array();
	foreach ( new RecursiveIteratorIterator( new RecursiveDirectoryIterator( $path, FilesystemIterator::SKIP_DOTS ) ) as $file ) {
		if ( $file->isFile() && str_ends_with( $file->getFilename(), '.php' ) ) {
			$files[] = $file->getPathname();
		}
	}
	sort( $files );
	return $files;
}

/**
 * Index of the '(' matching the ')' at $close; with $inside, of the '(' enclosing position $close.
 *
 * @param list<mixed> $tokens Tokens without whitespace.
 */
function opening_paren( array $tokens, int $close, bool $inside = false ): int {
	$depth = $inside ? 1 : 0;
	for ( $k = $close; $k >= 0; $k-- ) {
		$c = is_array( $tokens[ $k ] ) ? $tokens[ $k ][1] : $tokens[ $k ];
		if ( ')' === $c && ! ( $inside && $k === $close ) ) {
			++$depth;
		} elseif ( '(' === $c ) {
			--$depth;
			if ( 0 === $depth ) {
				return $k;
			}
		}
	}
	return -1;
}

/** Whether the '(' at $open starts a function's, closure's or arrow function's parameter list. */
function is_signature( array $tokens, int $open ): bool {
	if ( $open < 1 ) {
		return false;
	}
	$before = $tokens[ $open - 1 ];
	$kind   = is_array( $before ) ? $before[0] : 0;
	if ( in_array( $kind, array( T_FUNCTION, T_FN ), true ) || ( is_string( $before ) && '&' === $before ) ) {
		return true;
	}
	$two = $tokens[ $open - 2 ] ?? null;
	$two = is_array( $two ) ? $two[0] : $two;
	return T_STRING === $kind && ( T_FUNCTION === $two || ( '&' === $two && T_FUNCTION === ( is_array( $tokens[ $open - 3 ] ?? null ) ? $tokens[ $open - 3 ][0] : 0 ) ) );
}

/**
 * The declared type of the parameter or property whose variable is at $at (null: not a declaration).
 *
 * @return list<string>|null
 */
function variable_type( array $tokens, int $at ): ?array {
	$modifiers = array( T_PUBLIC, T_PROTECTED, T_PRIVATE, T_READONLY, T_VAR, T_STATIC );
	$open      = opening_paren( $tokens, $at, true );
	if ( $open >= 0 && is_signature( $tokens, $open ) ) {
		$depth = 0;
		for ( $k = $at - 1; $k > $open; $k-- ) {
			$c = is_array( $tokens[ $k ] ) ? $tokens[ $k ][1] : $tokens[ $k ];
			if ( ')' === $c ) {
				++$depth;
			} elseif ( '(' === $c ) {
				--$depth;
			} elseif ( ',' === $c && 0 === $depth ) {
				break;
			}
		}
		$start = $k + 1;
	} else {
		// A property: modifiers, then the type, then the variable.
		for ( $k = $at - 1; $k >= 0 && ! in_array( is_array( $tokens[ $k ] ) ? $tokens[ $k ][0] : 0, $modifiers, true ); $k-- ) {
			$c = is_array( $tokens[ $k ] ) ? $tokens[ $k ][1] : $tokens[ $k ];
			if ( in_array( $c, array( ';', '{', '}', '=', ',' ), true ) || ( $at - $k ) > 12 ) {
				return null;
			}
		}
		if ( $k < 0 ) {
			return null;
		}
		$start = $k + 1;
	}
	$type = array();
	for ( $k = $start; $k < $at; $k++ ) {
		$kind = is_array( $tokens[ $k ] ) ? $tokens[ $k ][0] : 0;
		if ( ! in_array( $kind, $modifiers, true ) && T_ATTRIBUTE !== $kind ) {
			$type[] = is_array( $tokens[ $k ] ) ? $tokens[ $k ][1] : $tokens[ $k ];
		}
	}
	return $type;
}

/** @return list<array{0:int,1:string}> [line, problem] */
function problems( string $code ): array {
	$tokens = array_values( array_filter( token_get_all( $code ), static fn ( $t ) => ! is_array( $t ) || ! in_array( $t[0], array( T_WHITESPACE, T_COMMENT, T_DOC_COMMENT ), true ) ) );
	$text   = static fn ( $t ): string => is_array( $t ) ? $t[1] : $t;
	$id     = static fn ( $t ): int => is_array( $t ) ? $t[0] : 0;
	$found  = array();
	$line   = 1;
	$count  = count( $tokens );
	for ( $i = 0; $i < $count; $i++ ) {
		$t    = $tokens[ $i ];
		$line = is_array( $t ) ? $t[2] : $line;
		$next = $tokens[ $i + 1 ] ?? null;
		$prev = $tokens[ $i - 1 ] ?? null;

		if ( T_READONLY === $id( $t ) ) {
			for ( $j = $i + 1; in_array( $id( $tokens[ $j ] ?? null ), array( T_FINAL, T_ABSTRACT ), true ); $j++ );
			if ( T_CLASS === $id( $tokens[ $j ] ?? null ) ) {
				$found[] = array( $line, 'readonly class (PHP 8.2)' );
			}
		}
		if ( T_CONST === $id( $t ) && in_array( $id( $next ), array( T_STRING, T_ARRAY, T_NAME_QUALIFIED, T_NAME_FULLY_QUALIFIED ), true ) && T_STRING === $id( $tokens[ $i + 2 ] ?? null ) ) {
			$found[] = array( $line, 'typed class constant (PHP 8.3)' );
		}
		if ( T_CONST === $id( $t ) && '?' === $text( $next ) ) {
			$found[] = array( $line, 'typed class constant (PHP 8.3)' );
		}
		if ( T_ATTRIBUTE === $id( $t ) && in_array( ltrim( $text( $next ), '\\' ), array( 'Override' ), true ) ) {
			$found[] = array( $line, '#[\\Override] (PHP 8.3)' );
		}
		if ( T_DOUBLE_COLON === $id( $t ) && '{' === $text( $next ) ) {
			$found[] = array( $line, 'dynamic class constant fetch (PHP 8.3)' );
		}
		if ( in_array( $id( $t ), array( T_PUBLIC, T_PROTECTED, T_PRIVATE ), true ) && '(' === $text( $next ) ) {
			$found[] = array( $line, 'asymmetric visibility (PHP 8.4)' );
		}
		if ( T_STRING === $id( $t ) && '(' === $text( $next ) && in_array( strtolower( $text( $t ) ), NEWER_FUNCTIONS, true )
			&& ! in_array( $id( $prev ), array( T_OBJECT_OPERATOR, T_NULLSAFE_OBJECT_OPERATOR, T_DOUBLE_COLON, T_FUNCTION, T_NEW ), true ) ) {
			$found[] = array( $line, $text( $t ) . '() (newer than PHP 8.1)' );
		}
		// Types: after a function's ')' + ':' (return type), and before a parameter or property variable.
		$type = null;
		if ( ':' === $text( $t ) && ')' === $text( $prev ) && is_signature( $tokens, opening_paren( $tokens, $i - 1 ) ) ) {
			$type = array();
			for ( $j = $i + 1; $j < $count && ! in_array( $text( $tokens[ $j ] ), array( '{', ';', T_DOUBLE_ARROW ), true ) && T_DOUBLE_ARROW !== $id( $tokens[ $j ] ); $j++ ) {
				$type[] = $text( $tokens[ $j ] );
			}
		} elseif ( T_VARIABLE === $id( $t ) ) {
			$type = variable_type( $tokens, $i );
		}
		if ( null !== $type ) {
			$joined = strtolower( implode( '', array_diff( $type, array( '&', '...' ) ) ) );
			$joined = ltrim( $joined, '?' );
			if ( in_array( $joined, array( 'true', 'false', 'null' ), true ) ) {
				$found[] = array( $line, "standalone {$joined} type (PHP 8.2)" );
			} elseif ( preg_match( '/\|\(|\)\|/', implode( '', $type ) ) ) {
				$found[] = array( $line, 'DNF type (PHP 8.2)' );
			} elseif ( preg_match( '/(^|\|)true($|\|)/', $joined ) ) {
				$found[] = array( $line, 'true in a type (PHP 8.2)' );
			}
		}
	}
	return $found;
}

$bad = 0;
foreach ( array_slice( $argv, 1 ) as $path ) {
	foreach ( php_files( $path ) as $file ) {
		foreach ( problems( (string) file_get_contents( $file ) ) as [ $line, $problem ] ) {
			echo "{$file}:{$line}: {$problem}\n";
			++$bad;
		}
	}
}
exit( $bad > 0 ? 1 : 0 );
