#!/bin/sh
# One-shot WordPress setup for docker-compose.yml's `wpcli` service
# (image wordpress:cli-php8.2, working dir /var/www/html). Idempotent: safe to
# run again on an existing site. Lives in plugin/bin/, which .ci/package.mjs
# leaves out of the plugin zip.
#
# Env: WORDPRESS_DB_HOST/USER/PASSWORD/NAME (as for the wordpress service),
# SHARED_SECRET (the sidecar's), optional SITE_URL, SIDECAR_URL,
# WAIT_TRIES (default 90, 2 s apart).
set -eu

SITE_URL="${SITE_URL:-http://localhost:8080}"
SIDECAR_URL="${SIDECAR_URL:-http://sidecar:8787}"
WAIT_TRIES="${WAIT_TRIES:-90}"
: "${SHARED_SECRET:?SHARED_SECRET must be set}"

# The database answers (checked from PHP's mysqli, as WordPress connects; the
# mysql CLI client's TLS defaults differ between MariaDB versions).
db_ready() {
	php -r '
		$parts = explode(":", (string) getenv("WORDPRESS_DB_HOST"), 2);
		mysqli_report(MYSQLI_REPORT_OFF);
		$db = @mysqli_connect($parts[0], getenv("WORDPRESS_DB_USER"), getenv("WORDPRESS_DB_PASSWORD"),
			getenv("WORDPRESS_DB_NAME"), isset($parts[1]) ? (int) $parts[1] : 3306);
		exit($db ? 0 : 1);
	' >/dev/null 2>&1
}

echo 'wpcli: waiting for the WordPress files (copied by the wordpress container) and the database'
tries=0
until [ -f wp-config.php ] && [ -f wp-includes/version.php ] && db_ready; do
	tries=$((tries + 1))
	if [ "$tries" -ge "$WAIT_TRIES" ]; then
		echo 'wpcli: gave up waiting for WordPress and the database' >&2
		exit 1
	fi
	sleep 2
done

if ! wp core is-installed >/dev/null 2>&1; then
	wp core install --url="$SITE_URL" --title='RU Payments dev' \
		--admin_user=admin --admin_password=admin --admin_email=admin@example.com --skip-email
fi

if wp plugin is-installed woocommerce; then
	wp plugin activate woocommerce
else
	wp plugin install woocommerce --activate
fi

wp plugin activate ru-payments-for-woocommerce
wp option update ru_payments_sidecar_url "$SIDECAR_URL"
wp option update ru_payments_sidecar_secret "$SHARED_SECRET"
wp rewrite structure '/%postname%/'

echo "wpcli: done: $SITE_URL/wp-admin/ (admin / admin)"
