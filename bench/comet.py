#!/usr/bin/env python3
"""The benchmark's COMET rule (bench/comet.tholos) in Python with pandas, as an
analyst would write it:

    python3 bench/comet.py STUDY_DIR > statuses.csv

Prints the same table as `tholos eval bench/comet.tholos --format csv`:
    round,item,status,median_rating,iqr_rating
`in` = at least 70% of the valid ratings in 7..9 and under 15% in 1..3, pooled
and in every group; `out` = at least 70% in 1..3 and under 15% in 7..9;
otherwise `none`. "UTS" and blanks are not ratings. Median and IQR by linear
interpolation (pandas' default, R's type 7). Conditions use pandas' nullable
"boolean" dtype, whose `&` is Kleene's, so a share of no ratings leaves the
status undetermined (empty), as in Tholos. Shares are compared exactly, in
integers (share >= 70% is 10 k >= 7 n; share < 15% is 20 k < 3 n).
"""
import sys

import pandas as pd


def main(directory: str) -> None:
    panel = pd.read_csv(f"{directory}/panel.csv", usecols=["panelist", "group"], dtype=str,
                        keep_default_na=False)
    items = pd.read_csv(f"{directory}/items.csv", usecols=["item"], dtype=str,
                        keep_default_na=False)
    ratings = pd.read_csv(f"{directory}/ratings.csv",
                          usecols=["round", "panelist", "item", "rating"],
                          dtype={"round": "int64", "panelist": str, "item": str,
                                 "rating": "float64"},
                          na_values=["", "UTS"], keep_default_na=False)
    if not ratings["panelist"].isin(panel["panelist"]).all():
        sys.exit("ratings.csv: unknown panelist")
    if not ratings["item"].isin(items["item"]).all():
        sys.exit("ratings.csv: unknown item")
    r = ratings["rating"]
    if ((r.notna()) & ((r < 1) | (r > 9) | (r != r.round()))).any():
        sys.exit("ratings.csv: a rating is off the scale 1..9")

    groups = panel["group"].unique()
    presented = ratings[["round", "item"]].drop_duplicates()
    valid = ratings[ratings["rating"].notna()].copy()
    valid["group"] = valid["panelist"].map(panel.set_index("panelist")["group"])
    valid["critical"] = valid["rating"] >= 7
    valid["limited"] = valid["rating"] <= 3

    keys = ["round", "item"]
    by_statement = valid.groupby(keys, sort=False)
    pooled = by_statement.agg(n=("rating", "size"), critical=("critical", "sum"),
                              limited=("limited", "sum"), median_rating=("rating", "median"))
    pooled["q1"] = by_statement["rating"].quantile(0.25)
    pooled["q3"] = by_statement["rating"].quantile(0.75)
    pooled["iqr_rating"] = pooled["q3"] - pooled["q1"]

    by_group = valid.groupby(keys + ["group"], sort=False).agg(
        n=("rating", "size"), critical=("critical", "sum"), limited=("limited", "sum"))
    by_group["ok"] = (10 * by_group["critical"] >= 7 * by_group["n"]) & \
        (20 * by_group["limited"] < 3 * by_group["n"])
    every = by_group.groupby(level=[0, 1], sort=False).agg(groups=("ok", "size"),
                                                           all_ok=("ok", "all"))
    # A group without ratings has no value: every() is then false when some
    # group fails, and missing otherwise.
    every_value = pd.array(every["all_ok"], dtype="boolean")
    every_value[(every["groups"] < len(groups)).to_numpy() & every["all_ok"].to_numpy()] = pd.NA
    every["every"] = every_value

    out = presented.join(pooled, on=keys).join(every["every"], on=keys)
    n = out["n"].astype("Int64")
    critical = out["critical"].astype("Int64")
    limited = out["limited"].astype("Int64")
    in_case = ((10 * critical >= 7 * n) & (20 * limited < 3 * n)).astype("boolean") & \
        out["every"].astype("boolean")
    out_case = ((10 * limited >= 7 * n) & (20 * critical < 3 * n)).astype("boolean")
    status = pd.Series("none", index=out.index)
    status[out_case.fillna(False).to_numpy()] = "out"
    status[out_case.isna().to_numpy()] = ""
    status[in_case.fillna(False).to_numpy()] = "in"
    status[in_case.isna().to_numpy()] = ""
    out["status"] = status
    out["order"] = out["item"].map(pd.Series(range(len(items)), index=items["item"]))
    out = out.sort_values(["round", "order"], kind="stable")
    out[["round", "item", "status", "median_rating", "iqr_rating"]].to_csv(
        sys.stdout, index=False, float_format="%g", na_rep="", lineterminator="\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: comet.py STUDY_DIR")
    main(sys.argv[1])
