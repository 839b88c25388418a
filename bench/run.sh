#!/usr/bin/env bash
# Times rooz beside Hugo and Zola on the same synthetic event, in one run,
# alternating the tools round by round, output on tmpfs.
#
#   bench/run.sh                          N = 1k, 10k and 100k
#   NS="1000 10000" RUNS_MAP="1000:5 10000:3" bench/run.sh
#
# The sites come from the shared peer kit (../shared/bench/gen_peer_site.py,
# set PEER_KIT to use another copy) and, for rooz, bench/gen_rooz_site.py
# (the same entries in rooz's format). Three rooz builds are timed:
#   rooz-first     the card/PDF cache emptied before each build: a first
#                  build, every share card and PDF typeset;
#   rooz-cached    the cache kept: a rebuild with nothing changed;
#   rooz-notypeset `rooz build --no-typeset`: no cards or PDFs at all, the
#                  floor a cached rebuild is compared with.
# Peers missing from PATH (HUGO=hugo, ZOLA=zola) are named and skipped.
# Each timed run starts from an empty output folder; one untimed warm-up
# per tool and size. Wall time comes from bash's clock, peak RSS and CPU
# from GNU time. Results: bench/results/results.csv and results.md (median
# wall, peak RSS, HTML pages/s, ratios to Hugo).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
KIT=${PEER_KIT:-$HERE/../../shared/bench}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rooz/target}"
NS=${NS:-"1000 10000 100000"}
RUNS_MAP=${RUNS_MAP:-"1000:5 10000:3 100000:1"}
WORK=${WORK:-${TMPDIR:-/tmp}/rooz-bench}
OUT_ROOT=${OUT_ROOT:-/dev/shm/rooz-bench-out}
HUGO=${HUGO:-hugo}
ZOLA=${ZOLA:-zola}
RESULTS=${RESULTS:-$HERE/results}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "need GNU time (apt-get install time)" >&2; exit 1; }

ROOZ="$CARGO_TARGET_DIR/release/rooz"

build() { # build TOOL N OUT
  local tool=$1 n=$2 out=$3 site="$WORK/sites/rooz-$2"
  local cache
  cache="$(dirname "$out")/.$(basename "$out").rooz-cache"
  case $tool in
    hugo) "$HUGO" --source "$WORK/sites/hugo-$n" --destination "$out" --quiet ;;
    zola) "$ZOLA" --root "$WORK/sites/zola-$n" build --output-dir "$out" ;;
    rooz-first) rm -rf "$site/.rooz-cache" "$cache"
      "$ROOZ" build --root "$site" --output "$out" ;;
    rooz-cached) "$ROOZ" build --root "$site" --output "$out" ;;
    rooz-notypeset) "$ROOZ" build --no-typeset --root "$site" --output "$out" ;;
  esac
}

# One untimed-by-itself build, for GNU time to wrap: run.sh --one TOOL N OUT
if [ "${1:-}" = --one ]; then build "$2" "$3" "$4"; exit; fi

(cd "$HERE/.." && cargo build --release -q)
mkdir -p "$WORK/sites" "$WORK/logs" "$OUT_ROOT" "$RESULTS"
CSV="$WORK/results.csv"
echo "tool,version,n,run,wall_s,peak_rss_kb,user_s,sys_s,files,html,bytes,rc" > "$CSV"

tools=()
declare -A version
if command -v "$HUGO" >/dev/null; then
  tools+=(hugo); version[hugo]=$("$HUGO" version | awk '{print $2}')
else echo "missing peer: hugo ('$HUGO' not on PATH; apt-get install hugo)"; fi
if command -v "$ZOLA" >/dev/null; then
  tools+=(zola); version[zola]=$("$ZOLA" --version | awk '{print $2}')
else echo "missing peer: zola ('$ZOLA' not on PATH; it is not on crates.io or Debian)"; fi
tools+=(rooz-first rooz-cached rooz-notypeset)
for t in rooz-first rooz-cached rooz-notypeset; do
  version[$t]=$("$ROOZ" --version | awk '{print $2}')
done
echo "host: $(nproc) cpus, $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
echo "tools: ${tools[*]}"

runs_for() {
  local kv
  for kv in $RUNS_MAP; do [ "${kv%%:*}" = "$1" ] && { echo "${kv#*:}"; return; }; done
  echo 3
}

timed() { # timed TOOL N RUN
  local tool=$1 n=$2 run=$3 out="$OUT_ROOT/$1" rc=0 t0 t1
  rm -rf "$out"; sync
  t0=$EPOCHREALTIME
  "$TIME" -f '%e %M %U %S' -o "$WORK/logs/time" "$0" --one "$tool" "$n" "$out" \
    > "$WORK/logs/$tool-$n-$run.log" 2>&1 || rc=$?
  t1=$EPOCHREALTIME
  local _e rss usr sys
  read -r _e rss usr sys <<< "$(tail -n 1 "$WORK/logs/time")"
  local wall files html bytes
  wall=$(python3 -c "print(f'{$t1-$t0:.3f}')")
  # A failed build leaves no folder: count nothing rather than stop.
  files=$( (find "$out" -type f 2>/dev/null || true) | wc -l)
  html=$( (find "$out" -type f -name '*.html' 2>/dev/null || true) | wc -l)
  bytes=$( (find "$out" -type f -printf '%s\n' 2>/dev/null || true) | awk '{s+=$1} END {print s+0}')
  echo "$tool,${version[$tool]},$n,$run,$wall,$rss,$usr,$sys,$files,$html,$bytes,$rc" >> "$CSV"
  printf '  %-15s N=%-7s run %-2s %8ss %8s KiB  %7s files  rc %s\n' "$tool" "$n" "$run" "$wall" "$rss" "$files" "$rc"
}

for n in $NS; do
  echo "== N=$n: generating the sites"
  python3 "$KIT/gen_peer_site.py" "$n" "$WORK/sites/hugo-$n" hugo >/dev/null
  [[ " ${tools[*]} " == *" zola "* ]] && python3 "$KIT/gen_peer_site.py" "$n" "$WORK/sites/zola-$n" zola >/dev/null
  PEER_KIT="$KIT" python3 "$HERE/gen_rooz_site.py" "$n" "$WORK/sites/rooz-$n" >/dev/null
  for tool in "${tools[@]}"; do
    echo "  warm-up $tool"
    rm -rf "${OUT_ROOT:?}/$tool"
    build "$tool" "$n" "$OUT_ROOT/$tool" > "$WORK/logs/$tool-$n-warmup.log" 2>&1 \
      || { echo "  $tool failed at N=$n:" >&2; tail -5 "$WORK/logs/$tool-$n-warmup.log" >&2; }
  done
  runs=$(runs_for "$n")
  for ((r = 1; r <= runs; r++)); do
    order=("${tools[@]}")
    if ((r % 2 == 0)); then
      order=(); for ((i = ${#tools[@]} - 1; i >= 0; i--)); do order+=("${tools[$i]}"); done
    fi
    for tool in "${order[@]}"; do timed "$tool" "$n" "$r"; done
  done
  rm -rf "${OUT_ROOT:?}"/* "$OUT_ROOT"/.*.rooz-cache
done

python3 "$HERE/summarize.py" "$CSV" -o "$WORK/results.md"
cp "$CSV" "$WORK/results.md" "$RESULTS/"
echo "results: $RESULTS/results.csv, $RESULTS/results.md"
