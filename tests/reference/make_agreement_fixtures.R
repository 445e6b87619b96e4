#!/usr/bin/env Rscript
# tests/reference/make_agreement_fixtures.R
#
# Reference values for Tholos's agreement family (stdlib/agreement.hpp),
# computed in base R from the published definitions. Does not use Tholos, and
# needs no package: the R packages that implement some of these (irr, agrmt)
# are not used; each definition is written out below from its source.
#
# Regenerate from the repository root (base R only; made with R 4.2.2,
# Debian r-base-core):
#
#   Rscript tests/reference/make_agreement_fixtures.R
#
# It writes tests/data/reference/agreement.csv, which is committed, so the
# tests (tests/stdlib/agreement_test.cpp) need no R. The cases come from a
# fixed seed: the same R version writes the same file.
#
# Cases: ratings on the scales 1..5, 1..7, 1..9 and 0..10; n = 0, 1, 2, 3,
# small and large n (up to 1000); all-equal ratings; one rating on every
# point; ties; polarised ratings (split between the two ends) and bimodal,
# skewed and uniform random ratings; on 1..9 every RAND/UCLA panel size from
# 7 to 17, panels built at the counts rule's boundaries (2 to 5 ratings in
# each extreme third), medians of 3.5 and 6.5, and ratings whose IPR equals
# the IPRAS exactly; all nine quantile types for the IPRAS family; the
# published examples (van der Eijk's A on 30 40 210 130 530 50 10; the IPRAS
# example of reference/VECTORS.md); and rating matrices for apmo (random
# statements x panelists with missing ratings, several scales and bands, no
# ratings at all, no statements, exactly half agreeing, overlapping bands).
#
# Columns (one row per case x statistic, x quantile type for the IPRAS family):
#   case       a name for the input
#   low, high  the scale
#   data       for the statement-level functions, how many ratings equal low,
#              low + 1, ..., high, joined by ";"; for apmo the statements x
#              panelists matrix, statements joined by "|", ratings by ";",
#              "." where a panelist gave no rating
#   statistic  the Tholos function: tastle_wierman van_der_eijk
#              rand_appropriate rand_uncertain rand_inappropriate
#              rand_disagreement ipr iprcp ipras ipras_index
#              ipras_disagreement apmo
#   type       Hyndman & Fan quantile type (IPRAS family), else empty
#   agree, disagree   apmo's bands, "low..high", else empty
#   value      sprintf("%.17g"); NA where the result is missing; verdicts 1/0.
#              Quantiles come from Hyndman & Fan's definitions computed
#              exactly (quantile_120 below), as Tholos computes them for the
#              literal probabilities 0.3 and 0.7; R's quantile() is checked
#              against them and differs only where its floating-point n p
#              falls on the other side of a step of types 1-3 (here once:
#              n = 45, p = 0.7, type 3; see stdlib/quantile.hpp)
#   exact      "num/den" in lowest terms where the value is a rational that
#              this script computes in integer arithmetic (the IPRAS family
#              and apmo), else empty
#
# The definitions (sources in docs/stdlib.md, "Agreement"):
#   * Tastle, W. J. & Wierman, M. J. (2007). Consensus and dissention: a
#     measure of ordinal dispersion. International Journal of Approximate
#     Reasoning 45(3), 531-545: Cns = 1 + sum p_i log2(1 - |X_i - mu| / d_X),
#     d_X the width of the scale. 1 when all ratings are equal.
#   * van der Eijk, C. (2001). Measuring agreement in ordered rating scales.
#     Quality & Quantity 35(3), 325-341: layers, and per layer
#     A = U (1 - (S - 1) / (K - 1)) with U from the triples of scale points
#     (equation 2 of the paper).
#   * Fitch, K. et al. (2001). The RAND/UCLA Appropriateness Method User's
#     Manual. RAND, MR-1269-DG-XII/RE: median bands; the counts rule by panel
#     size; IPRAS = 2.35 + 1.5 |5 - (P30 + P70) / 2|, disagreement when
#     P70 - P30 > IPRAS (worked example: BMJ Open 2012;2:e001431, Table 1).
#   * APMO (Kapoor 1987; Islam 2010; von der Gracht 2012): (majority
#     agreements + majority disagreements) / opinions expressed, a majority
#     being more than half of a statement's valid ratings and the opinions
#     every valid rating.

set.seed(20240613)

fmt <- function(v) {
  if (length(v) != 1) stop("one value expected")
  if (is.na(v)) return("NA")
  sprintf("%.17g", v)
}

gcd <- function(a, b) {
  a <- abs(a); b <- abs(b)
  while (b != 0) { t <- a %% b; a <- b; b <- t }
  a
}
# "num/den" in lowest terms (den > 0).
fraction_text <- function(num, den) {
  g <- gcd(num, den)
  if (den < 0) g <- -g
  sprintf("%.0f/%.0f", num / g, den / g)
}

expand <- function(counts, low) rep(low + seq_along(counts) - 1, counts)

# --- Tastle & Wierman (2007) ------------------------------------------------
tastle_wierman_r <- function(counts, low, high) {
  n <- sum(counts)
  if (n == 0) return(NA)
  if (sum(counts > 0) == 1) return(1)       # unanimity: every log is 0
  points <- low:high
  p <- counts / n
  mu <- sum(p * points)
  d <- high - low
  used <- p > 0                             # 0 log 0 = 0
  1 + sum(p[used] * log2(1 - abs(points[used] - mu) / d))
}

# --- van der Eijk (2001) ------------------------------------------------------
# A pattern vector's agreement: U from the triples (i < j < m) of the K
# points whose occupancy reads 1 1 0 or 0 1 1 (TU) or 1 0 1 (TDU).
pattern_agreement <- function(P) {
  K <- length(P); S <- sum(P)
  if (S == 1) return(1)
  if (S == K) return(0)                     # 1 - (S - 1) / (K - 1) = 0
  triples <- combn(K, 3)
  a <- P[triples[1, ]]; b <- P[triples[2, ]]; c <- P[triples[3, ]]
  TU <- sum(a == 1 & b == 1 & c == 0) + sum(a == 0 & b == 1 & c == 1)
  TDU <- sum(a == 1 & b == 0 & c == 1)
  U <- ((K - 2) * TU - (K - 1) * TDU) / ((K - 2) * (TU + TDU))
  U * (1 - (S - 1) / (K - 1))
}
# The layers, by the distinct frequencies f_1 < f_2 < ...: layer k takes
# f_k - f_(k-1) ratings from every point with a frequency of at least f_k,
# and weighs in with its share of all ratings.
van_der_eijk_r <- function(counts) {
  n <- sum(counts)
  if (n == 0) return(NA)
  levels <- sort(unique(counts[counts > 0]))
  below <- 0
  A <- 0
  for (level in levels) {
    P <- as.integer(counts >= level)
    A <- A + (level - below) * sum(P) / n * pattern_agreement(P)
    below <- level
  }
  A
}
# The published check (agrmt's documentation, van der Eijk's measure).
stopifnot(abs(van_der_eijk_r(c(30, 40, 210, 130, 530, 50, 10)) - 0.6113333) < 5e-8)

# --- RAND/UCLA -------------------------------------------------------------------
on_rand_scale <- function(low, high) low == 1 && high == 9

rand_median <- function(counts, low, high) {
  if (!on_rand_scale(low, high) || sum(counts) == 0) return(NA)
  median(expand(counts, low))
}

# The manual's table: panel size -> ratings needed in each of 1..3 and 7..9.
counts_rule <- data.frame(smallest = c(8, 11, 14), largest = c(10, 13, 16),
                          in_each_third = c(3, 4, 5))
rand_disagreement_r <- function(counts, low, high) {
  n <- sum(counts)
  row <- which(counts_rule$smallest <= n & n <= counts_rule$largest)
  if (!on_rand_scale(low, high) || length(row) == 0) return(NA)
  x <- expand(counts, low)
  needed <- counts_rule$in_each_third[row]
  as.integer(sum(x <= 3) >= needed && sum(x >= 7) >= needed)
}

# Hyndman & Fan (1996) sample quantile at p = tenths / 10, times 120, in
# integer arithmetic: n p + m, in 120ths, is a whole number for p in tenths
# and every type's m (0, 1/2, -1/2, p, 1 - p, (p + 1) / 3, p / 4 + 3 / 8),
# so are j, g and the result. x(k) reads x(1) below 1 and x(n) above n.
quantile_120 <- function(x, tenths, type) {
  x <- sort(x); n <- length(x)
  at <- function(k) x[min(max(k, 1), n)]
  h <- switch(type,
              12 * n * tenths,                    # 1: n p
              12 * n * tenths,                    # 2: n p
              12 * n * tenths - 60,               # 3: n p - 1/2
              12 * n * tenths,                    # 4: n p
              12 * n * tenths + 60,               # 5: n p + 1/2
              12 * (n + 1) * tenths,              # 6: (n + 1) p
              12 * (n - 1) * tenths + 120,        # 7: (n - 1) p + 1
              12 * n * tenths + 4 * tenths + 40,  # 8: (n + 1/3) p + 1/3
              12 * n * tenths + 3 * tenths + 45)  # 9: (n + 1/4) p + 3/8
  j <- h %/% 120
  g <- h %% 120                             # g in 120ths
  if (type == 1) return(120 * (if (g == 0) at(j) else at(j + 1)))
  if (type == 2) return(if (g == 0) 60 * (at(j) + at(j + 1)) else 120 * at(j + 1))
  if (type == 3) return(120 * (if (g == 0 && j %% 2 == 0) at(j) else at(j + 1)))
  120 * at(j) + g * (at(j + 1) - at(j))     # 4-9: x(j) + g (x(j+1) - x(j))
}
quantile_120_checked <- function(x, tenths, type) {
  q <- quantile_120(x, tenths, type)
  r <- quantile(x, tenths / 10, type = type, names = FALSE)
  # R computes n p in floating point: for the step types (1-3) it can land on
  # the other side of a step; report it rather than hide it.
  if (abs(q / 120 - r) > 1e-9) {
    if (type > 3) stop(sprintf("quantile type %d disagrees with R", type))
    step_differences <<- step_differences + 1
  }
  q
}
step_differences <- 0

# The IPRAS family, in 480ths (so that every term is a whole number).
ipras_terms <- function(counts, low, high, type, q = quantile_120_checked) {
  if (!on_rand_scale(low, high) || sum(counts) == 0) return(NULL)
  x <- expand(counts, low)
  q30 <- q(x, 3, type)
  q70 <- q(x, 7, type)
  ipr <- 4 * (q70 - q30)                          # IPR x 480
  iprcp <- 2 * (q30 + q70)                        # IPRCP x 480 ((q30 + q70) / 240)
  ipras <- 1128 + 3 * abs(1200 - q30 - q70)       # (2.35 + 1.5 |5 - IPRCP|) x 480
  list(ipr = ipr, iprcp = iprcp, ipras = ipras)
}

# --- APMO ----------------------------------------------------------------------------
# m: statements x panelists, NA for no rating; bands c(low, high).
apmo_r <- function(m, agree, disagree) {
  if (max(agree[1], disagree[1]) <= min(agree[2], disagree[2])) return(NULL)  # shared point
  if (nrow(m) == 0) return(NULL)
  valid <- rowSums(!is.na(m))
  agreeing <- rowSums(m >= agree[1] & m <= agree[2], na.rm = TRUE)
  disagreeing <- rowSums(m >= disagree[1] & m <= disagree[2], na.rm = TRUE)
  majorities <- sum(agreeing[agreeing > valid / 2]) + sum(disagreeing[disagreeing > valid / 2])
  if (sum(valid) == 0) return(NULL)
  list(num = majorities, den = sum(valid))
}

# --- Rows ------------------------------------------------------------------------------
rows <- list()
add_row <- function(case, low, high, data, statistic, value, type = "", agree = "",
                    disagree = "", exact = "") {
  rows[[length(rows) + 1]] <<- data.frame(
    case = case, low = low, high = high, data = data, statistic = statistic, type = type,
    agree = agree, disagree = disagree, value = fmt(value), exact = exact,
    stringsAsFactors = FALSE)
}

add_case <- function(case, low, high, x) {
  stopifnot(all(x >= low & x <= high), all(x == round(x)))
  counts <- tabulate(x - low + 1, nbins = high - low + 1)
  data <- paste(counts, collapse = ";")
  row <- function(statistic, value, ...) add_row(case, low, high, data, statistic, value, ...)
  row("tastle_wierman", tastle_wierman_r(counts, low, high))
  row("van_der_eijk", van_der_eijk_r(counts))
  m <- rand_median(counts, low, high)
  row("rand_appropriate", if (is.na(m)) NA else as.integer(m >= 7))
  row("rand_uncertain", if (is.na(m)) NA else as.integer(m > 3 && m < 7))
  row("rand_inappropriate", if (is.na(m)) NA else as.integer(m <= 3))
  row("rand_disagreement", rand_disagreement_r(counts, low, high))
  types <- if (on_rand_scale(low, high)) 1:9 else 7
  for (type in types) {
    t <- ipras_terms(counts, low, high, type)
    if (is.null(t)) {
      for (s in c("ipr", "iprcp", "ipras", "ipras_index", "ipras_disagreement")) {
        row(s, NA, type = type)
      }
      next
    }
    row("ipr", t$ipr / 480, type = type, exact = fraction_text(t$ipr, 480))
    row("iprcp", t$iprcp / 480, type = type, exact = fraction_text(t$iprcp, 480))
    row("ipras", t$ipras / 480, type = type, exact = fraction_text(t$ipras, 480))
    row("ipras_index", t$ipr / t$ipras, type = type, exact = fraction_text(t$ipr, t$ipras))
    row("ipras_disagreement", as.integer(t$ipr > t$ipras), type = type)
  }
}

matrix_text <- function(m) {
  if (nrow(m) == 0) return("")
  paste(apply(m, 1, function(r) paste(ifelse(is.na(r), ".", r), collapse = ";")), collapse = "|")
}

add_apmo_case <- function(case, low, high, m, agree, disagree) {
  stopifnot(all(is.na(m) | (m >= low & m <= high)))
  r <- apmo_r(m, agree, disagree)
  add_row(case, low, high, matrix_text(m), "apmo", if (is.null(r)) NA else r$num / r$den,
          agree = paste(agree, collapse = ".."), disagree = paste(disagree, collapse = ".."),
          exact = if (is.null(r)) "" else fraction_text(r$num, r$den))
}

# Random ratings on low..high; `shape` weights the scale points.
draw <- function(n, low, high, shape = "uniform") {
  k <- high - low + 1
  w <- switch(shape,
              uniform = rep(1, k),
              skewed = seq_len(k)^2,
              centred = dnorm(seq_len(k), mean = (k + 1) / 2, sd = k / 6),
              high = dnorm(seq_len(k), mean = k - 1.5, sd = 1),
              bimodal = c(rep(4, ceiling(k / 4)), rep(0.2, k - 2 * ceiling(k / 4)),
                          rep(4, ceiling(k / 4)))[seq_len(k)])
  low + sample.int(k, n, replace = TRUE, prob = w) - 1
}

scales <- list(c(1, 5), c(1, 7), c(1, 9), c(0, 10))
for (s in scales) {
  low <- s[1]; high <- s[2]
  tag <- sprintf("%d..%d", low, high)
  middle <- low + (high - low) %/% 2
  add_case(sprintf("%s n=0", tag), low, high, integer(0))
  add_case(sprintf("%s n=1", tag), low, high, draw(1, low, high))
  add_case(sprintf("%s n=1 top", tag), low, high, high)
  add_case(sprintf("%s n=2", tag), low, high, draw(2, low, high))
  add_case(sprintf("%s n=2 equal", tag), low, high, rep(high, 2))
  add_case(sprintf("%s n=2 adjacent", tag), low, high, c(middle, middle + 1))
  add_case(sprintf("%s n=2 extremes", tag), low, high, c(low, high))
  add_case(sprintf("%s n=3", tag), low, high, draw(3, low, high))
  add_case(sprintf("%s n=3 spread", tag), low, high, c(low, low, high))
  add_case(sprintf("%s n=6 all equal", tag), low, high, rep(middle, 6))
  add_case(sprintf("%s n=9 all top", tag), low, high, rep(high, 9))
  add_case(sprintf("%s one on every point", tag), low, high, low:high)
  add_case(sprintf("%s two on every point", tag), low, high, rep(low:high, 2))
  add_case(sprintf("%s polarised 5+5", tag), low, high, rep(c(low, high), each = 5))
  add_case(sprintf("%s polarised 6+4", tag), low, high, c(rep(low, 6), rep(high, 4)))
  add_case(sprintf("%s near ends", tag), low, high, rep(c(low, low + 1, high - 1, high), 3))
  add_case(sprintf("%s two modes", tag), low, high,
           c(low, low, low, high, high, high, middle, high - 1))
  add_case(sprintf("%s gap", tag), low, high, c(rep(low + 1, 4), rep(middle + 1, 4)))
  for (n in 4:16) {
    add_case(sprintf("%s n=%d uniform", tag, n), low, high, draw(n, low, high))
  }
  for (n in c(10, 15, 20, 31)) {
    add_case(sprintf("%s n=%d skewed", tag, n), low, high, draw(n, low, high, "skewed"))
  }
  for (n in c(10, 24, 33)) {
    add_case(sprintf("%s n=%d bimodal", tag, n), low, high, draw(n, low, high, "bimodal"))
  }
  for (n in c(12, 40)) {
    add_case(sprintf("%s n=%d centred", tag, n), low, high, draw(n, low, high, "centred"))
  }
  add_case(sprintf("%s n=45", tag), low, high, draw(45, low, high))
  add_case(sprintf("%s n=90", tag), low, high, draw(90, low, high, "high"))
  add_case(sprintf("%s n=250", tag), low, high, draw(250, low, high, "skewed"))
  add_case(sprintf("%s n=1000", tag), low, high, draw(1000, low, high, "centred"))
}

# The published examples.
add_case("van der Eijk published 30 40 210 130 530 50 10", 1, 7,
         rep(1:7, c(30, 40, 210, 130, 530, 50, 10)))
add_case("VECTORS IPRAS", 1, 9, c(4, 5, 6, rep(7, 5), rep(8, 5), rep(9, 2)))
add_case("VECTORS quantile types", 1, 9, c(5, 6, 7, 7, 7, 8, 8, 8, 9, 9))

# Every RAND/UCLA panel size from 7 to 17.
for (n in 7:17) {
  for (shape in c("uniform", "bimodal", "skewed", "high", "centred")) {
    add_case(sprintf("RAND n=%d %s", n, shape), 1, 9, draw(n, 1, 9, shape))
  }
}
# The counts rule's boundaries: `k_low` ratings in 1..3 and `k_high` in 7..9
# (spread over the third), the rest 4..6.
for (n in c(7, 8, 10, 11, 13, 14, 16, 17)) {
  for (k in 2:5) {
    for (shift in c(0, -1, 1)) {
      k_low <- k; k_high <- k + shift
      if (k_high < 0 || k_low + k_high > n) next
      x <- c(rep_len(1:3, k_low), rep_len(9:7, k_high), rep_len(c(5, 4, 6), n - k_low - k_high))
      add_case(sprintf("RAND counts n=%d low=%d high=%d", n, k_low, k_high), 1, 9, x)
    }
  }
}
# Medians between the bands.
add_case("median 3.5", 1, 9, c(3, 4))
add_case("median 3.5 wide", 1, 9, c(1, 2, 3, 4, 8, 9))
add_case("median 6.5", 1, 9, c(6, 7))
add_case("median 6.5 wide", 1, 9, c(1, 5, 6, 7, 9, 9))
add_case("median 3", 1, 9, c(1, 3, 3, 9))
add_case("median 7", 1, 9, c(2, 7, 7, 9))

# Ratings on 1..9 whose IPR equals the IPRAS exactly under some type
# (found by search; the verdict flips exactly there).
found <- 0
for (attempt in 1:200000) {
  n <- sample(4:20, 1)
  x <- sort(sample(1:9, n, replace = TRUE))
  counts <- tabulate(x, nbins = 9)
  for (type in 4:9) {
    t <- ipras_terms(counts, 1, 9, type, q = quantile_120)
    if (t$ipr == t$ipras) {
      found <- found + 1
      add_case(sprintf("IPR equals IPRAS (type %d) %d", type, found), 1, 9, x)
    }
  }
  if (found >= 6) break
}
cat(sprintf("IPR = IPRAS cases found: %d\n", found))

# --- APMO cases ----------------------------------------------------------------------------
# A statement's ratings with a lean: towards agreement, disagreement, the
# middle, or split.
lean_ratings <- function(panelists, low, high, lean) {
  k <- high - low + 1
  w <- switch(lean,
              agree = c(rep(0.3, k - 2), 3, 3),
              disagree = c(3, 3, rep(0.3, k - 2)),
              neutral = dnorm(seq_len(k), mean = (k + 1) / 2, sd = 1),
              split = rep(1, k))
  low + sample.int(k, panelists, replace = TRUE, prob = w) - 1
}
random_matrix <- function(statements, panelists, low, high, missing_rate) {
  m <- matrix(NA_integer_, nrow = statements, ncol = panelists)
  for (i in seq_len(statements)) {
    lean <- sample(c("agree", "disagree", "neutral", "split"), 1, prob = c(4, 2, 1, 2))
    m[i, ] <- lean_ratings(panelists, low, high, lean)
  }
  m[matrix(runif(statements * panelists) < missing_rate, nrow = statements)] <- NA
  m
}
apmo_settings <- list(
  list(low = 1, high = 5, agree = c(4, 5), disagree = c(1, 2)),
  list(low = 1, high = 5, agree = c(3, 5), disagree = c(1, 2)),
  list(low = 1, high = 7, agree = c(6, 7), disagree = c(1, 2)),
  list(low = 1, high = 7, agree = c(5, 7), disagree = c(1, 3)),
  list(low = 1, high = 9, agree = c(7, 9), disagree = c(1, 3)),
  list(low = 0, high = 10, agree = c(8, 10), disagree = c(0, 2)))
for (setting in apmo_settings) {
  tag <- sprintf("apmo %d..%d agree %d..%d", setting$low, setting$high, setting$agree[1],
                 setting$agree[2])
  for (statements in c(1, 3, 10, 25)) {
    for (panelists in c(1, 2, 7, 15, 30)) {
      for (missing_rate in c(0, 0.1, 0.4)) {
        m <- random_matrix(statements, panelists, setting$low, setting$high, missing_rate)
        add_apmo_case(sprintf("%s %dx%d missing %.1f", tag, statements, panelists, missing_rate),
                      setting$low, setting$high, m, setting$agree, setting$disagree)
      }
    }
  }
}
as_matrix <- function(rows) {
  if (length(rows) == 0) return(matrix(integer(0), nrow = 0, ncol = 0))
  do.call(rbind, lapply(rows, function(r) {
    v <- strsplit(r, "")[[1]]
    as.integer(ifelse(v == ".", NA, v))
  }))
}
# docs/stdlib.md's worked example: 21/39.
add_apmo_case("apmo worked example", 1, 5,
              as_matrix(c("5554445431", "4531211212", "5454533211", "545.453343")), c(4, 5),
              c(1, 2))
add_apmo_case("apmo exactly half", 1, 5, as_matrix(c("5511", "5533")), c(4, 5), c(1, 2))
add_apmo_case("apmo one more than half", 1, 5, as_matrix(c("5551", "5533")), c(4, 5), c(1, 2))
add_apmo_case("apmo no ratings", 1, 5, as_matrix(c("...", "...")), c(4, 5), c(1, 2))
add_apmo_case("apmo no statements", 1, 5, as_matrix(character(0)), c(4, 5), c(1, 2))
add_apmo_case("apmo overlapping bands", 1, 5, as_matrix(c("555", "111")), c(3, 5), c(1, 3))
add_apmo_case("apmo all agree", 1, 5, as_matrix(c("555", "444")), c(4, 5), c(1, 2))
add_apmo_case("apmo all neutral", 1, 5, as_matrix(c("333", "333")), c(4, 5), c(1, 2))

fixture <- do.call(rbind, rows)
stopifnot(!any(grepl(",", as.matrix(fixture))))
out <- file.path("tests", "data", "reference", "agreement.csv")
dir.create(dirname(out), recursive = TRUE, showWarnings = FALSE)
write.csv(fixture, out, row.names = FALSE, quote = FALSE, na = "")
cat(sprintf("wrote %s: %d rows, %d cases\n", out, nrow(fixture), length(unique(fixture$case))))
print(table(fixture$statistic))
cat(sprintf("quantile types 1-3 where R's floating-point n p crossed a step: %d\n",
            step_differences))
