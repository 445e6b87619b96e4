#!/usr/bin/env python3
"""End-to-end comparison of the COMET rule in four implementations.

    python3 bench/compare.py [--build-dir build-bench] [--size 1000x300x3 ...]
                             [--large] [--repeat 3] [--smoke]

For each study size (ITEMS x PANELISTS x ROUNDS; generated with
tholos_bench_generate under BUILD/bench-data/ when absent) it

1. runs each implementation once and checks that all four give identical
   statuses, medians and IQRs for every statement and round:
     tholos       `tholos eval bench/comet.tholos --data DIR --format csv`
     handwritten  bench/comet_handwritten.cpp (BUILD/bin/comet_handwritten)
     R            Rscript bench/comet.R DIR (data.table)
     pandas       python3 bench/comet.py DIR (pandas; Debian's python3 is tried first)
2. times each one end to end (wall clock, process start to exit, output written
   to a file), --repeat times interleaved, and keeps the minimum; measures peak
   resident memory (/usr/bin/time's %M when it is installed, else getrusage of
   the child through wait4);
3. prints the times, the ratios and the targets of the performance issue.

--smoke checks identity only (one untimed run each) and skips R or pandas when
they are not installed, so CI can run it at a tiny size. The exit status is 1
when an implementation fails or the outputs differ, 0 otherwise (missed targets
are reported, not failed, unless --enforce-targets is given).
"""
import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
SOURCE_DIR = BENCH_DIR.parent
DEFAULT_SIZES = ["1000x300x3"]
LARGE_SIZE = "5000x1000x3"

# Targets of the issue, for the 1000x300x3 study.
TARGET_VS_HANDWRITTEN = 1.5   # tholos at most 1.5x the hand-written program
TARGET_VS_R_PANDAS = 20.0      # tholos at least 20x faster than R and pandas
TARGET_RSS_FACTOR = 3.0        # peak RSS under 3x the ratings file's size


def find_pandas_python():
    candidates = [os.environ.get("BENCH_PYTHON"), "/usr/bin/python3", sys.executable,
                  shutil.which("python3")]
    for python in candidates:
        if not python or not Path(python).exists():
            continue
        probe = subprocess.run([python, "-c", "import pandas"], capture_output=True)
        if probe.returncode == 0:
            return python
    return None


def find_rscript():
    rscript = shutil.which("Rscript")
    if rscript is None:
        return None
    probe = subprocess.run([rscript, "-e", "library(data.table)"], capture_output=True)
    return rscript if probe.returncode == 0 else None


def implementations(build_dir: Path, smoke: bool):
    """(name, command prefix) pairs; the study folder is appended. Tholos first."""
    tholos = build_dir / "bin" / "tholos"
    handwritten = build_dir / "bin" / "comet_handwritten"
    for binary in (tholos, handwritten):
        if not binary.exists():
            sys.exit(f"compare.py: {binary} is missing; build with -DTHOLOS_BUILD_BENCHMARKS=ON")
    impls = [
        ("tholos", lambda d: [str(tholos), "eval", str(BENCH_DIR / "comet.tholos"), "--data", d,
                              "--format", "csv"]),
        ("handwritten", lambda d: [str(handwritten), d]),
    ]
    rscript = find_rscript()
    if rscript:
        impls.append(("R", lambda d: [rscript, str(BENCH_DIR / "comet.R"), d]))
    elif smoke:
        print("compare.py: Rscript with data.table not found; R skipped")
    else:
        sys.exit("compare.py: Rscript with data.table is needed (apt install r-cran-data.table)")
    python = find_pandas_python()
    if python:
        impls.append(("pandas", lambda d: [python, str(BENCH_DIR / "comet.py"), d]))
    elif smoke:
        print("compare.py: no python3 with pandas found; pandas skipped")
    else:
        sys.exit("compare.py: python3 with pandas is needed (apt install python3-pandas)")
    return impls


def ensure_study(build_dir: Path, root: Path, size: str) -> Path:
    study = root / size
    if (study / "ratings.csv").exists():
        return study
    generator = build_dir / "bin" / "tholos_bench_generate"
    partial = root / f"{size}.partial-{os.getpid()}"
    print(f"generating the {size} study in {study} ...", flush=True)
    subprocess.run([str(generator), "--size", size, "--out", str(partial)], check=True)
    try:
        partial.rename(study)
    except OSError:  # written meanwhile by another process
        shutil.rmtree(partial, ignore_errors=True)
    return study


def child_env():
    env = dict(os.environ)
    env.setdefault("BENCH_THREADS", "1")  # data.table on one thread, as the others
    env.setdefault("OMP_NUM_THREADS", "1")
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    return env


def run_once(command, output: Path):
    """Runs command with stdout to `output`; returns (wall seconds, CPU seconds (user +
    system, the process and its children), peak RSS in KiB)."""
    time_binary = "/usr/bin/time" if Path("/usr/bin/time").exists() else None
    with open(output, "wb") as out, tempfile.NamedTemporaryFile("r", suffix=".time") as rss_file:
        full = command
        if time_binary:
            full = [time_binary, "-f", "%M", "-o", rss_file.name] + command
        start = time.perf_counter()
        process = subprocess.Popen(full, stdout=out, stderr=subprocess.PIPE, env=child_env())
        stderr = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            sys.stderr.write(stderr.decode(errors="replace"))
            raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}")
        cpu = usage.ru_utime + usage.ru_stime
        rss = usage.ru_maxrss
        if time_binary:
            text = rss_file.read().strip().splitlines()
            rss = int(text[-1]) if text and text[-1].isdigit() else rss
    return wall, cpu, rss


def read_table(path: Path):
    """(round, item) -> (status, median, iqr), numbers as exact fractions."""
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        missing = {"round", "item", "status", "median_rating", "iqr_rating"} - set(reader.fieldnames or [])
        if missing:
            raise RuntimeError(f"{path}: no column(s) {', '.join(sorted(missing))}")
        table = {}
        for row in reader:
            number = lambda text: None if text == "" else Fraction(text)
            table[(int(row["round"]), row["item"])] = (row["status"], number(row["median_rating"]),
                                                       number(row["iqr_rating"]))
        return table


def compare_tables(reference, other, name):
    problems = []
    for key in sorted(set(reference) | set(other)):
        if key not in other:
            problems.append(f"round {key[0]} {key[1]}: missing from {name}")
        elif key not in reference:
            problems.append(f"round {key[0]} {key[1]}: only in {name}")
        elif reference[key] != other[key]:
            problems.append(f"round {key[0]} {key[1]}: tholos {fmt_row(reference[key])}, "
                            f"{name} {fmt_row(other[key])}")
    return problems


def fmt_row(row):
    status, median, iqr = row
    show = lambda x: "NA" if x is None else str(float(x))
    return f"({status or 'undetermined'}, median {show(median)}, iqr {show(iqr)})"


def check_identity(impls, study: Path, work: Path):
    outputs = {}
    for name, command in impls:
        output = work / f"{name}.csv"
        run_once(command(str(study)), output)
        outputs[name] = output
    reference = read_table(outputs["tholos"])
    statuses = {}
    for status, _, _ in reference.values():
        statuses[status or "undetermined"] = statuses.get(status or "undetermined", 0) + 1
    print(f"  tholos: {len(reference)} statement-rounds: " +
          ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    ok = True
    reference_bytes = outputs["tholos"].read_bytes()
    for name, _ in impls[1:]:
        problems = compare_tables(reference, read_table(outputs[name]), name)
        same_bytes = outputs[name].read_bytes() == reference_bytes
        if problems:
            ok = False
            print(f"  {name}: {len(problems)} difference(s) from tholos:")
            for p in problems[:10]:
                print(f"    {p}")
        else:
            print(f"  {name}: identical statuses, medians and IQRs"
                  f"{' (byte-identical CSV)' if same_bytes else ''}")
    return ok


def time_all(impls, study: Path, work: Path, repeat: int):
    walls = {name: [] for name, _ in impls}
    cpus = {name: [] for name, _ in impls}
    rss = {name: 0 for name, _ in impls}
    for _ in range(repeat):
        for name, command in impls:  # interleaved, so that noise spreads evenly
            wall, cpu, peak = run_once(command(str(study)), work / f"{name}.timed.csv")
            walls[name].append(wall)
            cpus[name].append(cpu)
            rss[name] = max(rss[name], peak)
    return walls, cpus, rss


def report(impls, walls, cpus, rss, ratings_bytes, size):
    best = {name: min(times) for name, times in walls.items()}
    best_cpu = {name: min(times) for name, times in cpus.items()}
    print(f"  {'implementation':<12} {'min wall (s)':>12} {'wall runs (s)':>22} {'min CPU (s)':>11} "
          f"{'peak RSS':>10} {'RSS/ratings':>11} {'wall vs tholos':>14}")
    for name, _ in impls:
        runs = " ".join(f"{t:.3f}" for t in walls[name])
        print(f"  {name:<12} {best[name]:>12.3f} {runs:>22} {best_cpu[name]:>11.3f} "
              f"{rss[name] / 1024:>8.1f}MB {rss[name] * 1024 / ratings_bytes:>11.2f} "
              f"{best[name] / best['tholos']:>13.2f}x")
    print("  (ratios below are of min wall times, as the targets are; CPU = user + system, "
          "a steadier figure on a busy machine)")
    results = []
    ratio = best["tholos"] / best["handwritten"]
    cpu_ratio = best_cpu["tholos"] / best_cpu["handwritten"]
    results.append((f"tholos / handwritten = {ratio:.2f} (CPU {cpu_ratio:.2f})",
                    ratio <= TARGET_VS_HANDWRITTEN, f"<= {TARGET_VS_HANDWRITTEN}"))
    for other in ("R", "pandas"):
        if other in best:
            speedup = best[other] / best["tholos"]
            cpu_speedup = best_cpu[other] / best_cpu["tholos"]
            results.append((f"{other} / tholos = {speedup:.1f} (CPU {cpu_speedup:.1f})",
                            speedup >= TARGET_VS_R_PANDAS, f">= {TARGET_VS_R_PANDAS:.0f}"))
    factor = rss["tholos"] * 1024 / ratings_bytes
    results.append((f"tholos peak RSS / ratings.csv = {factor:.2f}", factor < TARGET_RSS_FACTOR,
                    f"< {TARGET_RSS_FACTOR:.0f}"))
    applies = size == "1000x300x3"
    for text, met, target in results:
        verdict = ("met" if met else "MISSED") if applies else "(targets are for 1000x300x3)"
        print(f"  {text:<48} target {target:<6} {verdict}")
    return all(met for _, met, _ in results) or not applies


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", default=str(SOURCE_DIR / "build-bench"))
    parser.add_argument("--data-root", help="where generated studies live (BUILD/bench-data)")
    parser.add_argument("--size", action="append", help="ITEMSxPANELISTSxROUNDS (repeatable)")
    parser.add_argument("--large", action="store_true", help=f"also {LARGE_SIZE}")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (min is kept)")
    parser.add_argument("--smoke", action="store_true", help="identity check only, untimed")
    parser.add_argument("--enforce-targets", action="store_true")
    args = parser.parse_args()

    build_dir = Path(args.build_dir).resolve()
    root = Path(args.data_root).resolve() if args.data_root else build_dir / "bench-data"
    root.mkdir(parents=True, exist_ok=True)
    sizes = args.size or list(DEFAULT_SIZES)
    if args.large and LARGE_SIZE not in sizes:
        sizes.append(LARGE_SIZE)
    impls = implementations(build_dir, args.smoke)

    ok, targets_met = True, True
    for size in sizes:
        study = ensure_study(build_dir, root, size)
        ratings_bytes = (study / "ratings.csv").stat().st_size
        answers = sum(1 for _ in open(study / "ratings.csv", "rb")) - 1
        print(f"study {size}: ratings.csv {ratings_bytes / 1e6:.1f} MB, {answers:,} answers "
              f"({', '.join(name for name, _ in impls)})")
        with tempfile.TemporaryDirectory(prefix="tholos-compare-") as tmp:
            work = Path(tmp)
            if not check_identity(impls, study, work):
                ok = False
                continue
            if args.smoke:
                continue
            walls, cpus, rss = time_all(impls, study, work, args.repeat)
            targets_met = report(impls, walls, cpus, rss, ratings_bytes, size) and targets_met
    if not ok:
        print("compare.py: the implementations disagree")
        return 1
    if args.enforce_targets and not targets_met:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
