#!/bin/sh
# Regenerate the translation template from POTFILES and merge it into every
# language listed in LINGUAS, then print the msgfmt statistics.
#
#   po/update.sh            # from anywhere
#   XINBAO_POT=out.pot po/update.sh
#
# Files listed in POTFILES that do not exist yet are skipped with a note.
set -eu

podir=$(cd "$(dirname "$0")" && pwd)
topdir=$(dirname "$podir")
pot=${XINBAO_POT:-${TMPDIR:-/tmp}/xinbao.pot}
version=$(sed -n "s/^ *version: *'\([^']*\)'.*/\1/p" "$topdir/meson.build" | head -n 1)

cd "$topdir"

files=$(mktemp)
trap 'rm -f "$files"' EXIT

sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' po/POTFILES |
  while IFS= read -r f; do
    [ -n "$f" ] || continue
    if [ -f "$f" ]; then
      printf '%s\n' "$f"
    else
      printf 'skipping missing %s\n' "$f" >&2
    fi
  done > "$files"

xgettext \
  --from-code=UTF-8 \
  --add-comments \
  --keyword=_ \
  --keyword=N_ \
  --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format \
  --flag=C_:2:pass-c-format \
  --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format \
  --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format \
  --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format \
  --package-name=xinbao \
  ${version:+--package-version="$version"} \
  --files-from="$files" \
  -o "$pot"

echo "template: $pot ($(grep -c '^msgid ' "$pot") entries including the header)"

sed -e 's/#.*//' -e 's/[[:space:]]//g' po/LINGUAS | while IFS= read -r lang; do
  [ -n "$lang" ] || continue
  po="po/$lang.po"
  if [ -f "$po" ]; then
    msgmerge --quiet --update --backup=none --previous "$po" "$pot"
  else
    msginit --no-translator --locale="$lang.UTF-8" --input="$pot" --output-file="$po"
  fi
  printf '%s: ' "$lang"
  msgfmt --check --statistics -o /dev/null "$po" 2>&1
  todo=$(msgattrib --only-fuzzy "$po" | grep -c '^msgid ' || true)
  untranslated=$(msgattrib --untranslated "$po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when anything is selected.
  if [ "$todo" -gt 0 ] || [ "$untranslated" -gt 1 ]; then
    echo "  to review: msgattrib --only-fuzzy $po; msgattrib --untranslated $po"
  fi
done
