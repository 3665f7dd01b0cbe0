<?php
/**
 * Router for `php -S`: existing files and folders are served as they are (PHP files run), any
 * other path goes to WordPress's front controller, as Apache's rewrite rules would send it.
 */
$rup_path = (string) parse_url( $_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH );
$rup_file = $_SERVER['DOCUMENT_ROOT'] . $rup_path;
if ( '/' !== $rup_path && ( is_file( $rup_file ) || is_dir( $rup_file ) ) ) {
	return false;
}
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
