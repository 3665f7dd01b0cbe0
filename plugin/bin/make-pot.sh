#!/usr/bin/env bash
# Regenerates languages/ru-payments-for-woocommerce.pot from the PHP sources, merges it into every
# .po file and compiles the .mo files. Needs GNU gettext (xgettext, msgcat, msgmerge, msgfmt).
#
#   plugin/bin/make-pot.sh             regenerate .pot, update .po, compile .mo
#   plugin/bin/make-pot.sh OUT.pot     only write a fresh template to OUT.pot (used by the tests)
set -euo pipefail

PLUGIN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LANG_DIR="$(cd "$PLUGIN_DIR/../languages" && pwd)"
DOMAIN="ru-payments-for-woocommerce"
VERSION="$(tr -d '[:space:]' < "$PLUGIN_DIR/../version.txt")"
POT="$LANG_DIR/$DOMAIN.pot"
OUT="${1:-}"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cd "$PLUGIN_DIR"
# shellcheck disable=SC2046
xgettext --language=PHP --from-code=UTF-8 --add-comments=translators: --sort-by-file \
	--keyword --keyword=__ --keyword=_e --keyword=esc_html__ --keyword=esc_html_e \
	--keyword=esc_attr__ --keyword=esc_attr_e --keyword=_x:1,2c --keyword=_n:1,2 \
	--keyword=_nx:1,2,4c --keyword=esc_html_x:1,2c --keyword=esc_attr_x:1,2c \
	--package-name="RU Payments for WooCommerce" --package-version="$VERSION" \
	--copyright-holder="RU Payments contributors" \
	--msgid-bugs-address="https://wordpress.org/support/plugin/$DOMAIN" \
	--output="$tmp/code.pot" \
	ru-payments-for-woocommerce.php uninstall.php $(find src -name '*.php' | LC_ALL=C sort)

# Plugin header strings, translated by WordPress on the Plugins screen.
header_value() { sed -n "s/^ \* $1: *//p" ru-payments-for-woocommerce.php | head -n1; }
{
	printf '#. Plugin Name of the plugin\nmsgid "%s"\nmsgstr ""\n\n' "$(header_value 'Plugin Name')"
	printf '#. Description of the plugin\nmsgid "%s"\nmsgstr ""\n' "$(header_value 'Description')"
} > "$tmp/header.pot"
msgcat --use-first --sort-by-file "$tmp/code.pot" "$tmp/header.pot" \
	| sed -e '1s/.*/# Translation template for RU Payments for WooCommerce./' \
		-e 's/^# Copyright (C) YEAR /# Copyright (C) /' > "$tmp/new.pot"

if [ -n "$OUT" ]; then
	cp "$tmp/new.pot" "$OUT"
	exit 0
fi

# Keep the old file when only the creation date would change.
if [ -f "$POT" ] && diff -q -I '^"POT-Creation-Date:' "$POT" "$tmp/new.pot" > /dev/null; then
	echo "$POT is up to date"
else
	cp "$tmp/new.pot" "$POT"
	echo "wrote $POT"
fi

for po in "$LANG_DIR"/"$DOMAIN"-*.po; do
	[ -e "$po" ] || continue
	msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" "$POT"
	msgfmt --check --statistics --output-file="${po%.po}.mo" "$po"
	echo "compiled ${po%.po}.mo"
done
