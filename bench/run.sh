#!/usr/bin/env bash
# Times rooz beside Hugo (and Zola, when on PATH) on the same synthetic
# event, with the shared peer kit (../../shared/bench/run_peers.sh; set
# PEER_KIT to use another copy). Builds rooz in release mode first.
#
#   bench/run.sh                 NS="1000 10000" by default
#   NS="1000" RUNS_MAP="1000:5" bench/run.sh
#
# Two rooz variants are timed in turn: `rooz-cold` empties the card/PDF
# cache before each build (first build of a site), `rooz-warm` keeps it
# (a rebuild after an edit: only what changed is typeset). Results are
# written to bench/results/ (results.csv, results.md).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
KIT=${PEER_KIT:-$HERE/../../shared/bench}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rooz/target}"
(cd "$HERE/.." && cargo build --release -q)
ROOZ="$CARGO_TARGET_DIR/release/rooz"
export NS=${NS:-"1000 10000"}
export RUNS_MAP=${RUNS_MAP:-"1000:5 10000:3"}
export OUT_ROOTS=${OUT_ROOTS:-"/dev/shm/rooz-bench-out"}
export WORK=${WORK:-$HERE/work}
export TOOLS=${TOOLS:-hugo}
export OURS_PREP="python3 '$HERE/gen_rooz_site.py' \"\$N\" \"\$SITE_OURS\""
mkdir -p "$HERE/results"
for variant in cold warm; do
  if [ "$variant" = cold ]; then
    export OURS_CMD="rm -rf \"\$SITE_OURS/.rooz-cache\" && '$ROOZ' build --root \"\$SITE_OURS\" --output \"\$OUT\" 2>/dev/null"
  else
    export OURS_CMD="'$ROOZ' build --root \"\$SITE_OURS\" --output \"\$OUT\" 2>/dev/null"
  fi
  OURS_NAME="rooz-$variant" OURS_VERSION="$("$ROOZ" --version | cut -d' ' -f2)" \
    RESULTS_DIR="$HERE/results/$variant" bash "$KIT/run_peers.sh"
done
