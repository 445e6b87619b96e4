# The benchmark's COMET rule (bench/comet.tholos) in R with data.table, as
# an analyst would write it:
#
#   Rscript bench/comet.R STUDY_DIR > statuses.csv
#
# Prints the same table as `tholos eval bench/comet.tholos --format csv`:
#   round,item,status,median_rating,iqr_rating
# `in` = at least 70% of the valid ratings in 7..9 and under 15% in 1..3,
# pooled and in every group; `out` = at least 70% in 1..3 and under 15% in
# 7..9; otherwise `none`. "UTS" and blanks are not ratings. Median and IQR by
# R's default quantile type 7. R's logical operators are Kleene's, so a
# share of no ratings (NA) leaves the status undetermined (empty), as in
# Tholos. Shares are compared exactly, in integers (share >= 70% is
# 10 k >= 7 n; share < 15% is 20 k < 3 n).
#
# data.table runs on one thread unless BENCH_THREADS says otherwise, as
# Tholos and the hand-written program do.
suppressPackageStartupMessages(library(data.table))
setDTthreads(as.integer(Sys.getenv("BENCH_THREADS", "1")))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript comet.R STUDY_DIR")
dir <- args[1]

panel <- fread(file.path(dir, "panel.csv"), select = c("panelist", "group"),
               colClasses = "character")
items <- fread(file.path(dir, "items.csv"), select = "item", colClasses = "character")
ratings <- fread(file.path(dir, "ratings.csv"),
                 select = c("round", "panelist", "item", "rating"),
                 colClasses = list(integer = c("round", "rating"),
                                   character = c("panelist", "item")),
                 na.strings = c("", "UTS"))
if (anyNA(ratings$round)) stop("ratings.csv: a round is missing")
unknown <- setdiff(unique(ratings$panelist), panel$panelist)
if (length(unknown) > 0) stop("ratings.csv: unknown panelist ", unknown[1])
unknown <- setdiff(unique(ratings$item), items$item)
if (length(unknown) > 0) stop("ratings.csv: unknown item ", unknown[1])
if (any(!is.na(ratings$rating) & (ratings$rating < 1L | ratings$rating > 9L)))
  stop("ratings.csv: a rating is off the scale 1..9")

groups <- unique(panel$group)
presented <- unique(ratings[, .(round, item)])
valid <- ratings[!is.na(rating)]
valid[panel, on = "panelist", group := i.group]

# Pooled: shares, median and IQR per statement and round.
pooled <- valid[, .(n = .N, critical = sum(rating >= 7L), limited = sum(rating <= 3L),
                    median_rating = as.double(median(rating)),
                    iqr_rating = IQR(rating, type = 7)),
                by = .(round, item)]
# Per group; a group without ratings has no value (NA).
by_group <- valid[, .(n = .N, critical = sum(rating >= 7L), limited = sum(rating <= 3L)),
                  by = .(round, item, group)]
by_group[, ok := 10 * critical >= 7 * n & 20 * limited < 3 * n]
every <- by_group[, .(every = if (.N < length(groups)) { if (any(!ok)) FALSE else NA }
                              else all(ok)),
                  by = .(round, item)]

out <- pooled[presented, on = .(round, item)]
out <- every[out, on = .(round, item)]
out[, in_case := (10 * critical >= 7 * n & 20 * limited < 3 * n) & every]
out[, out_case := 10 * limited >= 7 * n & 20 * critical < 3 * n]
out[, status := fifelse(in_case %in% TRUE, "in",
                fifelse(is.na(in_case), "",
                fifelse(out_case %in% TRUE, "out",
                fifelse(is.na(out_case), "", "none"))))]
out[, order := match(item, items$item)]
setorder(out, round, order)
fwrite(out[, .(round, item, status, median_rating, iqr_rating)], file = "", na = "", quote = "auto")
