#!/usr/bin/env Rscript
# tests/reference/make_stability_fixtures.R
#
# Reference values for Tholos's stability statistics (stdlib/stability.hpp),
# computed by R. Does not use Tholos.
#
# Regenerate from the repository root (base R only; made with R 4.2.2,
# Debian r-base-core):
#
#   Rscript tests/reference/make_stability_fixtures.R
#
# It writes tests/data/reference/stability.csv, which is committed, so the
# tests (tests/stdlib/stability_test.cpp) need no R. The cases come from a
# fixed seed: the same R version writes the same file.
#
# Each case is a statement's ratings in two rounds, by panelist: `a` is this
# round, `b` the other (previous) round. Panelists may be in one round only
# (attrition); paired statistics use the panelists in both, unpaired ones
# (cv_change, dajani_*) each round's ratings. Cases: scales 1..5, 1..9,
# 0..1 (binary, for McNemar), 1..3 (Chaffin & Talley's Table 3a), 0..10
# and 0..100 (wide enough for 49 and 50 untied differences: the switch
# between the exact and the normal signed-rank p-value); n = 0, 1, 2, 3,
# small and large (up to 60) pairs; ties; zero differences; identical
# rounds; unanimous rounds; no panelist in both rounds; a panel that moves
# up together (p-values far in the tails).
#
# Columns (one row per case x statistic):
#   case       a name for the case
#   low, high  the scale
#   a, b       this round's and the other round's ratings, "panelist:rating"
#              joined by ";", in panelist order (empty: no ratings)
#   statistic  net_change cv_change wilcoxon_v wilcoxon_p mcnemar_chisq
#              mcnemar_p dajani_chisq dajani_p chaffin_talley_chisq
#              chaffin_talley_p weighted_kappa spearman
#   weights    linear or quadratic (weighted_kappa), else empty
#   value      R's value, sprintf("%.17g"); NA where Tholos gives missing
#   exact      the value as an exact rational "p/q" (or "p") where it is
#              rational and Tholos keeps it exact, else empty
#   note       how R computed it, and where Tholos's definition needs a word
#
# How R computes each (a_p, b_p: the paired ratings):
#   net_change      sum(abs(tabulate(a_p) - tabulate(b_p))) / 2 / n over the
#                   scale's points (Scheibe et al. 1975; VECTORS.md)
#   cv_change       sd(a)/mean(a) - sd(b)/mean(b), all of each round's ratings;
#                   NA when a round has fewer than 2 ratings or a mean of 0
#   wilcoxon_v, _p  wilcox.test(a_p, b_p, paired = TRUE) with its defaults;
#                   NA (R: error) without pairs; p NA (R: NaN) when every
#                   difference is 0. `note` says which branch R took.
#   mcnemar_*       mcnemar.test(factor(a_p, 0:1), factor(b_p, 0:1)) (binary
#                   cases, and two rating cases where Tholos gives missing
#                   because the values are not conditions); NA when
#                   n10 + n01 = 0 (R: NaN)
#   dajani_*        chisq.test(rbind(count_a, count_b)[, kept], correct =
#                   FALSE), kept = the scale points used in either round;
#                   with one point kept Tholos gives 0 and p = 1 (R's
#                   chisq.test would treat a one-column table as a
#                   goodness-of-fit test, so those rows are not R's);
#                   NA when a round has no ratings
#   chaffin_talley_* chisq.test(table(a_p, b_p), correct = FALSE): table()
#                   keeps only the ratings that occur; NA when either round
#                   has fewer than two different paired ratings
#   weighted_kappa  from Cohen's (1968) formula over all k points of the
#                   scale, agreement weights 1 - |i-j|/(k-1) or
#                   1 - (i-j)^2/(k-1)^2: (p_o - p_e) / (1 - p_e); NA when
#                   p_e = 1 or there are no pairs. irr is not used (and not
#                   installed): irr::kappa2 numbers the categories that occur
#                   1, 2, ..., so it differs when those have gaps (`note`
#                   gives its value, computed here from its definition)
#   spearman        cor(a_p, b_p, method = "spearman"); NA with fewer than 2
#                   pairs or when a round's paired ratings are all equal
# Numbers are sprintf("%.17g").

set.seed(20240612)

output <- "tests/data/reference/stability.csv"

gcd <- function(a, b) {
  a <- abs(a)
  b <- abs(b)
  while (b != 0) {
    t <- a %% b
    a <- b
    b <- t
  }
  a
}
# An exact rational as text; num and den are whole numbers below 2^53.
fraction <- function(num, den) {
  if (den < 0) {
    num <- -num
    den <- -den
  }
  g <- gcd(num, den)
  if (g > 1) {
    num <- num / g
    den <- den / g
  }
  if (den == 1) sprintf("%.0f", num) else sprintf("%.0f/%.0f", num, den)
}
number_text <- function(x) {
  if (length(x) == 0 || is.na(x) || !is.finite(x)) "NA" else sprintf("%.17g", x)
}

# ---------------------------------------------------------------- the cases

cases <- list()
add_case <- function(name, low, high, a_id, a_val, b_id, b_val) {
  stopifnot(length(a_id) == length(a_val), length(b_id) == length(b_val))
  stopifnot(!anyDuplicated(a_id), !anyDuplicated(b_id))
  stopifnot(all(c(a_val, b_val) >= low), all(c(a_val, b_val) <= high))
  oa <- order(a_id)
  ob <- order(b_id)
  cases[[length(cases) + 1]] <<- list(
    name = name, low = low, high = high,
    a_id = as.integer(a_id[oa]), a_val = as.integer(a_val[oa]),
    b_id = as.integer(b_id[ob]), b_val = as.integer(b_val[ob]))
}
# Same panelists 1..n in both rounds.
add_paired <- function(name, low, high, a_val, b_val) {
  add_case(name, low, high, seq_along(a_val), a_val, seq_along(b_val), b_val)
}
clip <- function(x, low, high) pmin(pmax(x, low), high)

# A random statement: `pairs` panelists in both rounds, `only_a` in this
# round only and `only_b` in the other round only, with panelist ids drawn
# from 1..999 so that the two vectors interleave.
add_random <- function(name, low, high, pairs, only_a = 0, only_b = 0,
                       how = c("drift", "independent", "identical", "converge", "shift")) {
  how <- match.arg(how)
  stopifnot(grepl(how, name, fixed = TRUE))  # the name says how the rounds were made
  total <- pairs + only_a + only_b
  ids <- sample(999, total)
  points <- low:high
  weights <- if (high - low >= 4) dnorm(points, mean = low + 0.7 * (high - low), sd = (high - low) / 4) else rep(1, length(points))
  previous <- points[sample.int(length(points), total, replace = TRUE, prob = weights)]
  this <- switch(how,
    drift = clip(previous + sample(c(-2, -1, 0, 0, 0, 1, 1, 2), total, replace = TRUE), low, high),
    independent = points[sample.int(length(points), total, replace = TRUE)],
    identical = previous,
    shift = clip(previous + sample(1:3, total, replace = TRUE), low, high),
    converge = {
      m <- round(median(previous))
      ifelse(runif(total) < 0.5, previous + sign(m - previous), previous)
    })
  in_a <- seq_len(pairs + only_a)
  in_b <- c(seq_len(pairs), pairs + only_a + seq_len(only_b))
  add_case(name, low, high, ids[in_a], this[in_a], ids[in_b], previous[in_b])
}

# Hand-made edge cases on 1..5.
add_case("1..5 no ratings", 1, 5, integer(0), integer(0), integer(0), integer(0))
add_case("1..5 other round empty", 1, 5, 1:3, c(4, 5, 3), integer(0), integer(0))
add_case("1..5 no panelist in both", 1, 5, c(1, 3, 5, 7), c(4, 4, 5, 2), c(2, 4, 6), c(1, 3, 5))
add_paired("1..5 one pair same", 1, 5, 4, 4)
add_paired("1..5 one pair up", 1, 5, 5, 3)
add_paired("1..5 two pairs", 1, 5, c(4, 2), c(3, 5))
add_paired("1..5 three pairs", 1, 5, c(1, 4, 5), c(2, 4, 3))
add_paired("1..5 identical varied", 1, 5, c(1, 2, 2, 3, 4, 4, 4, 5, 5, 3, 2, 4), c(1, 2, 2, 3, 4, 4, 4, 5, 5, 3, 2, 4))
add_paired("1..5 identical unanimous", 1, 5, rep(4, 9), rep(4, 9))
add_case("1..5 all differences zero with attrition", 1, 5, c(1, 2, 3, 4, 8), c(5, 4, 4, 2, 1), c(1, 2, 3, 4, 9), c(5, 4, 4, 2, 3))
add_paired("1..5 this round unanimous", 1, 5, rep(5, 8), c(5, 4, 4, 5, 3, 5, 4, 2))
add_paired("1..5 other round unanimous", 1, 5, c(5, 4, 4, 5, 3, 5, 4, 2), rep(4, 8))
add_paired("1..5 swapped places", 1, 5, c(1, 2, 3, 4, 5, 5, 4, 3, 2, 1), c(5, 4, 3, 2, 1, 1, 2, 3, 4, 5))
add_paired("1..5 everyone up one", 1, 5, c(2, 3, 4, 5, 5, 3, 4), c(1, 2, 3, 4, 4, 2, 3))
add_paired("1..5 gaps (1 2 5 only)", 1, 5, c(1, 2, 5, 5, 2, 1, 5, 2), c(2, 2, 5, 1, 1, 1, 5, 5))
add_paired("1..5 exact signed rank n=4", 1, 5, c(5, 1, 4, 3), c(1, 3, 3, 3))
add_case("1..5 attrition", 1, 5, c(2, 3, 5, 7, 11, 13, 17), c(4, 5, 4, 3, 5, 4, 4), c(1, 2, 3, 5, 7, 13, 19), c(2, 3, 5, 4, 2, 3, 1))

# Chaffin & Talley (1980), Table 3a: 122 panelists, rows their round-2 rating
# (the other round), columns their round-3 rating (this round), on 1..3.
table3a <- rbind(c(8, 13, 5), c(20, 38, 13), c(5, 11, 9))
cells <- which(table3a > 0, arr.ind = TRUE)
add_paired("Chaffin & Talley 1980 Table 3a", 1, 3,
           rep(cells[, 2], table3a[cells]), rep(cells[, 1], table3a[cells]))

# Binary conditions on 0..1, for McNemar.
add_paired("0..1 no pairs discordant", 0, 1, c(1, 1, 0, 1, 0), c(1, 1, 0, 1, 0))
add_paired("0..1 all true", 0, 1, rep(1, 6), rep(1, 6))
add_paired("0..1 all false", 0, 1, rep(0, 6), rep(0, 6))
add_paired("0..1 n10 = n01 = 3", 0, 1, c(1, 1, 1, 0, 0, 0, 1, 0), c(0, 0, 0, 1, 1, 1, 1, 0))
add_paired("0..1 n10 = 4 and n01 = 3", 0, 1, c(1, 1, 1, 1, 0, 0, 0, 1, 1), c(0, 0, 0, 0, 1, 1, 1, 1, 1))
add_paired("0..1 n10 = 5 and n01 = 0", 0, 1, c(1, 1, 1, 1, 1, 1, 0), c(0, 0, 0, 0, 0, 1, 0))
add_paired("0..1 one pair discordant", 0, 1, 1, 0)
add_case("0..1 attrition", 0, 1, c(1, 2, 4, 6, 8, 9), c(1, 1, 1, 0, 1, 1), c(2, 3, 4, 6, 7, 9), c(0, 1, 0, 0, 1, 1))
for (n in c(2, 3, 10, 30, 60)) {
  add_random(sprintf("0..1 drift n=%d", n), 0, 1, n, only_a = n %/% 10, only_b = n %/% 7, how = "drift")
}

# The signed-rank switch, on 0..100: |differences| 1..n all different.
signs <- function(n) sample(c(-1, 1), n, replace = TRUE)
d49 <- (1:49) * signs(49)
add_paired("0..100 49 untied differences (exact)", 0, 100, 50 + d49, rep(50, 49))
d50 <- (1:50) * signs(50)
add_paired("0..100 50 untied differences (normal)", 0, 100, 50 + d50, rep(50, 50))
d49t <- c(1:48, 48) * signs(49)
add_paired("0..100 49 differences and one tie (normal)", 0, 100, 50 + d49t, rep(50, 49))
d49z <- c((1:49) * signs(49), 0)
add_paired("0..100 49 untied differences and a zero (normal)", 0, 100, 50 + d49z, rep(50, 50))
base <- sample(40:60, 12, replace = TRUE)
d12 <- sample(1:30, 12) * signs(12)
add_paired("0..100 12 untied differences (exact)", 0, 100, base + d12, base)
add_paired("0..100 all up (exact: p = 2/2^n)", 0, 100, c(11, 22, 33, 44, 55, 66), c(10, 20, 30, 40, 50, 60))
add_paired("0..100 V at its mean (exact: p = 1)", 0, 100, c(51, 48, 47, 54), c(50, 50, 50, 50))

# 0..10: two-digit ratings (irr::kappa2 would sort the categories as text).
add_random("0..10 drift n=25", 0, 10, 25, only_a = 2, only_b = 3, how = "drift")
add_random("0..10 independent n=15", 0, 10, 15, how = "independent")

# Random statements on 1..5 and 1..9.
for (scale in list(c(1, 5), c(1, 9))) {
  low <- scale[1]
  high <- scale[2]
  for (n in c(1, 2, 3, 5, 8, 12, 20, 35, 49, 50, 60)) {
    add_random(sprintf("%d..%d drift n=%d", low, high, n), low, high, n,
               only_a = n %/% 8, only_b = n %/% 6, how = "drift")
  }
  for (n in c(3, 10, 30)) {
    add_random(sprintf("%d..%d independent n=%d", low, high, n), low, high, n, only_b = 2, how = "independent")
    add_random(sprintf("%d..%d converge n=%d", low, high, n), low, high, n, only_a = 1, how = "converge")
  }
  add_random(sprintf("%d..%d identical n=15", low, high), low, high, 15, only_a = 2, only_b = 2, how = "identical")
  # Everyone moves up: small p-values, far in the distributions' tails.
  add_random(sprintf("%d..%d shift n=60", low, high), low, high, 60, only_a = 3, how = "shift")
}

# ---------------------------------------------------------- the statistics

paired <- function(case) {
  both <- intersect(case$a_id, case$b_id)
  list(a = case$a_val[match(both, case$a_id)], b = case$b_val[match(both, case$b_id)])
}

coefficient_of_variation <- function(x) {
  if (length(x) < 2 || mean(x) == 0) return(NA_real_)
  sd(x) / mean(x)
}

# Cohen's weighted kappa over the categories `levels` with agreement weights
# `w` (a k x k matrix).
kappa_from_weights <- function(a, b, levels, w) {
  n <- length(a)
  o <- table(factor(a, levels = levels), factor(b, levels = levels))
  p_o <- sum(w * o) / n
  p_e <- sum(w * outer(rowSums(o), colSums(o))) / n^2
  if (isTRUE(all.equal(p_e, 1, tolerance = 0))) return(NA_real_)
  (p_o - p_e) / (1 - p_e)
}
agreement_weights <- function(k, weights) {
  d <- abs(outer(seq_len(k), seq_len(k), "-"))
  if (weights == "linear") 1 - d / (k - 1) else 1 - d^2 / (k - 1)^2
}

rows <- list()
emit <- function(case, statistic, value, exact = "", note = "", weights = "") {
  text <- function(id, val) paste(sprintf("%d:%d", id, val), collapse = ";")
  rows[[length(rows) + 1]] <<- data.frame(
    case = case$name, low = case$low, high = case$high,
    a = text(case$a_id, case$a_val), b = text(case$b_id, case$b_val),
    statistic = statistic, weights = weights, value = number_text(value),
    exact = exact, note = note, stringsAsFactors = FALSE)
}

for (case in cases) {
  p <- paired(case)
  n <- length(p$a)
  k <- case$high - case$low + 1
  points <- case$low:case$high

  # net_change
  if (n == 0) {
    emit(case, "net_change", NA)
  } else {
    changed <- sum(abs(tabulate(p$a - case$low + 1, k) - tabulate(p$b - case$low + 1, k)))
    emit(case, "net_change", changed / 2 / n, fraction(changed, 2 * n))
  }

  # cv_change (unpaired)
  emit(case, "cv_change",
       coefficient_of_variation(case$a_val) - coefficient_of_variation(case$b_val))

  # Wilcoxon signed-rank
  if (n == 0) {
    emit(case, "wilcoxon_v", NA, note = "no pairs (R: error)")
    emit(case, "wilcoxon_p", NA, note = "no pairs (R: error)")
  } else {
    test <- suppressWarnings(wilcox.test(p$a, p$b, paired = TRUE))
    v <- unname(test$statistic)
    nonzero <- sum(p$a != p$b)
    exact_branch <- grepl("exact", test$method)
    branch <- if (nonzero == 0) "no non-zero difference (R: NaN)" else if (exact_branch) "exact" else "normal approximation"
    emit(case, "wilcoxon_v", v, fraction(2 * v, 2), note = branch)
    pv <- if (is.nan(test$p.value)) NA else test$p.value
    exact_p <- if (exact_branch) fraction(round(pv * 2^(nonzero - 1)), 2^(nonzero - 1)) else ""
    emit(case, "wilcoxon_p", pv, exact_p, note = branch)
  }

  # McNemar: binary cases, and two rating cases (values that are not 0/1)
  binary <- case$low == 0 && case$high == 1
  if (binary || case$name %in% c("1..5 three pairs", "1..9 drift n=12")) {
    if (!binary) {
      emit(case, "mcnemar_chisq", NA, note = "ratings and not a condition: Tholos gives missing")
      emit(case, "mcnemar_p", NA, note = "ratings and not a condition: Tholos gives missing")
    } else {
      test <- suppressWarnings(mcnemar.test(factor(p$a, levels = 0:1), factor(p$b, levels = 0:1),
                                            correct = TRUE))
      n10 <- sum(p$a == 1 & p$b == 0)
      n01 <- sum(p$a == 0 & p$b == 1)
      if (n10 + n01 == 0) {
        emit(case, "mcnemar_chisq", NA, note = "n10 + n01 = 0 (R: NaN)")
        emit(case, "mcnemar_p", NA, note = "n10 + n01 = 0 (R: NaN)")
      } else {
        gap <- abs(n10 - n01)
        emit(case, "mcnemar_chisq", unname(test$statistic),
             fraction(if (gap == 0) 0 else (gap - 1)^2, n10 + n01),
             note = sprintf("n10 = %d and n01 = %d", n10, n01))
        emit(case, "mcnemar_p", test$p.value, note = sprintf("n10 = %d and n01 = %d", n10, n01))
      }
    }
  }

  # Dajani (unpaired)
  count_a <- tabulate(case$a_val - case$low + 1, k)
  count_b <- tabulate(case$b_val - case$low + 1, k)
  if (sum(count_a) == 0 || sum(count_b) == 0) {
    emit(case, "dajani_chisq", NA, note = "a round has no ratings")
    emit(case, "dajani_p", NA, note = "a round has no ratings")
  } else {
    kept <- (count_a + count_b) > 0
    if (sum(kept) == 1) {
      note <- "one scale point used: Tholos's convention (df 0) and not R's"
      emit(case, "dajani_chisq", 0, "0", note = note)
      emit(case, "dajani_p", 1, "1", note = note)
    } else {
      test <- suppressWarnings(chisq.test(rbind(count_a, count_b)[, kept, drop = FALSE],
                                          correct = FALSE))
      note <- sprintf("df = %d", unname(test$parameter))
      emit(case, "dajani_chisq", unname(test$statistic), note = note)
      emit(case, "dajani_p", test$p.value, note = note)
    }
  }

  # Chaffin & Talley (paired)
  if (n == 0 || length(unique(p$a)) < 2 || length(unique(p$b)) < 2) {
    emit(case, "chaffin_talley_chisq", NA, note = "fewer than two different ratings in a round")
    emit(case, "chaffin_talley_p", NA, note = "fewer than two different ratings in a round")
  } else {
    test <- suppressWarnings(chisq.test(table(p$a, p$b), correct = FALSE))
    note <- sprintf("df = %d", unname(test$parameter))
    emit(case, "chaffin_talley_chisq", unname(test$statistic), note = note)
    emit(case, "chaffin_talley_p", test$p.value, note = note)
  }

  # Weighted kappa over the whole scale
  for (weights in c("linear", "quadratic")) {
    if (n == 0) {
      emit(case, "weighted_kappa", NA, weights = weights, note = "no pairs")
      next
    }
    value <- kappa_from_weights(p$a, p$b, points, agreement_weights(k, weights))
    exact <- ""
    note <- ""
    if (!is.na(value)) {
      # The same kappa from integer disagreement weights: 1 - n sum(v o) / sum(v r c).
      d <- abs(outer(seq_len(k), seq_len(k), "-"))
      if (weights == "quadratic") d <- d^2
      o <- table(factor(p$a, levels = points), factor(p$b, levels = points))
      chance <- sum(d * outer(rowSums(o), colSums(o)))
      exact <- fraction(chance - n * sum(d * o), chance)
      # irr::kappa2's value: the categories that occur, numbered 1, 2, ...
      present <- sort(unique(c(p$a, p$b)))
      irr <- if (length(present) < 2) NA else
        kappa_from_weights(p$a, p$b, present, agreement_weights(length(present), weights))
      if (is.na(irr) || abs(irr - value) > 1e-12) {
        note <- sprintf("irr::kappa2 (categories present only) would give %s", number_text(irr))
      }
    } else {
      note <- "chance agreement is 1"
    }
    emit(case, "weighted_kappa", value, exact, note = note, weights = weights)
  }

  # Spearman
  if (n < 2 || sd(p$a) == 0 || sd(p$b) == 0) {
    emit(case, "spearman", NA, note = "fewer than 2 pairs or no variance")
  } else {
    emit(case, "spearman", cor(p$a, p$b, method = "spearman"))
  }
}

table <- do.call(rbind, rows)
# No field holds a comma, so the file needs no quoting.
stopifnot(!any(grepl(",", as.matrix(table), fixed = TRUE)))
write.csv(table, output, row.names = FALSE, quote = FALSE)
cat(sprintf("%s: %d cases, %d rows\n", output, length(cases), nrow(table)))
