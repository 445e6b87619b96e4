#!/usr/bin/env Rscript
# tests/reference/examples.R
#
# Independent reference results for the four example studies in examples/.
#
# This script does NOT use Tholos. Each example's protocol.tholos was read by a
# person and its rules were translated by hand into base R below (the protocol
# line being implemented is quoted in a comment next to the code). The outputs
# are the expected reports the C++ engine is tested against:
#
#   examples/<name>/expected.csv         one row per statement per round
#   examples/<name>/expected-rounds.csv  one row per round
#
# Run from the repository root:   Rscript tests/reference/examples.R
# Needs only base R (tested with R 4.2.2, Debian r-base-core).
#
# Conventions of the output files
#   expected.csv:        round,item,status,<one column per `measure`, in order>
#   expected-rounds.csv: round,invited,respondents,response_rate,statements,
#                        <one count column per status label, in classify order>,
#                        rerated,stop,req1,req2,...  (one per `require`, in order)
#   Percentages are fractions; numbers are sprintf("%.17g"); booleans true/false;
#   a missing value is an empty field; rows sorted by round, then item id.
#
# Semantics used (from the Tholos design brief and the brief for this script)
#   rating        the statement's VALID ratings in the round: numeric answers
#                 only; declared `not a rating` codes and blanks are left out.
#   respondents   (statement) panelists with a non-blank answer to the
#                 statement (any criterion, DK included) in that round;
#                 (round) panelists with at least one non-blank answer.
#   invited       invitations.csv for the round, else everyone in panel.csv.
#   share(c)      `denominator valid ratings`: #valid ratings meeting c / #valid;
#                 `denominator respondents`: #respondents meeting c / #respondents.
#   count(...)    number of valid ratings (meeting the condition).
#   iqr           IQR(x, type = 7); median is median().
#   Logic         Kleene (R's & | ! on NA behave that way). A classify case
#                 whose condition is NA before any case was TRUE would make
#                 the statement "undetermined"; none occurs here, and the
#                 script stops if one ever does (the file formats above have
#                 no column for it).
#   Thresholds    compared exactly, in integer arithmetic (9 of 12 is exactly
#                 75%), never through floating-point fractions.

options(warn = 1, stringsAsFactors = FALSE)

# ---------------------------------------------------------------------------
# Reading a study
# ---------------------------------------------------------------------------

# Read one CSV with every field as text; blanks stay "" (never NA).
read_text_csv <- function(path) {
  if (!file.exists(path)) stop("missing file: ", path)
  df <- utils::read.csv(path, colClasses = "character", na.strings = character(0),
                        check.names = FALSE, fileEncoding = "UTF-8-BOM",
                        strip.white = FALSE)
  names(df) <- trimws(names(df))
  df
}

need_cols <- function(df, cols, path) {
  miss <- setdiff(cols, names(df))
  if (length(miss)) stop(path, ": missing column(s) ", paste(miss, collapse = ", "))
}

# Load a study folder and validate every row (nothing is dropped silently).
#   scale = c(lo, hi); codes = declared "not a rating" codes.
read_study <- function(dir, scale, codes = character(0)) {
  rp <- file.path(dir, "ratings.csv"); pp <- file.path(dir, "panel.csv")
  ip <- file.path(dir, "items.csv");   vp <- file.path(dir, "invitations.csv")
  r <- read_text_csv(rp); p <- read_text_csv(pp); it <- read_text_csv(ip)
  need_cols(r, c("round", "panelist", "item", "rating"), rp)
  need_cols(p, "panelist", pp); need_cols(it, "item", ip)
  if (!"criterion" %in% names(r)) r$criterion <- ""
  if (any(!grepl("^[1-9][0-9]*$", r$round))) stop(rp, ": bad round number")
  r$round <- as.integer(r$round)
  bad <- setdiff(r$panelist, p$panelist); if (length(bad)) stop(rp, ": unknown panelist ", bad[1])
  bad <- setdiff(r$item, it$item);        if (length(bad)) stop(rp, ": unknown item ", bad[1])
  key <- paste(r$round, r$panelist, r$item, r$criterion, sep = "\r")
  if (anyDuplicated(key)) stop(rp, ": duplicate row ", which(duplicated(key))[1] + 1)
  # Classify every answer: blank, declared code, or a rating on the scale.
  ans <- trimws(r$rating)
  r$blank <- ans == ""
  r$code <- ans %in% codes
  num <- suppressWarnings(as.numeric(ifelse(r$blank | r$code, NA, ans)))
  badrow <- which(!r$blank & !r$code & (is.na(num) | num < scale[1] | num > scale[2]))
  if (length(badrow)) stop(rp, ": row ", badrow[1] + 1, ": rating '", ans[badrow[1]],
                           "' is neither on the scale nor a declared code")
  r$value <- num                      # NA unless a valid rating
  r$answered <- !r$blank              # a non-blank answer (codes included)
  if (file.exists(vp)) {
    v <- read_text_csv(vp); need_cols(v, c("round", "panelist"), vp)
    v$round <- as.integer(v$round)
    bad <- setdiff(v$panelist, p$panelist); if (length(bad)) stop(vp, ": unknown panelist ", bad[1])
  } else {
    v <- NULL
  }
  list(name = basename(dir), dir = dir, ratings = r, panel = p, items = it, invitations = v)
}

invited_in <- function(st, k) {
  if (is.null(st$invitations)) st$panel$panelist
  else unique(st$invitations$panelist[st$invitations$round == k])
}

# ---------------------------------------------------------------------------
# Statistics and exact comparisons
# ---------------------------------------------------------------------------

iqr7 <- function(x) if (length(x) == 0) NA_real_ else stats::IQR(x, type = 7)
med <- function(x) if (length(x) == 0) NA_real_ else stats::median(x)

# A share kept as an exact fraction: numerator and denominator (integers).
frac <- function(num, den) list(num = num, den = den)
frac_value <- function(f) if (f$den == 0) NA_real_ else f$num / f$den
# Compare num/den with a percentage pct (e.g. 70 for 70%) exactly.
frac_ge <- function(f, pct) if (f$den == 0) NA else f$num * 100 >= pct * f$den
frac_gt <- function(f, pct) if (f$den == 0) NA else f$num * 100 >  pct * f$den
frac_lt <- function(f, pct) if (f$den == 0) NA else f$num * 100 <  pct * f$den
frac_eq <- function(f, pct) if (f$den == 0) NA else f$num * 100 == pct * f$den

in_range <- function(x, lo, hi) x >= lo & x <= hi

# Ordered cases, first TRUE wins; a NA case before any TRUE one => undetermined.
classify <- function(conds, labels, otherwise) {
  for (i in seq_along(conds)) {
    if (is.na(conds[[i]])) return("undetermined")
    if (conds[[i]]) return(labels[i])
  }
  otherwise
}

# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------

fmt_num  <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))
fmt_bool <- function(x) ifelse(is.na(x), "", ifelse(x, "true", "false"))
fmt_pass <- function(x) ifelse(x, "pass", "fail")

csv_field <- function(x) {
  x <- as.character(x)
  q <- grepl("[\",\r\n]", x)
  x[q] <- paste0("\"", gsub("\"", "\"\"", x[q]), "\"")
  x
}

write_plain_csv <- function(df, path) {
  cols <- lapply(df, csv_field)
  lines <- c(paste(csv_field(names(df)), collapse = ","),
             if (nrow(df)) do.call(paste, c(cols, sep = ",")))
  con <- file(path, "wb"); on.exit(close(con))
  writeLines(lines, con, sep = "\n")
}

# Guard against a protocol edited after this script was written: the measure
# names and status labels must still be the ones implemented here, in order.
# `import NAME` brings in stdlib/presets/NAME.tholos at that place (as Tholos
# does); a measure or classification the importing file declares again
# replaces the imported one.
expand_imports <- function(path) {
  src <- sub("#.*$", "", readLines(path, warn = FALSE))
  out <- character(0)
  for (line in src) {
    m <- regmatches(line, regexec("^\\s*import\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*$", line))[[1]]
    if (length(m)) out <- c(out, expand_imports(file.path("stdlib", "presets", paste0(m[2], ".tholos"))))
    else out <- c(out, line)
  }
  out
}

check_protocol <- function(st, measures, labels) {
  src <- expand_imports(file.path(st$dir, "protocol.tholos"))
  got_m <- sub("^\\s*measure\\s+([A-Za-z_][A-Za-z0-9_]*).*$", "\\1",
               grep("^\\s*measure\\s", src, value = TRUE))
  got_m <- got_m[!duplicated(got_m, fromLast = TRUE)]
  if (!identical(got_m, measures))
    stop(st$name, ": protocol measures are ", paste(got_m, collapse = ","),
         " but this script implements ", paste(measures, collapse = ","))
  blk <- tail(which(grepl("^\\s*classify\\s+statement", src)), 1)
  body <- src[(blk + 1):length(src)]
  body <- body[seq_len(which(grepl("^\\s*otherwise\\s", body))[1])]
  got_l <- c(sub("^\\s*\"?([A-Za-z_][A-Za-z0-9_]*)\"?\\s+when\\s.*$", "\\1",
                 grep("\\swhen\\s", body, value = TRUE)),
             sub("^\\s*otherwise\\s+([A-Za-z_][A-Za-z0-9_]*).*$", "\\1",
                 grep("^\\s*otherwise\\s", body, value = TRUE)))
  if (!identical(got_l, labels))
    stop(st$name, ": protocol labels are ", paste(got_l, collapse = ","),
         " but this script implements ", paste(labels, collapse = ","))
  n_req <- sum(grepl("^\\s*require\\s", src))  # presets declare none
  n_req
}

# ---------------------------------------------------------------------------
# Generic round loop
# ---------------------------------------------------------------------------
# `statement_fn(rows, k)` gets one statement's rows of round k and returns a
# list: status, values (named list of measures, already formatted as text),
# rerate (logical), req (logical vector, one per statement-level requirement;
# NULL if none). `round_fn(k, res)` gets round k's per-statement results and
# returns list(stop, req) with req a named logical vector of ALL requirements
# in protocol order (statement-level ones are combined by the caller into
# `req_stmt`, passed in res).
evaluate_study <- function(st, measures, labels, n_req, statement_fn, round_fn) {
  r <- st$ratings
  rows_out <- list(); rounds_out <- list(); per_round <- list()
  for (k in sort(unique(r$round))) {
    rk <- r[r$round == k, ]
    items <- sort(unique(rk$item), method = "radix")   # C-locale order
    res <- lapply(items, function(i) statement_fn(rk[rk$item == i, ], k, i))
    names(res) <- items
    status <- vapply(res, `[[`, "", "status")
    if (any(status == "undetermined"))
      stop(st$name, " round ", k, ": undetermined statement(s) ",
           paste(items[status == "undetermined"], collapse = ", "))
    for (i in items) {
      rows_out[[length(rows_out) + 1]] <-
        c(list(round = as.character(k), item = i, status = res[[i]]$status), res[[i]]$values)
    }
    invited <- invited_in(st, k)
    resp <- unique(rk$panelist[rk$answered])
    rr <- round_fn(k, res, rk)
    stopifnot(length(rr$req) == n_req)
    counts <- vapply(labels, function(l) sum(status == l), 0)
    row <- c(list(round = as.character(k),
                  invited = fmt_num(length(invited)),
                  respondents = fmt_num(length(resp)),
                  response_rate = fmt_num(length(resp) / length(invited)),
                  statements = fmt_num(length(items))),
             as.list(setNames(fmt_num(counts), labels)),
             list(rerated = fmt_num(sum(vapply(res, `[[`, NA, "rerate"))),
                  stop = fmt_bool(rr$stop)),
             as.list(setNames(fmt_pass(rr$req), paste0("req", seq_len(n_req)))))
    rounds_out[[length(rounds_out) + 1]] <- row
    per_round[[as.character(k)]] <- list(items = items, status = status, res = res,
                                         respondents = resp, invited = invited,
                                         rerate = items[vapply(res, `[[`, NA, "rerate")],
                                         stop = rr$stop, req = rr$req)
  }
  stmts <- as.data.frame(do.call(rbind, lapply(rows_out, function(x) unlist(x))),
                         stringsAsFactors = FALSE)
  stopifnot(identical(names(stmts), c("round", "item", "status", measures)))
  rounds <- as.data.frame(do.call(rbind, lapply(rounds_out, unlist)), stringsAsFactors = FALSE)
  write_plain_csv(stmts, file.path(st$dir, "expected.csv"))
  write_plain_csv(rounds, file.path(st$dir, "expected-rounds.csv"))
  list(statements = stmts, rounds = rounds, per_round = per_round)
}

# Respondents to a statement (rows = that statement's rows in one round).
stmt_respondents <- function(rows) unique(rows$panelist[rows$answered])

group_of <- function(st, ids) st$panel$group[match(ids, st$panel$panelist)]

notes <- character(0)
note <- function(...) notes <<- c(notes, paste0(...))

# Boundary report: which shares sit exactly on a threshold (engines often get
# these wrong with floating-point percentages).
boundary <- function(study, k, item, what, f, pct) {
  if (f$den > 0 && frac_eq(f, pct))
    note(study, " round ", k, " ", item, ": ", what, " = ", f$num, "/", f$den,
         " is exactly ", pct, "%")
}

# ===========================================================================
# 1. peer-support
# ===========================================================================
#   scale agreement 1..5 / not a rating: "DK" / band agree = 4..5
#   quantiles type 7 / denominator valid ratings / groups from panel.group
#   param threshold = 70%   param max_iqr = 1
peer_support <- function() {
  st <- read_study("examples/peer-support", scale = c(1, 5), codes = "DK")
  measures <- c("agreement", "spread", "median_rating", "ratings")
  labels <- c("consensus", "no_consensus")
  n_req <- check_protocol(st, measures, labels)
  stopifnot(n_req == 4)
  groups <- sort(unique(st$panel$group))
  threshold <- 70; max_iqr <- 1

  statement_fn <- function(rows, k, item) {
    v <- rows$value[!is.na(rows$value)]                    # rating
    agreement <- frac(sum(in_range(v, 4, 5)), length(v))   # share(rating in agree)
    spread <- iqr7(v)                                      # iqr(rating)
    boundary("peer-support", k, item, "agreement", agreement, threshold)
    # consensus when agreement >= threshold and spread <= max_iqr
    cons <- frac_ge(agreement, threshold) & (spread <= max_iqr)
    status <- classify(list(cons), "consensus", "no_consensus")
    # require each statement, each group: respondents >= 5
    resp <- stmt_respondents(rows)
    grp_resp <- vapply(groups, function(g) sum(group_of(st, resp) == g), 0)
    list(status = status,
         values = list(agreement = fmt_num(frac_value(agreement)),
                       spread = fmt_num(spread),
                       median_rating = fmt_num(med(v)),
                       ratings = fmt_num(length(v))),          # count(rating)
         rerate = status == "no_consensus",                    # rerate when status = no_consensus
         grp_resp = grp_resp)
  }
  round_fn <- function(k, res, rk) {
    status <- vapply(res, `[[`, "", "status")
    # stop when round = 3 / stop when count(statements where status = no_consensus) = 0
    stop_now <- (k == 3) || (sum(status == "no_consensus") == 0)
    # req1: require each group: panelists >= 10        (panel level)
    req1 <- all(table(factor(st$panel$group, levels = groups)) >= 10)
    # req2: require each round, each group: response_rate >= 70%
    inv <- invited_in(st, k)
    resp <- unique(rk$panelist[rk$answered])
    req2 <- all(vapply(groups, function(g) {
      inv_g <- inv[group_of(st, inv) == g]
      resp_g <- intersect(resp, inv_g)
      isTRUE(frac_ge(frac(length(resp_g), length(inv_g)), 70))
    }, NA))
    # req3: require response_rate >= 70%
    req3 <- isTRUE(frac_ge(frac(length(resp), length(inv)), 70))
    # req4: require each statement, each group: respondents >= 5
    req4 <- all(vapply(res, function(x) all(x$grp_resp >= 5), NA))
    list(stop = stop_now, req = c(req1, req2, req3, req4))
  }
  out <- evaluate_study(st, measures, labels, n_req, statement_fn, round_fn)

  # Per-group response rates and minimum per-group respondents, for the report.
  for (k in names(out$per_round)) {
    pr <- out$per_round[[k]]
    inv <- pr$invited
    rates <- vapply(groups, function(g) {
      inv_g <- inv[group_of(st, inv) == g]
      sprintf("%s %d/%d", g, length(intersect(pr$respondents, inv_g)), length(inv_g))
    }, "")
    mins <- vapply(groups, function(g) min(vapply(pr$res, function(x) x$grp_resp[[g]], 0)), 0)
    note("peer-support round ", k, ": group response ", paste(rates, collapse = ", "),
         "; fewest respondents to a statement per group: ",
         paste(groups, mins, collapse = ", "))
  }
  out$st <- st
  out
}

# ===========================================================================
# 2. hospital-activities
# ===========================================================================
#   scale yes_no 0..1 / band yes = 1 / criteria useful, acceptable
#   denominator respondents / param threshold = 75%
hospital <- function() {
  st <- read_study("examples/hospital-activities", scale = c(0, 1))
  measures <- c("both", "useful_share", "acceptable_share", "judged_useful")
  labels <- c("endorsed", "not_endorsed")
  n_req <- check_protocol(st, measures, labels)
  stopifnot(n_req == 1)
  crits <- unique(st$ratings$criterion)
  if (!setequal(crits, c("useful", "acceptable"))) stop("hospital: unexpected criteria ", crits)
  threshold <- 75

  statement_fn <- function(rows, k, item) {
    resp <- stmt_respondents(rows)                  # denominator respondents
    n <- length(resp)
    u <- rows[rows$criterion == "useful" & !is.na(rows$value), c("panelist", "value")]
    a <- rows[rows$criterion == "acceptable" & !is.na(rows$value), c("panelist", "value")]
    # useful in yes and acceptable in yes: per respondent, over respondents
    # with valid ratings on both criteria.
    ua <- merge(u, a, by = "panelist", suffixes = c(".u", ".a"))
    both <- frac(sum(ua$value.u == 1 & ua$value.a == 1), n)
    useful <- frac(sum(u$value == 1), n)
    accept <- frac(sum(a$value == 1), n)
    boundary("hospital-activities", k, item, "both", both, threshold)
    status <- classify(list(frac_gt(both, threshold)), "endorsed", "not_endorsed")
    list(status = status,
         values = list(both = fmt_num(frac_value(both)),
                       useful_share = fmt_num(frac_value(useful)),
                       acceptable_share = fmt_num(frac_value(accept)),
                       judged_useful = fmt_num(sum(u$value == 1))),   # count(useful in yes)
         rerate = FALSE,                 # no rerate rule: nothing goes on
         n_resp = n, useful = useful)
  }
  round_fn <- function(k, res, rk) {
    # stop when round = 1
    # req1: require each statement: respondents >= 90
    list(stop = (k == 1),
         req = all(vapply(res, function(x) x$n_resp >= 90, NA)))
  }
  out <- evaluate_study(st, measures, labels, n_req, statement_fn, round_fn)
  out$st <- st
  out
}

# ===========================================================================
# 3. comet-cos
# ===========================================================================
#   scale grade 1..9 / not a rating: "UTS" / bands critical 7..9, important
#   4..6, limited 1..3 / quantiles type 7 / denominator valid ratings
#   param consensus_level = 70%   param dissent_level = 15%
comet <- function() {
  st <- read_study("examples/comet-cos", scale = c(1, 9), codes = "UTS")
  measures <- c("critical_share", "limited_share", "median_score", "spread")
  labels <- c("in", "out", "none")
  n_req <- check_protocol(st, measures, labels)
  stopifnot(n_req == 1)
  groups <- sort(unique(st$panel$group))
  cl <- 70; dl <- 15

  statement_fn <- function(rows, k, item) {
    v <- rows$value[!is.na(rows$value)]
    crit <- frac(sum(in_range(v, 7, 9)), length(v))
    lim  <- frac(sum(in_range(v, 1, 3)), length(v))
    boundary("comet-cos", k, item, "critical_share", crit, cl)
    boundary("comet-cos", k, item, "critical_share", crit, dl)
    boundary("comet-cos", k, item, "limited_share", lim, cl)
    boundary("comet-cos", k, item, "limited_share", lim, dl)
    status <- classify(
      list(frac_ge(crit, cl) & frac_lt(lim, dl),    # in when ...
           frac_ge(lim, cl) & frac_lt(crit, dl)),   # out when ...
      c("in", "out"), "none")
    # require each statement, each group: count(rating) >= 10
    vg <- group_of(st, rows$panelist[!is.na(rows$value)])
    grp_n <- vapply(groups, function(g) sum(vg == g), 0)
    list(status = status,
         values = list(critical_share = fmt_num(frac_value(crit)),
                       limited_share = fmt_num(frac_value(lim)),
                       median_score = fmt_num(med(v)),
                       spread = fmt_num(iqr7(v))),
         rerate = (k < 2),                          # rerate when round < 2
         grp_n = grp_n)
  }
  round_fn <- function(k, res, rk) {
    list(stop = (k == 2),                           # stop when round = 2
         req = all(vapply(res, function(x) all(x$grp_n >= 10), NA)))
  }
  out <- evaluate_study(st, measures, labels, n_req, statement_fn, round_fn)
  for (k in names(out$per_round)) {
    pr <- out$per_round[[k]]
    mins <- vapply(groups, function(g) min(vapply(pr$res, function(x) x$grp_n[[g]], 0)), 0)
    note("comet-cos round ", k, ": fewest valid ratings of a statement per group: ",
         paste(groups, mins, collapse = ", "))
  }
  out$st <- st
  out
}

# ===========================================================================
# 4. rand-ucla
# ===========================================================================
#   scale appropriateness 1..9 / bands appropriate 7..9, uncertain 4..6,
#   inappropriate 1..3 / no quantile type declared (only median() is used)
rand <- function() {
  st <- read_study("examples/rand-ucla", scale = c(1, 9))
  measures <- c("median_rating", "low", "high", "disagreement")
  labels <- c("appropriate", "inappropriate", "uncertain")
  n_req <- check_protocol(st, measures, labels)
  stopifnot(n_req == 1)

  statement_fn <- function(rows, k, item) {
    v <- rows$value[!is.na(rows$value)]
    m <- med(v)
    low <- sum(in_range(v, 1, 3)); high <- sum(in_range(v, 7, 9))
    dis <- low >= 4 & high >= 4                   # disagreement = low >= 4 and high >= 4
    status <- classify(
      list(in_range(m, 7, 9) & !dis,              # appropriate when ...
           in_range(m, 1, 3) & !dis),             # inappropriate when ...
      c("appropriate", "inappropriate"), "uncertain")
    list(status = status,
         values = list(median_rating = fmt_num(m), low = fmt_num(low),
                       high = fmt_num(high), disagreement = fmt_bool(dis)),
         rerate = FALSE,                            # no rerate rule
         n = length(v), dis = dis)
  }
  round_fn <- function(k, res, rk) {
    list(stop = (k == 1),                           # stop when round = 1
         # require each statement: count(rating) in 11..13
         req = all(vapply(res, function(x) in_range(x$n, 11, 13), NA)))
  }
  out <- evaluate_study(st, measures, labels, n_req, statement_fn, round_fn)
  out$st <- st
  out
}

# ===========================================================================
# Run, then check the published figures (issue 2, section 9)
# ===========================================================================
ps <- peer_support(); ha <- hospital(); cc <- comet(); ru <- rand()

failures <- character(0)
expect <- function(what, got, want) {
  if (!identical(as.character(got), as.character(want)))
    failures <<- c(failures, sprintf("%s: got %s, expected %s", what,
                                     paste(got, collapse = " "), paste(want, collapse = " ")))
}
col <- function(out, name) as.integer(out$rounds[[name]])

# peer-support: 24, 8, 6 consensus of 46, 22, 14 rated; 35, 32, 29 of 38 responded
expect("peer-support consensus per round", col(ps, "consensus"), c(24, 8, 6))
expect("peer-support consensus total", sum(col(ps, "consensus")), 38)
expect("peer-support statements per round", col(ps, "statements"), c(46, 22, 14))
expect("peer-support respondents per round", col(ps, "respondents"), c(35, 32, 29))
expect("peer-support invited per round", col(ps, "invited"), c(38, 38, 38))
expect("peer-support stop", ps$rounds$stop, c("false", "false", "true"))

# hospital-activities: none endorsed; A01 has the highest share judged useful, 73 of 98
expect("hospital endorsed", col(ha, "endorsed"), 0)
expect("hospital statements", col(ha, "statements"), 29)
a01 <- ha$statements[ha$statements$item == "A01", ]
expect("hospital A01 judged_useful", a01$judged_useful, 73)
expect("hospital A01 useful_share", a01$useful_share, sprintf("%.17g", 73 / 98))
us <- as.numeric(ha$statements$useful_share)
expect("hospital highest useful share", ha$statements$item[us == max(us)], "A01")

# comet-cos round 2: 17 in, 3 out, 20 none
r2 <- cc$rounds[cc$rounds$round == "2", ]
expect("comet-cos round 2 in/out/none", as.integer(c(r2$`in`, r2$out, r2$none)), c(17, 3, 20))

# rand-ucla: 10 appropriate, 8 inappropriate, 12 uncertain; disagreement on I04, I08, I12, I16, I28
expect("rand-ucla counts", as.integer(c(ru$rounds$appropriate, ru$rounds$inappropriate,
                                        ru$rounds$uncertain)), c(10, 8, 12))
expect("rand-ucla disagreement", ru$statements$item[ru$statements$disagreement == "true"],
       c("I04", "I08", "I12", "I16", "I28"))

# ---------------------------------------------------------------------------
# Data checks that are not verdicts: does each round rate what the previous
# round's rerate rule sent on? Who answered without being invited?
# ---------------------------------------------------------------------------
flow_check <- function(out) {
  pr <- out$per_round; ks <- names(pr)
  for (j in seq_along(ks)[-1]) {
    sent <- pr[[ks[j - 1]]]$rerate; rated <- pr[[ks[j]]]$items
    extra <- setdiff(rated, sent); missing <- setdiff(sent, rated)
    if (length(extra)) note(out$st$name, " round ", ks[j], ": rated but not sent on by round ",
                            ks[j - 1], "'s rerate rule: ", paste(extra, collapse = " "))
    if (length(missing)) note(out$st$name, " round ", ks[j], ": sent on but not rated: ",
                              paste(missing, collapse = " "))
    back <- setdiff(pr[[ks[j]]]$respondents, pr[[ks[j - 1]]]$respondents)
    if (length(back)) note(out$st$name, " round ", ks[j], ": ", length(back),
                           " respondent(s) who did not respond in round ", ks[j - 1], ": ",
                           paste(back, collapse = " "))
  }
  for (k in ks) {
    un <- setdiff(pr[[k]]$respondents, pr[[k]]$invited)
    if (length(un)) note(out$st$name, " round ", k, ": respondents not invited: ",
                         paste(un, collapse = " "))
  }
  r <- out$st$ratings
  never <- setdiff(out$st$items$item, r$item)
  if (length(never)) note(out$st$name, ": items never rated: ", paste(never, collapse = " "))
  blanks <- table(r$round[r$blank]); codes <- table(r$round[r$code])
  if (length(blanks)) note(out$st$name, ": blank answers per round: ",
                           paste(names(blanks), blanks, sep = ":", collapse = " "))
  if (length(codes)) note(out$st$name, ": 'not a rating' codes per round: ",
                          paste(names(codes), codes, sep = ":", collapse = " "))
}
invisible(lapply(list(ps, ha, cc, ru), flow_check))

for (out in list(ps, ha, cc, ru)) {
  cat("\n==", out$st$name, "==\n")
  print(out$rounds, row.names = FALSE)
}
if (length(notes)) cat("\nNotes:\n", paste0("  - ", notes, "\n"), sep = "")

if (length(failures))
  stop("reference results differ from issue 2, section 9:\n  ",
       paste(failures, collapse = "\n  "), call. = FALSE)
cat("\nAll figures of issue 2, section 9 reproduced.\n")
