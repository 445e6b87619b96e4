#!/usr/bin/env bash
# Source-based line coverage of the library reached by the fuzz corpora: builds
# the six targets with clang's coverage mapping (-fprofile-instr-generate
# -fcoverage-mapping, UBSan only), replays each target's corpus once
# (`TARGET -runs=0 CORPUS`: no mutation, every input run once), and prints
# llvm-cov's per-file table of the library's sources (not fuzz/ or tests/)
# for each target and for all six together.
#
# Usage: fuzz/coverage.sh CORPUS_ROOT [BUILD_DIR]
#   CORPUS_ROOT  a folder with one corpus folder per target (CORPUS_ROOT/parse_fuzz, ...),
#                e.g. the seeds of fuzz/make-corpus.sh or a long run's corpora
#   BUILD_DIR    default: build-fuzz-coverage at the top of the repository
# Output: BUILD_DIR/coverage/TARGET.txt and all.txt (llvm-cov report), and a
# summary line per target on standard output.
set -euo pipefail

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "usage: fuzz/coverage.sh CORPUS_ROOT [BUILD_DIR]" >&2
  exit 2
fi
CORPUS_ROOT="$(cd "$1" && pwd)"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${2:-$ROOT/build-fuzz-coverage}"
TARGETS=(parse_fuzz check_fuzz eval_fuzz csv_fuzz load_fuzz capi_fuzz)
PROFDATA="$(command -v llvm-profdata || command -v llvm-profdata-14)"
COV="$(command -v llvm-cov || command -v llvm-cov-14)"

flags="-fprofile-instr-generate -fcoverage-mapping"
cmake -G Ninja -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DTHOLOS_FUZZ=ON \
  -DTHOLOS_FUZZ_SANITIZERS=undefined -DTHOLOS_BUILD_TESTS=OFF \
  -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fprofile-instr-generate" \
  -DCMAKE_SHARED_LINKER_FLAGS="-fprofile-instr-generate" > /dev/null
cmake --build "$BUILD" -j "${FUZZ_JOBS:-2}" --target "${TARGETS[@]}"

# Only the library's own sources count: not the system's headers, the fuzz
# targets, the tests or files generated in the build folder.
ignore="^(/usr/|$ROOT/fuzz/|$ROOT/tests/|$BUILD/)"
out="$BUILD/coverage"
rm -rf "$out"
mkdir -p "$out/profiles"
objects=()
for target in "${TARGETS[@]}"; do
  corpus="$CORPUS_ROOT/$target"
  [ -d "$corpus" ] || { echo "$target: no corpus at $corpus, skipped"; continue; }
  # Run in an empty folder (libFuzzer writes any crash input to the working
  # directory); %p gives each process its own profile.
  work="$(mktemp -d)"
  (cd "$work" && LLVM_PROFILE_FILE="$out/profiles/$target-%p.profraw" \
    "$BUILD/fuzz/$target" -runs=0 -timeout=60 -rss_limit_mb=4096 "$corpus" > "$out/$target.log" 2>&1)
  rm -rf "$work"
  "$PROFDATA" merge -sparse "$out/profiles/$target"-*.profraw -o "$out/$target.profdata"
  # The shared library, for the targets that call the public API; the others
  # link the stages they call statically.
  library=()
  # (grep without -q: with pipefail, -q can fail the pipe by leaving ldd a SIGPIPE)
  ldd "$BUILD/fuzz/$target" | grep libtholos > /dev/null && library=(-object "$BUILD/api/libtholos.so")
  "$COV" report "$BUILD/fuzz/$target" "${library[@]}" -instr-profile="$out/$target.profdata" \
    -ignore-filename-regex="$ignore" > "$out/$target.txt"
  inputs="$(find "$corpus" -type f | wc -l)"
  echo "$target ($inputs inputs): $(grep '^TOTAL' "$out/$target.txt" | awk '{print "regions " $4 ", functions " $7 ", lines " $10}')"
  objects+=(-object "$BUILD/fuzz/$target")
done

"$PROFDATA" merge -sparse "$out"/*.profdata -o "$out/all.profdata"
library=()
[ -f "$BUILD/api/libtholos.so" ] && library=(-object "$BUILD/api/libtholos.so")
"$COV" report "${objects[@]:1}" "${library[@]}" -instr-profile="$out/all.profdata" \
  -ignore-filename-regex="$ignore" > "$out/all.txt"
echo "all targets: $(grep '^TOTAL' "$out/all.txt" | awk '{print "regions " $4 ", functions " $7 ", lines " $10}')"
echo "per-file tables: $out/*.txt"
