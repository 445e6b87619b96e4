#!/usr/bin/env Rscript
# tests/reference/make_reliability_fixtures.R
#
# Reference values for Tholos's reliability statistics (stdlib/reliability.hpp):
# Kendall's W, Fleiss' kappa and Krippendorff's alpha over a statements x
# panelists rating matrix, computed in base R from the published definitions.
# Does not use Tholos, nor the R packages irr or DescTools: each statistic is
# written out below from its source, and the script first checks each one
# against the worked examples of ../shared/reference/VECTORS.md (it stops if
# any differs).
#
# Regenerate from the repository root (base R only; made with R 4.2.2,
# Debian r-base-core):
#
#   Rscript tests/reference/make_reliability_fixtures.R
#
# It writes tests/data/reference/reliability.csv, which is committed, so the
# tests (tests/stdlib/reliability_test.cpp) need no R. The matrices come from a
# fixed seed: the same R version writes the same file.
#
# Cases: scales 1..5 and 1..9 (and a few on 0..10 and -2..2 for the ratio
# metric), 1..30 statements, 1..40 panelists; ratings around a per-statement
# level (so that agreement is real) or uniform; complete matrices and
# matrices with missing ratings (scattered blanks, panelists who skipped
# statements, statements that only one panelist rated, a statement nobody
# rated); ties; all-equal rows; all-equal matrices; the three examples of
# VECTORS.md.
#
# Columns (one row per case x statistic x argument):
#   case       a name for the matrix
#   low, high  the scale
#   units      statements (rows of the matrix)
#   raters     panelists (columns)
#   matrix     the ratings, row by row: rows joined by "|", a row's ratings
#              by ";", "." where the panelist gave no rating; written on the
#              case's first row only (empty on the case's other rows)
#   statistic  kendall_objects kendall_judges kendall_s kendall_ties
#              kendall_w kendall_w_uncorrected kendall_chisq kendall_p
#              fleiss_subjects fleiss_raters fleiss_kappa fleiss_se fleiss_z
#              fleiss_p fleiss_category_kappa
#              alpha_units alpha_pairable krippendorff_alpha
#   argument   the category (fleiss_category_kappa), the level
#              (krippendorff_alpha), else empty
#   value      what Tholos must give; NA means missing
#   exact      "num/den" when the value is rational and R computed its
#              numerator and denominator in whole numbers (below 2^53): Tholos
#              must then give exactly that rational; else empty
# Counts (kendall_objects, kendall_judges, kendall_ties, fleiss_subjects,
# fleiss_raters, alpha_units, alpha_pairable) and kendall_s (a multiple of
# 1/4) are exact; the other values are sprintf("%.17g") of R's double.
#
# Tholos's rules for missing data and small samples, followed here (see
# docs/stdlib-reliability.md):
#   * Kendall and Fleiss use the panelists who rated every statement of the
#     set (the other panelists are left out; no statement is dropped); they
#     need at least 2 statements and 2 such panelists.
#   * Kendall's W (tie-corrected), its chi-square and p are missing when the
#     tie-corrected denominator is 0 (every panelist gave all the statements
#     the same rating); the uncorrected W is then 0.
#   * Fleiss' kappa, SE, z and p are missing when all ratings fall in one
#     category (P_e = 1); a category's kappa is missing when no rating, or
#     every rating, is in it (p_j = 0 or 1).
#   * Krippendorff's alpha drops statements with fewer than 2 ratings, from
#     the marginals too; missing when no statement has 2 ratings or all
#     pairable ratings are equal (D_e = 0); the ratio metric is missing when a
#     pairable rating is negative.

set.seed(20240612)

fmt <- function(v) {
  if (length(v) != 1) stop("one value expected")
  if (is.na(v)) return("NA")
  sprintf("%.17g", v)
}

# An exact rational num/den as text, when both are whole numbers below 2^53
# (R's doubles hold them exactly); else "".
exact_text <- function(num, den) {
  if (is.na(num) || is.na(den) || den == 0) return("")
  if (abs(num) >= 2^53 || abs(den) >= 2^53) return("")
  stopifnot(num == round(num), den == round(den))
  sprintf("%.0f/%.0f", num, den)
}

# ---------------------------------------------------------------------------
# Kendall's coefficient of concordance W.
# Kendall, M. G. & Babington Smith, B. (1939). The problem of m rankings.
# Annals of Mathematical Statistics 10(3), 275-287. Tie correction: Siegel, S.
# & Castellan, N. J. (1988). Nonparametric Statistics for the Behavioral
# Sciences, 2nd ed. (Kendall coefficient of concordance W):
#   W = 12 S / (m^2 (n^3 - n) - m sum_j T_j),  T_j = sum over tie groups (t^3 - t)
# with n objects (statements, the rows), m judges (panelists, the columns),
# R_i the sum of object i's ranks (mid-ranks for ties) and
# S = sum_i (R_i - mean(R))^2. Uncorrected: 12 S / (m^2 (n^3 - n)).
# Chi-square = m (n - 1) W on n - 1 degrees of freedom (Siegel & Castellan),
# upper tail.
# Panelists with any missing rating are left out.
kendall_reference <- function(x) {
  judges <- x[, colSums(is.na(x)) == 0, drop = FALSE]
  n <- nrow(judges); m <- ncol(judges)
  out <- list(objects = n, judges = m, s = NA, ties = NA, w = NA, w_uncorrected = NA,
              chisq = NA, p = NA, w_exact = "", w_uncorrected_exact = "", chisq_exact = "")
  if (n < 2 || m < 2) return(out)
  ranks <- apply(judges, 2, rank)  # mid-ranks ("average") by default
  r_sums <- rowSums(ranks)
  s <- sum((r_sums - mean(r_sums))^2)
  ties <- sum(apply(judges, 2, function(col) {
    t <- table(col)
    sum(t^3 - t)
  }))
  full <- m^2 * (n^3 - n)
  corrected <- full - m * ties
  out$s <- s; out$ties <- ties
  out$w_uncorrected <- 12 * s / full
  # Whole-number form: 2 R_i are whole numbers, so S4 = 4 S is one.
  s4 <- sum((2 * r_sums - m * (n + 1))^2)
  stopifnot(abs(s4 - 4 * s) <= 1e-9 * max(1, s4))
  out$w_uncorrected_exact <- exact_text(3 * s4, full)
  if (corrected > 0) {
    out$w <- 12 * s / corrected
    out$chisq <- m * (n - 1) * out$w
    out$p <- pchisq(out$chisq, df = n - 1, lower.tail = FALSE)
    out$w_exact <- exact_text(3 * s4, corrected)
    out$chisq_exact <- exact_text(m * (n - 1) * 3 * s4, corrected)
  }
  out
}

# ---------------------------------------------------------------------------
# Fleiss' kappa for m raters.
# Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
# Psychological Bulletin 76(5), 378-382: with N subjects (statements), n
# raters per subject (the panelists who rated every statement), n_ij the
# raters who put subject i in category j,
#   p_j = sum_i n_ij / (N n)
#   P_i = (sum_j n_ij^2 - n) / (n (n - 1))
#   Pbar = mean(P_i), P_e = sum_j p_j^2
#   kappa = (Pbar - P_e) / (1 - P_e)
#   kappa_j = 1 - sum_i n_ij (n - n_ij) / (N n (n - 1) p_j q_j)
# Standard error under H0 (no agreement beyond chance): Fleiss, J. L.,
# Nee, J. C. M. & Landis, J. R. (1979). Large sample variance of kappa in
# the case of different sets of raters. Psychological Bulletin 86(5),
# 974-977 (the formula R's irr::kappam.fleiss uses):
#   se = sqrt(2) / (sum_j p_j q_j sqrt(N n (n - 1)))
#        * sqrt((sum_j p_j q_j)^2 - sum_j p_j q_j (q_j - p_j))
# z = kappa / se; p two-sided from the standard normal.
# Categories are the scale points; categories nobody used have p_j = 0.
fleiss_reference <- function(x, low, high) {
  raters <- x[, colSums(is.na(x)) == 0, drop = FALSE]
  N <- nrow(raters); n <- ncol(raters)
  categories <- low:high
  out <- list(subjects = N, raters = n, kappa = NA, se = NA, z = NA, p = NA,
              kappa_exact = "", category = rep(NA, length(categories)),
              category_exact = rep("", length(categories)))
  if (N < 2 || n < 2) return(out)
  counts <- t(apply(raters, 1, function(row) sapply(categories, function(j) sum(row == j))))
  stopifnot(all(rowSums(counts) == n))
  p <- colSums(counts) / (N * n)
  P_i <- (rowSums(counts^2) - n) / (n * (n - 1))
  P_bar <- mean(P_i)
  P_e <- sum(p^2)
  q <- 1 - p
  if (P_e < 1) {
    out$kappa <- (P_bar - P_e) / (1 - P_e)
    # Whole-number form: with T = N n, A = sum n_ij^2, C = sum_j (sum_i n_ij)^2,
    # kappa = ((A - T) T - C (n - 1)) / ((n - 1) (T^2 - C)).
    T <- N * n; A <- sum(counts^2); C <- sum(colSums(counts)^2)
    out$kappa_exact <- exact_text((A - T) * T - C * (n - 1), (n - 1) * (T^2 - C))
    pq <- sum(p * q)
    radicand <- pq^2 - sum(p * q * (q - p))
    if (pq > 0 && radicand >= 0) {
      out$se <- sqrt(2) / (pq * sqrt(N * n * (n - 1))) * sqrt(radicand)
      if (out$se > 0) {
        out$z <- out$kappa / out$se
        out$p <- 2 * pnorm(abs(out$z), lower.tail = FALSE)
      }
    }
  }
  for (j in seq_along(categories)) {
    if (p[j] > 0 && p[j] < 1) {
      out$category[j] <- 1 - sum(counts[, j] * (n - counts[, j])) /
        (N * n * (n - 1) * p[j] * q[j])
      # N n (n - 1) p_j q_j = (n - 1) c_j (T - c_j) / T with c_j = sum_i n_ij.
      cj <- sum(counts[, j]); T <- N * n
      den <- (n - 1) * cj * (T - cj)
      out$category_exact[j] <- exact_text(den - T * sum(counts[, j] * (n - counts[, j])), den)
    }
  }
  out
}

# ---------------------------------------------------------------------------
# Krippendorff's alpha.
# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability.
# Annenberg School for Communication, University of Pennsylvania, Departmental
# Papers 43. Section C (any number of observers, missing values):
#   m_u   the number of values in unit u; units with m_u < 2 are not pairable
#         and are dropped entirely
#   o_ck  = sum_u (number of c-k pairs in u) / (m_u - 1), pairs of values by
#         different observers, ordered (the coincidence matrix)
#   n_c   = sum_k o_ck, n = sum_c n_c (the pairable values)
#   alpha = 1 - (n - 1) sum_ck o_ck delta2_ck / sum_ck n_c n_k delta2_ck
# with the difference functions of section E:
#   nominal  0 if c = k, else 1
#   ordinal  (sum_{g = c..k} n_g - (n_c + n_k) / 2)^2
#   interval (c - k)^2
#   ratio    ((c - k) / (c + k))^2
# The ordinal metric sums n_g over the values between c and k; a value that
# no pairable rating took has n_g = 0, so summing over all scale points or
# over the values that occur gives the same.
alpha_reference <- function(x, level) {
  values_in <- apply(x, 1, function(row) sum(!is.na(row)))
  pairable <- x[values_in >= 2, , drop = FALSE]
  m_u <- values_in[values_in >= 2]
  vals <- sort(unique(as.vector(pairable[!is.na(pairable)])))
  out <- list(units = nrow(pairable), pairable = sum(m_u), alpha = NA, exact = "")
  if (nrow(pairable) == 0) return(out)
  V <- length(vals)
  o <- matrix(0, V, V)
  for (u in seq_len(nrow(pairable))) {
    row <- pairable[u, ]
    row <- row[!is.na(row)]
    for (a in seq_along(row)) {
      for (b in seq_along(row)) {
        if (a != b) {
          c <- match(row[a], vals); k <- match(row[b], vals)
          o[c, k] <- o[c, k] + 1 / (m_u[u] - 1)
        }
      }
    }
  }
  n_c <- rowSums(o)
  n <- sum(n_c)
  stopifnot(abs(n - sum(m_u)) < 1e-9)
  delta2 <- matrix(0, V, V)
  for (c in seq_len(V)) {
    for (k in seq_len(V)) {
      delta2[c, k] <- switch(level,
        nominal = if (c == k) 0 else 1,
        ordinal = {
          g <- min(c, k):max(c, k)
          (sum(n_c[g]) - (n_c[c] + n_c[k]) / 2)^2
        },
        interval = (vals[c] - vals[k])^2,
        ratio = if (vals[c] + vals[k] == 0) 0 else ((vals[c] - vals[k]) / (vals[c] + vals[k]))^2)
    }
  }
  if (level == "ratio" && any(vals < 0)) return(out)
  expected <- sum(outer(n_c, n_c) * delta2)
  if (expected == 0) return(out)
  out$alpha <- 1 - (n - 1) * sum(o * delta2) / expected
  # Whole-number form (nominal, ordinal, interval): with L the least common
  # multiple of the m_u - 1, L o_ck and 4 delta2 are whole numbers, so
  # alpha = (L E - (n - 1) sum(L o_ck 4 delta2)) / (L E), E = sum n_c n_k 4 delta2.
  if (level != "ratio") {
    gcd <- function(a, b) if (b == 0) a else gcd(b, a %% b)
    L <- 1
    for (d in unique(m_u - 1)) L <- L / gcd(L, d) * d
    if (L < 2^40) {
      Lo <- matrix(0, V, V)
      for (u in seq_len(nrow(pairable))) {
        row <- pairable[u, ]
        row <- row[!is.na(row)]
        tab <- sapply(vals, function(v) sum(row == v))
        pairs <- outer(tab, tab) - diag(tab, nrow = V)
        Lo <- Lo + pairs * (L / (m_u[u] - 1))
      }
      d4 <- round(4 * delta2)
      stopifnot(all(abs(d4 - 4 * delta2) <= 1e-9 * pmax(1, d4)))
      n_c_whole <- rowSums(Lo) / L
      stopifnot(all(abs(n_c_whole - round(n_c_whole)) < 1e-9))
      n_c_whole <- round(n_c_whole)
      E <- sum(outer(n_c_whole, n_c_whole) * d4)
      O <- sum(Lo * d4)
      n_whole <- sum(m_u)
      out$exact <- exact_text(L * E - (n_whole - 1) * O, L * E)
    }
  }
  out
}

# ---------------------------------------------------------------------------
# Check the definitions against the worked examples of VECTORS.md.
close_to <- function(value, expected, digits) abs(value - expected) <= 0.5 * 10^-digits
check <- function(what, value, expected, digits) {
  if (!close_to(value, expected, digits)) {
    stop(sprintf("%s: %.10g, VECTORS.md says %s", what, value, format(expected)))
  }
}

anxiety <- cbind(
  r1 = c(3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3),
  r2 = c(3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4),
  r3 = c(2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2))
k <- kendall_reference(anxiety)
stopifnot(k$s == 3004, k$ties == 1674)
check("Kendall W uncorrected", k$w_uncorrected, 0.50192, 5)
check("Kendall W", k$w, 0.53966, 5)
check("Kendall chi-square", k$chisq, 30.760, 3)
check("Kendall p", k$p, 0.04288, 5)

fleiss_counts <- matrix(c(
  0,0,0,6,0, 0,3,0,0,3, 0,1,4,0,1, 0,0,0,0,6, 0,3,0,3,0, 2,0,4,0,0, 0,0,4,0,2, 2,0,3,1,0,
  2,0,0,4,0, 0,0,0,0,6, 1,0,0,5,0, 1,1,0,4,0, 0,3,3,0,0, 1,0,0,5,0, 0,2,0,3,1, 0,0,5,0,1,
  3,0,0,1,2, 5,1,0,0,0, 0,2,0,4,0, 1,0,2,0,3, 0,0,0,0,6, 0,1,0,5,0, 0,2,0,1,3, 2,0,0,4,0,
  1,0,0,4,1, 0,5,0,1,0, 4,0,0,0,2, 0,2,0,4,0, 1,0,5,0,0, 0,0,0,0,6), ncol = 5, byrow = TRUE)
# The matrix of ratings: subject i's six raters give category j n_ij times
# (which rater gave which does not matter to kappa).
fleiss_matrix <- t(apply(fleiss_counts, 1, function(cnt) rep(1:5, times = cnt)))
f <- fleiss_reference(fleiss_matrix, 1, 5)
check("Fleiss kappa", f$kappa, 0.4302, 4)
check("Fleiss SE", f$se, 0.024374, 6)
check("Fleiss z", f$z, 17.65, 2)
for (j in 1:5) check(sprintf("Fleiss kappa_%d", j), f$category[j],
                     c(0.245, 0.245, 0.520, 0.471, 0.566)[j], 3)
p_j <- colSums(fleiss_counts) / 180
for (j in 1:5) check("Fleiss p_j", p_j[j], c(0.1444, 0.1444, 0.1667, 0.3056, 0.2389)[j], 4)
check("Fleiss P-bar", mean((rowSums(fleiss_counts^2) - 6) / 30), 0.5556, 4)
check("Fleiss P-e", sum(p_j^2), 0.2199, 4)

kripp_observers <- rbind(
  A = c(1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA),
  B = c(1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3),
  C = c(NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA),
  D = c(1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA))
kripp_matrix <- t(kripp_observers)  # units (rows) x observers (columns)
expected_alpha <- c(nominal = 0.7434, ordinal = 0.8154, interval = 0.8491, ratio = 0.7974)
for (level in names(expected_alpha)) {
  a <- alpha_reference(kripp_matrix, level)
  stopifnot(a$pairable == 40, a$units == 11)
  check(sprintf("Krippendorff alpha %s", level), a$alpha, expected_alpha[[level]], 4)
}

# ---------------------------------------------------------------------------
# The fixture.
rows <- list()
matrix_text <- function(x) {
  paste(apply(x, 1, function(row) paste(ifelse(is.na(row), ".", sprintf("%d", row)),
                                        collapse = ";")), collapse = "|")
}

add_case <- function(case, low, high, x) {
  stopifnot(is.matrix(x), all(is.na(x) | (x >= low & x <= high)), all(is.na(x) | x == round(x)))
  text <- matrix_text(x)
  add <- function(statistic, argument, value, exact = "") {
    rows[[length(rows) + 1]] <<- data.frame(
      case = case, low = low, high = high, units = nrow(x), raters = ncol(x), matrix = text,
      statistic = statistic, argument = argument, value = fmt(value), exact = exact,
      stringsAsFactors = FALSE)
    text <<- ""  # the matrix is written on the case's first row only
  }
  k <- kendall_reference(x)
  add("kendall_objects", "", k$objects)
  add("kendall_judges", "", k$judges)
  add("kendall_s", "", k$s)
  add("kendall_ties", "", k$ties)
  add("kendall_w", "", k$w, k$w_exact)
  add("kendall_w_uncorrected", "", k$w_uncorrected, k$w_uncorrected_exact)
  add("kendall_chisq", "", k$chisq, k$chisq_exact)
  add("kendall_p", "", k$p)
  f <- fleiss_reference(x, low, high)
  add("fleiss_subjects", "", f$subjects)
  add("fleiss_raters", "", f$raters)
  add("fleiss_kappa", "", f$kappa, f$kappa_exact)
  add("fleiss_se", "", f$se)
  add("fleiss_z", "", f$z)
  add("fleiss_p", "", f$p)
  for (j in seq(low, high)) {
    add("fleiss_category_kappa", sprintf("%d", j), f$category[j - low + 1],
        f$category_exact[j - low + 1])
  }
  for (level in c("nominal", "ordinal", "interval", "ratio")) {
    a <- alpha_reference(x, level)
    if (level == "nominal") {
      add("alpha_units", "", a$units)
      add("alpha_pairable", "", a$pairable)
    }
    add("krippendorff_alpha", level, a$alpha, a$exact)
  }
}

# Ratings of `units` statements by `raters` panelists on low..high: each
# statement has a level, each rating is the level plus noise of the given
# spread (0: everyone agrees on the statement), rounded and kept on the scale.
draw <- function(units, raters, low, high, spread) {
  level <- runif(units, low, high)
  x <- matrix(level, units, raters) + matrix(rnorm(units * raters, 0, spread), units, raters)
  pmin(pmax(round(x), low), high)
}
uniform <- function(units, raters, low, high) {
  matrix(sample(low:high, units * raters, replace = TRUE), units, raters)
}
# Blank out a share of the ratings at random.
scatter_missing <- function(x, share) {
  x[runif(length(x)) < share] <- NA
  x
}
# Some panelists skip some statements (whole runs of them).
skippers <- function(x, how_many) {
  for (r in sample.int(ncol(x), min(how_many, ncol(x)))) {
    skip <- sample.int(nrow(x), sample.int(max(1, nrow(x) %/% 2), 1))
    x[skip, r] <- NA
  }
  x
}

add_case("VECTORS anxiety (Kendall)", 1, 6, anxiety)
add_case("VECTORS Fleiss 1971 Table 1", 1, 5, fleiss_matrix)
add_case("VECTORS Krippendorff 2011", 1, 5, kripp_matrix)

for (scale in list(c(1, 5), c(1, 9))) {
  low <- scale[1]; high <- scale[2]
  tag <- sprintf("%d..%d", low, high)
  # The smallest matrices.
  add_case(sprintf("%s 2x2", tag), low, high, uniform(2, 2, low, high))
  add_case(sprintf("%s 2x2 agree", tag), low, high, matrix(c(low, high, low, high), 2, 2))
  add_case(sprintf("%s 2x2 opposite", tag), low, high, matrix(c(low, high, high, low), 2, 2))
  add_case(sprintf("%s 1x5 one statement", tag), low, high, uniform(1, 5, low, high))
  add_case(sprintf("%s 5x1 one panelist", tag), low, high, uniform(5, 1, low, high))
  add_case(sprintf("%s 3x2", tag), low, high, draw(3, 2, low, high, 1))
  add_case(sprintf("%s 2x3", tag), low, high, draw(2, 3, low, high, 1))
  # Perfect agreement, all-equal rows, all-equal matrices.
  lv <- sample(low:high, 8, replace = TRUE)
  add_case(sprintf("%s 8x6 perfect agreement", tag), low, high, matrix(lv, 8, 6))
  add_case(sprintf("%s 5x6 perfect agreement distinct", tag), low, high,
           matrix(seq(low, length.out = 5), 5, 6))
  add_case(sprintf("%s 6x5 all equal", tag), low, high, matrix(high - 1, 6, 5))
  eq <- draw(10, 7, low, high, 1.2)
  eq[c(2, 5, 9), ] <- low + 1
  add_case(sprintf("%s 10x7 some all-equal rows", tag), low, high, eq)
  col_equal <- draw(9, 6, low, high, 1)
  col_equal[, 2] <- high
  add_case(sprintf("%s 9x6 a panelist rates all alike", tag), low, high, col_equal)
  add_case(sprintf("%s 7x5 every panelist rates all alike", tag), low, high,
           matrix(sample(low:high, 5, replace = TRUE), 7, 5, byrow = TRUE))
  two_values <- matrix(sample(c(low, high), 60, replace = TRUE), 12, 5)
  add_case(sprintf("%s 12x5 two values", tag), low, high, two_values)
  # Complete matrices of many shapes and agreement levels.
  shapes <- list(c(2, 40), c(3, 10), c(4, 4), c(5, 12), c(6, 20), c(8, 3), c(10, 15),
                 c(12, 8), c(15, 25), c(20, 11), c(25, 30), c(30, 40), c(30, 2), c(18, 33))
  for (sh in shapes) {
    for (spread in c(0.5, 1.5, 3)) {
      add_case(sprintf("%s %dx%d spread %.1f", tag, sh[1], sh[2], spread), low, high,
               draw(sh[1], sh[2], low, high, spread))
    }
    add_case(sprintf("%s %dx%d uniform", tag, sh[1], sh[2]), low, high,
             uniform(sh[1], sh[2], low, high))
  }
  # Missing ratings.
  for (sh in list(c(4, 6), c(9, 12), c(14, 20), c(22, 35), c(30, 40), c(6, 3))) {
    for (share in c(0.05, 0.2, 0.5)) {
      add_case(sprintf("%s %dx%d missing %.2f", tag, sh[1], sh[2], share), low, high,
               scatter_missing(draw(sh[1], sh[2], low, high, 1.2), share))
    }
    add_case(sprintf("%s %dx%d skippers", tag, sh[1], sh[2]), low, high,
             skippers(draw(sh[1], sh[2], low, high, 1), max(1, sh[2] %/% 3)))
    add_case(sprintf("%s %dx%d one skipper", tag, sh[1], sh[2]), low, high,
             skippers(draw(sh[1], sh[2], low, high, 1), 1))
  }
  # Statements rated by one panelist only (dropped by alpha), a statement
  # nobody rated, and every panelist skipping something (no complete panelist).
  lone <- draw(10, 8, low, high, 1)
  lone[c(3, 7), -1] <- NA
  add_case(sprintf("%s 10x8 statements with one rating", tag), low, high, lone)
  lone2 <- draw(6, 5, low, high, 1)
  lone2[4, ] <- NA
  lone2[4, 2] <- high
  lone2[1, ] <- NA
  add_case(sprintf("%s 6x5 one rating and none", tag), low, high, lone2)
  diag_missing <- draw(7, 7, low, high, 1)
  diag(diag_missing) <- NA
  add_case(sprintf("%s 7x7 everyone skipped one", tag), low, high, diag_missing)
  only_one <- draw(8, 6, low, high, 1)
  only_one[cbind(1:5, 2:6)] <- NA
  add_case(sprintf("%s 8x6 one complete panelist", tag), low, high, only_one)
  single <- matrix(NA, 5, 4)
  single[cbind(1:5, c(1, 2, 3, 4, 1))] <- sample(low:high, 5, replace = TRUE)
  add_case(sprintf("%s 5x4 one rating per statement", tag), low, high, single)
  pair_only <- matrix(NA, 5, 4)
  pair_only[2, c(1, 3)] <- c(low, high)
  pair_only[4, 2] <- low
  add_case(sprintf("%s 5x4 one pairable statement", tag), low, high, pair_only)
}

# Zero on the scale (the ratio metric's c + k = 0 when c = k = 0) and a
# scale with negative points (ratio missing, the others computed).
for (i in 1:3) {
  add_case(sprintf("0..10 12x9 spread 1.5 #%d", i), 0, 10, draw(12, 9, 0, 10, 1.5))
}
add_case("0..10 10x6 missing 0.2", 0, 10, scatter_missing(draw(10, 6, 0, 10, 1.5), 0.2))
add_case("-2..2 10x6", -2, 2, draw(10, 6, -2, 2, 1))
add_case("-2..2 8x5 nonnegative", -2, 2, draw(8, 5, 0, 2, 0.8))

table <- do.call(rbind, rows)
out <- file.path("tests", "data", "reference", "reliability.csv")
dir.create(dirname(out), recursive = TRUE, showWarnings = FALSE)
con <- file(out, "w")
writeLines(c(
  "# Reference values for Tholos's reliability statistics (Kendall's W, Fleiss' kappa,",
  "# Krippendorff's alpha), computed in base R from the published definitions.",
  "# Written by tests/reference/make_reliability_fixtures.R (its header documents the",
  "# columns); regenerate from the repository root with",
  "#   Rscript tests/reference/make_reliability_fixtures.R",
  "# Matrices: statements (rows, joined by |) x panelists (ratings joined by ;), . = no rating;",
  "# each case's matrix is on its first row only."),
  con)
write.csv(table, con, row.names = FALSE, quote = FALSE, na = "")
close(con)
cat(sprintf("wrote %s: %d rows, %d cases, %d missing values, %d exact rationals\n", out,
            nrow(table), length(unique(table$case)), sum(table$value == "NA"),
            sum(table$exact != "")))
