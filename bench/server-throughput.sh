#!/usr/bin/env bash
# Benchmark: xinbao-server requests per second under wrk on loopback, as a ratio to a bare
# SoupServer handler measured in the same run.
#
#   bench/server-throughput.sh            # after: meson setup build && ninja -C build
#
# Measures, each for DURATION (default 10s) after a 2 s warm-up, with CONNECTIONS
# connections (default 16) on THREADS wrk threads (default 1):
#   bare      GET /                                   bare SoupServer, fixed 44-byte JSON
#   health    GET /api/v1/health                      no token, no database
#   changes   GET /api/v1/changes?since=N&limit=100    editor's token, a full page of items
#   poll      GET /api/v1/changes?since=LAST&limit=100 editor's token, nothing new
#   push      PUT /api/v1/items/{uuid}                 officer's token, a new draft each time
# Everything runs on 127.0.0.1 in a temporary directory removed at the end.
# Needs: wrk, curl, jq, cc, pkg-config and libsoup-3.0 headers.  Builds nothing of Xinbao.
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${DURATION:-10s}"
connections="${CONNECTIONS:-16}"
threads="${THREADS:-1}"
server="${XINBAO_SERVER:-build/src/server/xinbao-server}"

die () { echo "server-throughput: $*" >&2; exit 1; }
[ -x "$server" ] || die "no $server: build first (meson setup build && ninja -C build)"
for tool in wrk curl jq cc pkg-config; do
  command -v "$tool" >/dev/null || die "needs $tool (Debian: apt-get install -y wrk curl jq gcc pkg-config libsoup-3.0-dev)"
done

work="$(mktemp -d /tmp/xb-bench-XXXXXX)"
pids=()
cleanup () {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start NAME COMMAND...: runs it in the background, waits for "listening on URL", sets $url.
start () {
  local name="$1" log="$work/$1.log" pid
  shift
  "$@" >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1200); do
    url="$(sed -n 's#^listening on \(http://127\.0\.0\.1:[0-9]*\)/\{0,1\}$#\1#p' "$log" | head -n 1)"
    [ -n "$url" ] && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; die "$name exited"; }
    sleep 0.1
  done
  die "$name did not start"
}

# measure NAME URL [wrk options...]: prints one summary line, keeps wrk's output.
declare -A rps
measure () {
  local name="$1" target="$2" out="$work/wrk-$1.txt"
  shift 2
  wrk -t "$threads" -c "$connections" -d 2s "$target" "$@" >"$work/warmup-$name.txt"
  wrk -t "$threads" -c "$connections" -d "$duration" --latency "$target" "$@" >"$out"
  rps[$name]="$(awk '/^Requests\/sec:/ { print $2 }' "$out")"
  printf '%-8s %10s req/s   latency avg %-9s p50 %-9s p99 %-9s %s\n' "$name" "${rps[$name]}" \
    "$(awk '$1 == "Latency" { print $2; exit }' "$out")" \
    "$(awk '$1 == "50%" { print $2 }' "$out")" \
    "$(awk '$1 == "99%" { print $2 }' "$out")" \
    "$(grep -E '^ *Non-2xx|Socket errors' "$out" | tr -s ' ' | tr '\n' ' ' || true)"
}

ratio () { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }

json_post () { curl -sf -X POST -H 'Content-Type: application/json' --data-binary "$2" "$url$1"; }

echo "machine:  $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "loadavg:  $(cut -d' ' -f1-3 /proc/loadavg) before the run (other work on the machine skews the figures)"
echo "load:     wrk -t $threads -c $connections -d $duration on 127.0.0.1 ($(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2))"

# The baseline, compiled here from bench/bare-soup-server.c.
# shellcheck disable=SC2046
cc -O2 -o "$work/bare-soup-server" bench/bare-soup-server.c $(pkg-config --cflags --libs libsoup-3.0)
start bare "$work/bare-soup-server" 0
bare_url="$url"

# xinbao-server on a fresh demo city.  Its request log goes to a file, as under systemd.
start xinbao "$server" --data-dir "$work/data" --listen 127.0.0.1:0 --demo
xb="$url"

editor="$(json_post /api/v1/session '{"username":"editor","password":"xinbao"}')" || die "editor cannot sign in"
editor_token="$(jq -r .token <<<"$editor")"
officer="$(json_post /api/v1/session '{"username":"officer","password":"xinbao"}')" || die "officer cannot sign in"
officer_token="$(jq -r .token <<<"$officer")"
officer_unit="$(jq -r .user.unit_id <<<"$officer")"

# Walk the editor's feed once: item sequence numbers, the last cursor, a category.
since=0; item_seqs=(); category=""
while :; do
  page="$(curl -sf -H "Authorization: Bearer $editor_token" "$xb/api/v1/changes?since=$since&limit=1000")"
  mapfile -t -O "${#item_seqs[@]}" item_seqs < <(jq -r '.changes[] | select(.kind == "item") | .seq' <<<"$page")
  [ -n "$category" ] || category="$(jq -r '[.changes[] | select(.kind == "priorities") | .data.items[0]][0] // empty' <<<"$page")"
  since="$(jq -r .next <<<"$page")"
  [ "$(jq -r .more <<<"$page")" = true ] || break
done
last="$since"
(( ${#item_seqs[@]} >= 200 )) || die "the demo feed has only ${#item_seqs[@]} items"
[ -n "$category" ] || die "no reporting priorities in the feed"
mid=$(( item_seqs[${#item_seqs[@]} / 2] - 1 ))
page_url="$xb/api/v1/changes?since=$mid&limit=100"
page_bytes="$(curl -sf -H "Authorization: Bearer $editor_token" "$page_url" | wc -c)"
page_items="$(curl -sf -H "Authorization: Bearer $editor_token" "$page_url" | jq '[.changes[] | select(.kind == "item")] | length')"
echo "feed:     ${#item_seqs[@]} items visible to the editor, last seq $last; changes page since=$mid: $page_items items of 100, $page_bytes bytes"
echo

# The bare handler is measured first and last: on a shared machine the spread of the two
# shows how much the figures can be trusted; the ratios use their mean.
measure bare "$bare_url/"
bare_first="${rps[bare]}"
measure health "$xb/api/v1/health"
measure changes "$page_url" -H "Authorization: Bearer $editor_token"
echo "         = $(awk -v r="${rps[changes]}" -v n="$page_items" -v b="$page_bytes" 'BEGIN { printf "%.0f items/s, %.1f MB/s", r * n, r * b / 1e6 }') pulled"
measure poll "$xb/api/v1/changes?since=$last&limit=100" -H "Authorization: Bearer $editor_token"
measure push "$xb" -s bench/push-items.lua -H "Authorization: Bearer $officer_token" -- "$officer_unit" "$category"
grep '^status ' "$work/wrk-push.txt" | sed 's/^/         /'
measure bare "$bare_url/"
bare_last="${rps[bare]}"
rps[bare]="$(awk -v a="$bare_first" -v b="$bare_last" 'BEGIN { printf "%.2f", (a + b) / 2 }')"

# Every acknowledged push is in the feed exactly once (in-flight ones at the end may add a few).
created=0; since="$last"
while :; do
  page="$(curl -sf -H "Authorization: Bearer $editor_token" "$xb/api/v1/changes?since=$since&limit=1000")"
  created=$(( created + $(jq '[.changes[] | select(.kind == "item" and .data.state == "draft")] | length' <<<"$page") ))
  since="$(jq -r .next <<<"$page")"
  [ "$(jq -r .more <<<"$page")" = true ] || break
done
acknowledged="$(awk '/^status 201:/ { n += $3 } END { print n + 0 }' "$work/warmup-push.txt" "$work/wrk-push.txt")"
echo "push check: $created new drafts in the feed for $acknowledged acknowledged (201) pushes, warm-up included"
echo "            (at most $((2 * connections)) more: requests in flight when wrk stopped)"
(( created >= acknowledged )) || die "the server lost acknowledged pushes"
(( created <= acknowledged + 2 * connections )) || die "more drafts than pushes: duplicates?"

echo
echo "ratio to the bare SoupServer handler (same run; bare $bare_first and $bare_last req/s, mean ${rps[bare]}):"
for name in health changes poll push; do
  printf '  %-8s %s\n' "$name" "$(ratio "${rps[$name]}" "${rps[bare]}")"
done
