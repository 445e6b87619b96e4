#!/usr/bin/env Rscript
# tests/reference/make_descriptive_fixtures.R
#
# Reference values for Tholos's descriptive statistics (stdlib/descriptive.hpp,
# stdlib/quantile.hpp), computed by R. Does not use Tholos.
#
# Regenerate from the repository root (base R only; made with R 4.2.2,
# Debian r-base-core):
#
#   Rscript tests/reference/make_descriptive_fixtures.R
#
# It writes tests/data/reference/descriptive.csv, which is committed, so the
# tests (tests/stdlib/descriptive_fixture_test.cpp) need no R. The cases come
# from a fixed seed: the same R version writes the same file.
#
# Cases: ratings on the scales 1..5, 1..9, 0..1, -3..3 and 0..10; n = 0, 1,
# 2, 3, small and large n; all-equal ratings; ties for the mode; two-peaked
# (bimodal) ratings; skewed ratings; n = 45 and n = 90, where R's
# floating-point n * p misplaces the steps of quantile types 1-3 (see below);
# a mean of exactly 0; and the vectors of ../shared/reference/VECTORS.md.
#
# Columns (one row per case x statistic, x type and p for quantiles):
#   case       a name for the rating vector
#   low        the scale point the first count stands for
#   counts     how many ratings equal low, low + 1, ..., joined by ";"
#   n          the number of ratings
#   statistic  count mean var sd cv median mad mad_raw mode min max range
#              quantile iqr
#   type       Hyndman & Fan type 1..9 (quantile and iqr), else empty
#   p          the probability as written in a rule file ("0.3", "1/3"),
#              quantile only, else empty
#   value      what Tholos must give, with p as the exact rational it denotes;
#              NA means missing
#   r_value    what R gives for the same input, p being R's double
#   note       empty when value and r_value agree, else why they differ
# Numbers are sprintf("%.17g"); R's NA, NaN and Inf are written as R prints them.
#
# Where Tholos's definition differs from R's output, deliberately:
#   * missing (NA) replaces every non-finite R result: mean, median, quantile
#     of nothing are NA or NaN in R; min/max of nothing are Inf/-Inf and
#     range is -Inf; cv with a mean of 0 is Inf or NaN (sd / 0).
#   * var, sd and cv of one rating are NA in both (Tholos: needs n >= 2).
#   * quantile types 1-3 have steps; R computes n * p (or n * p - 0.5) in
#     floating point, and e.g. 45 * 0.7 = 31.499999999999996 puts R's type 3
#     on the wrong side of the step at 31.5. Tholos reads the literal 0.7 as
#     7/10 and computes the step exactly; `value` holds that (computed below in
#     integer arithmetic), `r_value` what R's quantile() prints.
#   * mad: R's constant is the double 1.4826, Tholos's the exact 7413/5000;
#     they agree to the last bit or two (well inside the tests' 1e-9).
#   * mode and range: R has no mode() for data, so mode is computed from the
#     tabulated counts (missing when the highest count is shared); Tholos's
#     range is max - min (R's range() gives the pair; here diff(range(x))).

set.seed(20240611)

probabilities <- list(
  list(text = "0", num = 0, den = 1), list(text = "0.1", num = 1, den = 10),
  list(text = "0.25", num = 1, den = 4), list(text = "0.3", num = 3, den = 10),
  list(text = "1/3", num = 1, den = 3), list(text = "0.5", num = 1, den = 2),
  list(text = "0.7", num = 7, den = 10), list(text = "0.75", num = 3, den = 4),
  list(text = "0.9", num = 9, den = 10), list(text = "1", num = 1, den = 1))

fmt <- function(v) {
  if (length(v) != 1) stop("one value expected")
  if (is.na(v) && !is.nan(v)) return("NA")
  sprintf("%.17g", v)
}

# Tholos's value: a finite R number, or NA for anything else.
finite_or_na <- function(v) if (length(v) == 1 && is.finite(v)) v else NA

# Quantile types 1-3 with p = num / den computed in exact (integer)
# arithmetic, following Hyndman & Fan's definitions as R's quantile.default
# writes them: j = floor(n p + m), and g decides between x(j) and x(j+1).
exact_step_quantile <- function(x, num, den, type) {
  n <- length(x)
  if (n == 0) return(NA)
  x <- sort(x)
  at <- function(k) x[min(max(k, 1), n)]
  if (type == 3) {
    top <- 2 * n * num - den; bottom <- 2 * den  # n p - 1/2
  } else {
    top <- n * num; bottom <- den                # n p
  }
  j <- top %/% bottom
  on_step <- top %% bottom == 0
  g <- switch(type,
              if (on_step) 0 else 1,
              if (on_step) 0.5 else 1,
              if (on_step && j %% 2 == 0) 0 else 1)
  (1 - g) * at(j) + g * at(j + 1)
}

rows <- list()
add_row <- function(case, low, counts, statistic, type, p, value, r_value, note = "") {
  rows[[length(rows) + 1]] <<- data.frame(
    case = case, low = low, counts = paste(counts, collapse = ";"), n = sum(counts),
    statistic = statistic, type = type, p = p, value = fmt(value), r_value = fmt(r_value),
    note = note, stringsAsFactors = FALSE)
}

add_case <- function(case, low, high, x) {
  stopifnot(all(x >= low & x <= high), all(x == round(x)))
  counts <- tabulate(x - low + 1, nbins = high - low + 1)
  n <- length(x)
  plain <- function(statistic, r_value, value = finite_or_na(r_value), note = "") {
    if (note == "" && !identical(fmt(value), fmt(r_value))) {
      note <- "R gives a non-finite value; Tholos gives missing"
    }
    add_row(case, low, counts, statistic, "", "", value, r_value, note)
  }
  plain("count", n)
  plain("mean", mean(x))
  plain("var", if (n >= 1) var(x) else NA)
  plain("sd", if (n >= 1) sd(x) else NA)
  r_cv <- if (n >= 1) sd(x) / mean(x) else NA
  plain("cv", r_cv, note = if (n >= 2 && mean(x) == 0) "mean is 0: R divides by 0; Tholos gives missing" else "")
  plain("median", median(x))
  plain("mad", mad(x))
  plain("mad_raw", mad(x, constant = 1))
  most <- which(counts == max(counts))
  plain("mode", if (n > 0 && length(most) == 1) low + most - 1 else NA)
  plain("min", suppressWarnings(min(x)))
  plain("max", suppressWarnings(max(x)))
  plain("range", suppressWarnings(diff(range(x))))
  for (type in 1:9) {
    for (p in probabilities) {
      r_value <- quantile(x, p$num / p$den, type = type, names = FALSE)
      value <- if (type <= 3) exact_step_quantile(x, p$num, p$den, type) else finite_or_na(r_value)
      note <- ""
      if (!identical(fmt(value), fmt(r_value)) && !(is.na(value) && is.na(r_value))) {
        note <- "R's floating-point n*p falls on the other side of the step"
        if (abs(value - r_value) < 1e-12 * max(1, abs(value))) stop("unexpected tiny difference")
      }
      add_row(case, low, counts, "quantile", type, p$text, value, r_value, note)
    }
    r_iqr <- if (n > 0) IQR(x, type = type) else NA
    add_row(case, low, counts, "iqr", type, "", finite_or_na(r_iqr), r_iqr)
  }
}

# Random ratings on low..high; `shape` weights the scale points.
draw <- function(n, low, high, shape = "uniform") {
  k <- high - low + 1
  w <- switch(shape,
              uniform = rep(1, k),
              skewed = seq_len(k)^2,
              bimodal = c(rep(4, ceiling(k / 4)), rep(0.2, k - 2 * ceiling(k / 4)),
                          rep(4, ceiling(k / 4)))[seq_len(k)])
  low + sample.int(k, n, replace = TRUE, prob = w) - 1
}

scales <- list(c(1, 5), c(1, 9), c(0, 1), c(-3, 3), c(0, 10))
for (s in scales) {
  low <- s[1]; high <- s[2]
  tag <- sprintf("%d..%d", low, high)
  add_case(sprintf("%s n=0", tag), low, high, integer(0))
  add_case(sprintf("%s n=1", tag), low, high, draw(1, low, high))
  add_case(sprintf("%s n=2", tag), low, high, draw(2, low, high))
  add_case(sprintf("%s n=2 equal", tag), low, high, rep(high, 2))
  add_case(sprintf("%s n=2 extremes", tag), low, high, c(low, high))
  add_case(sprintf("%s n=3", tag), low, high, draw(3, low, high))
  add_case(sprintf("%s n=3 spread", tag), low, high, c(low, low, high))
  for (n in c(4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16)) {
    add_case(sprintf("%s n=%d uniform", tag, n), low, high, draw(n, low, high))
  }
  for (n in c(10, 15, 20, 31)) {
    add_case(sprintf("%s n=%d skewed", tag, n), low, high, draw(n, low, high, "skewed"))
  }
  for (n in c(10, 24, 33)) {
    add_case(sprintf("%s n=%d bimodal", tag, n), low, high, draw(n, low, high, "bimodal"))
  }
  add_case(sprintf("%s n=6 all equal", tag), low, high, rep(low + (high - low) %/% 2, 6))
  add_case(sprintf("%s n=8 two modes", tag), low, high, c(low, low, low, high, high, high,
                                                           low + (high - low) %/% 2, high))
  add_case(sprintf("%s n=45", tag), low, high, draw(45, low, high))
  add_case(sprintf("%s n=90", tag), low, high, draw(90, low, high))
  add_case(sprintf("%s n=250", tag), low, high, draw(250, low, high, "skewed"))
}
add_case("-3..3 mean 0", -3, 3, c(-2, -1, 0, 1, 2))
add_case("-3..3 mean 0 n=2", -3, 3, c(-3, 3))
# Steps that R's floating point misplaces, with different ratings either side:
# 90 * 0.7 = 62.99999999999999 (type 2: x(63) in R, (x(63) + x(64)) / 2 by the
# definition) and 45 * 0.7 - 0.5 = 30.999999999999996 (type 3: x(31) in R,
# x(32) by the definition).
add_case("0..10 n=90 steps", 0, 10, rep(0:9, each = 9))
add_case("1..5 n=45 steps", 1, 5, rep(1:5, times = c(10, 10, 11, 7, 7)))
add_case("VECTORS quantile types", 1, 9, c(5, 6, 7, 7, 7, 8, 8, 8, 9, 9))
add_case("VECTORS IPRAS", 1, 9, c(4, 5, 6, rep(7, 5), rep(8, 5), rep(9, 2)))

table <- do.call(rbind, rows)
out <- file.path("tests", "data", "reference", "descriptive.csv")
dir.create(dirname(out), recursive = TRUE, showWarnings = FALSE)
write.csv(table, out, row.names = FALSE, quote = FALSE, na = "")
cat(sprintf("wrote %s: %d rows, %d cases, %d rows where Tholos differs from R\n", out,
            nrow(table), length(unique(table$case)), sum(table$note != "")))
