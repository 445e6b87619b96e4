#!/usr/bin/env bash
# Builds the fuzz targets (if needed), makes their seed corpora and runs each
# target for SECONDS seconds, then prints per target the executions, exec/s,
# coverage (cov: and ft: of libFuzzer's final stats) and corpus size. Exits
# non-zero when any target finds a crash, a leak, a timeout or runs out of
# memory; the input that did it is in BUILD_DIR/fuzz-artifacts/TARGET/.
#
# Usage: fuzz/run.sh [SECONDS] [BUILD_DIR]
#   SECONDS    per target (default 30)
#   BUILD_DIR  default: build-fuzz at the top of the repository
# Environment:
#   FUZZ_TARGETS  the targets to run (default: all six)
#   FUZZ_JOBS     build parallelism (default 2)
#   FUZZ_ARGS     more libFuzzer flags, e.g. "-runs=10000000" or "-jobs=2"
#
# The runs use -entropic=0: with the grammar's many coverage features,
# libFuzzer 14's entropic schedule spends most of the time in
# InputCorpus::UpdateFeatureFrequency (3 to 4 times fewer executions, and
# less coverage in the same time). FUZZ_ARGS=-entropic=1 brings it back.
#   CC, CXX       compilers (default clang, clang++)
#
# Works on Debian 12 from a fresh clone with the project's build dependencies
# installed; without clang (and libFuzzer) it installs them with apt-get when
# run as root.
set -euo pipefail

SECONDS_PER_TARGET="${1:-30}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${2:-$ROOT/build-fuzz}"
mkdir -p "$BUILD"
BUILD="$(cd "$BUILD" && pwd)"
TARGETS=(${FUZZ_TARGETS:-parse_fuzz check_fuzz eval_fuzz csv_fuzz load_fuzz capi_fuzz})
CC="${CC:-clang}"
CXX="${CXX:-clang++}"

if ! [[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]] || [ "$SECONDS_PER_TARGET" -lt 1 ]; then
  echo "usage: fuzz/run.sh [SECONDS] [BUILD_DIR]" >&2
  exit 2
fi

# --- clang with libFuzzer ------------------------------------------------------------
have_libfuzzer() {
  local probe
  probe="$(mktemp -d)"
  cat > "$probe/probe.cpp" << 'EOF'
#include <fuzzer/FuzzedDataProvider.h>
extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }
EOF
  if "$CXX" -fsanitize=fuzzer,address,undefined "$probe/probe.cpp" -o "$probe/probe" \
       2> /dev/null; then
    rm -rf "$probe"
    return 0
  fi
  rm -rf "$probe"
  return 1
}
if ! command -v "$CXX" > /dev/null || ! have_libfuzzer; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    echo "== installing clang and libFuzzer (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q clang
    version="$(clang --version | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -n1)"
    apt-get install -y -q "libclang-rt-$version-dev" || true
  fi
  if ! command -v "$CXX" > /dev/null || ! have_libfuzzer; then
    echo "fuzz/run.sh: $CXX with libFuzzer (-fsanitize=fuzzer) is needed; on Debian:" \
         "apt-get install clang libclang-rt-14-dev" >&2
    exit 2
  fi
fi

# --- build -------------------------------------------------------------------------
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  generator=()
  command -v ninja > /dev/null && generator=(-G Ninja)
  cmake "${generator[@]}" -S "$ROOT" -B "$BUILD" -DTHOLOS_FUZZ=ON -DTHOLOS_BUILD_TESTS=OFF \
        -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_BUILD_TYPE=RelWithDebInfo
else
  cmake -S "$ROOT" -B "$BUILD" -DTHOLOS_FUZZ=ON > /dev/null
fi
cmake --build "$BUILD" --target "${TARGETS[@]}" -j "${FUZZ_JOBS:-2}"

# --- corpora -----------------------------------------------------------------------
"$ROOT/fuzz/make-corpus.sh" "$BUILD/fuzz-seeds"

# --- run -----------------------------------------------------------------------------
# Imports resolve relative to the working directory for some calls: run in
# an empty one.
WORK="$BUILD/fuzz-work"
mkdir -p "$WORK" "$BUILD/fuzz-logs"
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

status=0
results=()
for t in "${TARGETS[@]}"; do
  corpus="$BUILD/fuzz-corpus/$t"
  artifacts="$BUILD/fuzz-artifacts/$t"
  log="$BUILD/fuzz-logs/$t.log"
  mkdir -p "$corpus" "$artifacts"
  echo "== $t: ${SECONDS_PER_TARGET}s (log: $log)"
  rc=0
  # shellcheck disable=SC2086  # FUZZ_ARGS is a list of flags
  (cd "$WORK" && "$BUILD/fuzz/$t" -entropic=0 -dict="$ROOT/fuzz/tholos.dict" -timeout=10 \
      -rss_limit_mb=2048 -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 \
      -artifact_prefix="$artifacts/" ${FUZZ_ARGS:-} "$corpus" "$BUILD/fuzz-seeds/$t") \
      > "$log" 2>&1 || rc=$?
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)"
  speed="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n1)"
  cov="$(grep -o 'cov: [0-9]*' "$log" | tail -n1 | cut -d' ' -f2)"
  ft="$(grep -o 'ft: [0-9]*' "$log" | tail -n1 | cut -d' ' -f2)"
  size="$(find "$corpus" -type f | wc -l)"
  found="$(grep -E -m1 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY: ' \
             "$log" || true)"
  verdict="ok"
  if [ "$rc" -ne 0 ] || [ -n "$found" ]; then
    verdict="FAILED (exit $rc): ${found:-see log}"
    status=1
    grep -E '^(==[0-9]+==|SUMMARY|    #[0-9]+ |.*runtime error:|Test unit written)' "$log" |
      head -n 40 || true
  fi
  results+=("$(printf '%-11s %12s %9s %7s %8s %8s  %s' "$t" "${execs:-?}" "${speed:-?}" \
                 "${cov:-?}" "${ft:-?}" "$size" "$verdict")")
done

echo
printf '%-11s %12s %9s %7s %8s %8s  %s\n' target executions exec/s cov ft corpus result
printf '%s\n' "${results[@]}"
if [ "$status" -ne 0 ]; then
  echo
  echo "A target failed. Reproduce with: $BUILD/fuzz/TARGET $BUILD/fuzz-artifacts/TARGET/crash-..."
fi
exit "$status"
