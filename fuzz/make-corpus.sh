#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from the repository's own
# files, one folder per target, in OUT_DIR (default: build-fuzz/fuzz-seeds):
#
#   parse_fuzz, check_fuzz  every *.tholos file of tests/, examples/,
#                           stdlib/presets/ and fuzz/rules/
#   eval_fuzz               the same files, each followed by a 46-byte study
#                           block (two study shapes), and expressions over
#                           each bundled rule (see the layout in eval_fuzz.cpp)
#   csv_fuzz                every CSV file of tests/ and examples/ (files over
#                           16 KiB: their first 4 KiB)
#   load_fuzz               every ratings.csv of tests/ and examples/ (their
#                           first 4 KiB), after a control byte (load_fuzz.cpp)
#   capi_fuzz               hand-written call sequences (see capi_fuzz.c)
#
# Seeds are named after their sources. The generated folders are build
# products: do not commit them.
#
# Usage: fuzz/make-corpus.sh [OUT_DIR]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/build-fuzz/fuzz-seeds}"
TARGETS=(parse_fuzz check_fuzz eval_fuzz csv_fuzz load_fuzz capi_fuzz)

for t in "${TARGETS[@]}"; do
  rm -rf "${OUT:?}/$t"
  mkdir -p "$OUT/$t"
done

# Copies stdin into folder $1 as file $2 (a name made from where the seed
# comes from; libFuzzer drops duplicate contents itself).
add_seed() {
  cat > "$1/$2"
}

# printf-escaped bytes ("\x41\x42...") of N bytes following a simple pattern.
bytes() {
  local n="$1" mul="$2" add="$3" mod="$4" i b out=""
  for ((i = 0; i < n; ++i)); do
    printf -v b '\\x%02x' $(((i * mul + add) % mod))
    out+="$b"
  done
  printf '%s' "$out"
}

# --- rule files --------------------------------------------------------------
mapfile -t RULES < <(cd "$ROOT" && find tests examples stdlib/presets fuzz/rules -name '*.tholos' \
                       -not -path '*/build*' | LC_ALL=C sort)
for f in "${RULES[@]}"; do
  add_seed "$OUT/parse_fuzz" "${f//\//_}" < "$ROOT/$f"
  add_seed "$OUT/check_fuzz" "${f//\//_}" < "$ROOT/$f"
done

# --- eval_fuzz ------------------------------------------------------------------
# The study block, front to back: 32 answer bytes (the last is read first),
# seed (4), mischief, flags (low, high), groups, rounds, statements,
# panelists, scale, rule index, mode. Ranges are taken modulo, so:
#   shape A: scale 1..5, 8 panelists, 4 statements, 2 rounds, 2 groups, no flags
#   shape B: scale 1..9, 14 panelists, 6 statements, 3 rounds, 3 groups,
#            invitations, mixed answers, empty groups, one round, a param
#            override, every rendering (flags 0x850b)
ANSWERS_A="$(bytes 32 37 16 154)"   # kinds 0..9 mostly: ratings
ANSWERS_B="$(bytes 32 53 7 256)"    # every kind: blanks, codes, gaps too
block() {  # block ANSWERS SCALE PANELISTS STATEMENTS ROUNDS GROUPS FLAGS_LO FLAGS_HI RULE MODE
  # Escapes only: the caller's printf turns them into bytes (NUL included).
  printf '%s' "$1" '\x2a\x17\x05\x09\xff' "\\x$7\\x$8\\x$6\\x$5\\x$4\\x$3\\x$2\\x$9\\x${10}"
}
for f in "${RULES[@]}"; do
  { cat "$ROOT/$f"; printf "$(block "$ANSWERS_A" 00 08 04 01 02 00 00 00 00)"; } |
    add_seed "$OUT/eval_fuzz" "${f//\//_}.A"
  { cat "$ROOT/$f"; printf "$(block "$ANSWERS_B" 01 0e 06 02 03 0b 85 00 00)"; } |
    add_seed "$OUT/eval_fuzz" "${f//\//_}.B"
done
# Bundled rules (mode 1): the text is "override value\nexpression".
RULE_COUNT="$(find "$ROOT/fuzz/rules" -name '*.tholos' | wc -l)"
EXPRESSIONS=(
  $'80%\nshare(rating >= 4)'
  $'0.5\nmedian(rating) + iqr(rating)'
  $'1..2\ncount(statements where count(rating) > 2)'
  $'true\nevery group (count(rating) >= 2)'
  $'3\nprevious(mean(rating))'
  $'90%\nrating where group = "patient"'
  $'1/0\nkendall_w(statements)'
)
for ((r = 0; r < RULE_COUNT; ++r)); do
  printf -v rule '%02x' "$r"
  for ((e = 0; e < ${#EXPRESSIONS[@]}; ++e)); do
    block_a="$(block "$ANSWERS_A" 00 08 04 01 02 00 00 "$rule" 01)"
    block_b="$(block "$ANSWERS_B" 01 0e 06 02 03 0b 85 "$rule" 01)"
    { printf '%s' "${EXPRESSIONS[e]}"; printf "$block_a"; } |
      add_seed "$OUT/eval_fuzz" "bundled-$r-$e.A"
    { printf '%s' "${EXPRESSIONS[e]}"; printf "$block_b"; } |
      add_seed "$OUT/eval_fuzz" "bundled-$r-$e.B"
  done
done

# --- csv_fuzz ---------------------------------------------------------------------
while IFS= read -r f; do
  if [ "$(stat -c %s "$ROOT/$f")" -gt 16384 ]; then
    head -c 4096 "$ROOT/$f" | add_seed "$OUT/csv_fuzz" "${f//\//_}"
  else
    add_seed "$OUT/csv_fuzz" "${f//\//_}" < "$ROOT/$f"
  fi
done < <(cd "$ROOT" && find tests examples -name '*.csv' -not -path '*/build*' | LC_ALL=C sort)

# --- load_fuzz --------------------------------------------------------------------
# Control bytes: chunks of 1, 6 and 33 bytes, after 1 or 4 rows read one at a time.
while IFS= read -r f; do
  for control in 00 45 60; do
    { printf "\x$control"; head -c 4096 "$ROOT/$f"; } |
      add_seed "$OUT/load_fuzz" "${f//\//_}.$control"
  done
done < <(cd "$ROOT" && find tests examples -name 'ratings.csv' -not -path '*/build*' | LC_ALL=C sort)

# --- capi_fuzz --------------------------------------------------------------------
# Each step is an operation byte and its arguments (capi_fuzz.c):
#   06 00                 new study builder in slot 0
#   0e 00 0a 04 01 01 07  a whole study in builder 0: 10 panelists, 4 items,
#                         2 rounds, ratings 1..9, then 10 group bytes and
#                         80 answer bytes
#   10 00 00 00           build builder 0 into study slot 0
#   00 01 00 00 00 RR 00  compile bundled rule RR into program slot 0
#   03 ...                compile host rule 0 with host functions f0, f1
#   14 00                 new evaluation options in slot 0
#   17 00 00 00 00 00     evaluate program 0 over study 0 into report 0
#   1a 00                 the report's JSON
#   1b 00 03 01           the report as CSV
#   1d 00 00 3a 00 00 01 00  the expression median(rating), as JSON
#   1c 00 ...             every accessor of report 0
# A study in builder 0, built into study slot 0: 10 panelists, 4 items, 2 rounds,
# ratings LOW..HIGH (op 0e reads the low end as a byte % 2 and the high end as
# 2 + byte % 8), then 10 group bytes and 80 answer bytes: under 220 a rating, 220-234
# the code "DK", 235-249 a blank. ANSWER_MOD 230 gives some "DK" (an evaluation error
# unless the rules declare the code), 220 ratings only.
study() { # LOW HIGH ANSWER_MOD
  printf '\\x06\\x00\\x0e\\x00\\x0a\\x04\\x01\\x%02x\\x%02x%s%s\\x10\\x00\\x00\\x00' \
    "$1" "$(($2 - 2))" "$(bytes 10 1 0 4)" "$(bytes 80 37 11 "$3")"
}
STUDY="$(study 1 9 230)"
EVALUATE="\x14\x00\x17\x00\x00\x00\x00\x00\x1a\x00\x1b\x00\x03\x01"
EVALUATE+="\x1d\x00\x00\x3a\x00\x00\x01\x00\x1c\x00\x00\x00\x00"
mapfile -t BUNDLED < <(cd "$ROOT/fuzz/rules" && find . -name '*.tholos' | LC_ALL=C sort)
for ((r = 0; r < RULE_COUNT; ++r)); do
  printf -v rule '%02x' "$r"
  printf "$STUDY\x00\x01\x00\x00\x00\x$rule\x00$EVALUATE" |
    add_seed "$OUT/capi_fuzz" "bundled-rule-$r"
  # And over a study on the rule's own scale (its "# fuzz-study:" line), without codes,
  # so that the evaluation succeeds; op 0e has no criteria and no 0..1 scale.
  header="$(grep -m1 '^# fuzz-study:' "$ROOT/fuzz/rules/${BUNDLED[$r]}" || true)"
  if [[ "$header" =~ scale=([01])\.\.([2-9])($|[[:space:]]) && "$header" != *criteria=* ]]; then
    printf "$(study "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" 220)\x00\x01\x00\x00\x00\x$rule\x00$EVALUATE" |
      add_seed "$OUT/capi_fuzz" "bundled-rule-$r-on-its-scale"
  fi
done
# Host rule 0 (scale 1..9, f0 and f1) over a study without codes: the host functions
# are called; each seed gives both functions one behaviour (capi_fuzz_host.c).
HOST_FUNCTION="\x00\x00\x01\x00\x00\x00\x01\x00\x00\x01"
for behaviour in 00 01 02 03 04 05; do
  functions="$HOST_FUNCTION\x$behaviour$HOST_FUNCTION\x$behaviour"
  printf "$(study 1 9 220)\x03\x01\x00\x00\x02\x00\x00\x02$functions\x01$EVALUATE" |
    add_seed "$OUT/capi_fuzz" "host-functions-$behaviour"
done
# Calls on NULL handles and with wrong arguments only.
NULLS='\x17\x03\x03\x03\x03\x01\x1a\x03\x1b\x03\x07\x01\x1c\x03\x00\x16\x03\x01'
NULLS+='\x10\x03\x03\x01\x05\x03\x1f\x00\xff'
printf "$NULLS" |
  add_seed "$OUT/capi_fuzz" "null-handles"

for t in "${TARGETS[@]}"; do
  printf '%-11s %4d seeds in %s\n' "$t" "$(find "$OUT/$t" -type f | wc -l)" "$OUT/$t"
done
