#!/usr/bin/env python3
"""End-to-end throughput of `flink-kda run` on one core: JSON lines in -> stagger -> JSON lines out.

Generates JSON-lines inputs of seed 001's shape (the records of
dev.flinkkda.benchmarks.KdaTickerGenerator: 1,000 tickers, ROWTIME = 2018-08-01 11:00:00 + i ms,
EVENT_TIME = ROWTIME - (7 * (i // 1000)) % 45 s), counts the stagger windows that
examples/seed-001-stagger/app.sql must emit on each (independently of Flink: a per-key replay of
the stagger rule), then runs

    taskset -c CPU /usr/bin/time -v ./flink-kda run examples/seed-001-stagger/app.sql \
        --input FILE --schema "TICKER_SYMBOL VARCHAR(4), EVENT_TIME TIMESTAMP" \
        --output OUT.jsonl --parallelism 1

RUNS times per input, round robin over the inputs (a 1-line input first: the fixed cost of JVM
start-up, translation, job submission and teardown). Per run: wall time, rows/s = input lines /
wall time (nothing subtracted), the CLI's own job time, CPU time, peak RSS (`/usr/bin/time -v`'s
maximum resident set size, or VmHWM from /proc/PID/status when /usr/bin/time is missing), the
load average before the run, and whether the output has exactly the expected number of lines.

Usage (from the repository root, after the CLI is built, e.g. by `./flink-kda example`):

    python3 flink-benchmarks/tools/kda_e2e_throughput.py --lines 2000000 5000000 --runs 3 \
        --out flink-benchmarks/results/DATE-kda-e2e
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from functools import lru_cache

NUM_TICKERS = 1000
BASE_MS = 1533121200000  # 2018-08-01 11:00:00 UTC
STAGGER_RANGE_MS = 60_000
MINUTE_MS = 60_000
GENERATOR_VERSION = 1

APP = "examples/seed-001-stagger/app.sql"
SCHEMA = "TICKER_SYMBOL VARCHAR(4), EVENT_TIME TIMESTAMP"

TICKERS = [
    "T" + chr(65 + k // 676) + chr(65 + k // 26 % 26) + chr(65 + k % 26) for k in range(NUM_TICKERS)
]


@lru_cache(maxsize=4096)
def _second(epoch_seconds):
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(epoch_seconds))


def timestamp(epoch_ms):
    s, ms = divmod(epoch_ms, 1000)
    return "%s.%03d" % (_second(s), ms)


def generate(path, lines):
    """Writes `lines` records and returns the number of stagger windows they open."""
    open_since = {}  # (ticker, EVENT_TIME minute) -> ROWTIME of its open window's first row
    windows = 0
    chunk = []
    with open(path, "w", encoding="ascii") as out:
        for i in range(lines):
            ticker = TICKERS[i % NUM_TICKERS]
            rowtime = BASE_MS + i
            event_time = rowtime - 1000 * ((7 * (i // NUM_TICKERS)) % 45)
            chunk.append(
                '{"ROWTIME": "%s", "EVENT_TIME": "%s", "TICKER_SYMBOL": "%s"}\n'
                % (timestamp(rowtime), timestamp(event_time), ticker)
            )
            # WINDOWED BY STAGGER (PARTITION BY FLOOR(EVENT_TIME TO MINUTE), TICKER_SYMBOL
            # RANGE INTERVAL '1' MINUTE): a row opens a window [t, t + 1 min) when its key has
            # none open; a row at or after the open window's end opens the next. ROWTIME is
            # increasing, so a window is complete when the next one opens.
            key = (ticker, event_time // MINUTE_MS)
            opened = open_since.get(key)
            if opened is None or rowtime >= opened + STAGGER_RANGE_MS:
                open_since[key] = rowtime
                windows += 1
            if len(chunk) >= 100_000:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))
    return windows


def input_file(workdir, lines):
    path = os.path.join(workdir, "ticks-%d.jsonl" % lines)
    meta_path = path + ".expected.json"
    if os.path.exists(path) and os.path.exists(meta_path):
        with open(meta_path) as f:
            meta = json.load(f)
        if meta.get("generator") == GENERATOR_VERSION and meta.get("lines") == lines:
            return path, meta
    started = time.monotonic()
    windows = generate(path, lines)
    meta = {
        "generator": GENERATOR_VERSION,
        "lines": lines,
        "expected_windows": windows,
        "bytes": os.path.getsize(path),
        "generated_in_s": round(time.monotonic() - started, 1),
    }
    with open(meta_path, "w") as f:
        json.dump(meta, f)
    return path, meta


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def uptime_line():
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "load average: " + loadavg()


def parse_time_v(text):
    def field(name):
        m = re.search(r"^\s*" + re.escape(name) + r": (.*)$", text, re.M)
        return m.group(1).strip() if m else None

    result = {}
    rss = field("Maximum resident set size (kbytes)")
    if rss is not None:
        result["peak_rss_mib"] = int(rss) / 1024
    user = field("User time (seconds)")
    system = field("System time (seconds)")
    if user is not None and system is not None:
        result["cpu_s"] = float(user) + float(system)
    cpu = field("Percent of CPU this job got")
    if cpu is not None:
        result["cpu_percent"] = cpu
    return result


def run_once(args, path, out_path):
    command = [
        args.launcher,
        "run",
        APP,
        "--input",
        path,
        "--schema",
        SCHEMA,
        "--output",
        out_path,
        "--parallelism",
        "1",
    ]
    time_v = os.path.exists("/usr/bin/time") and not args.no_time
    prefix = ["taskset", "-c", str(args.cpu)]
    if time_v:
        prefix += ["/usr/bin/time", "-v"]
    if os.path.exists(out_path):
        os.remove(out_path)
    started = time.monotonic()
    process = subprocess.Popen(
        prefix + command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    vm_hwm_kib = 0
    if not time_v:
        # taskset and the launcher exec into java: the pid is the JVM's.
        status = "/proc/%d/status" % process.pid
        while process.poll() is None:
            try:
                with open(status) as f:
                    for line in f:
                        if line.startswith("VmHWM:"):
                            vm_hwm_kib = max(vm_hwm_kib, int(line.split()[1]))
            except OSError:
                pass
            time.sleep(0.05)
    stdout, stderr = process.communicate()
    wall = time.monotonic() - started
    result = {"wall_s": wall, "exit": process.returncode, "stderr": stderr, "stdout": stdout}
    if time_v:
        result.update(parse_time_v(stderr))
    else:
        result["peak_rss_mib"] = vm_hwm_kib / 1024
    m = re.search(
        r"flink-kda: (\d+) records in, (\d+) malformed, (\d+) late, (\d+) rows out to \S+ in ([\d.]+) s",
        stderr,
    )
    if m:
        result["records_in"] = int(m.group(1))
        result["malformed"] = int(m.group(2))
        result["late"] = int(m.group(3))
        result["rows_out_reported"] = int(m.group(4))
        result["job_s"] = float(m.group(5))
    with open(out_path, "rb") as f:
        result["output_lines"] = sum(1 for _ in f)
    return result


def number(value):
    if abs(value) >= 1000:
        return format(round(value), ",")
    if abs(value) >= 100:
        return "%.0f" % value
    return "%.3g" % value


def summary(values):
    if not values:
        return "-"
    if len(values) == 1:
        return number(values[0])
    return "%s (%s–%s, sd %s)" % (
        number(statistics.mean(values)),
        number(min(values)),
        number(max(values)),
        number(statistics.stdev(values)),
    )


def summary_table(inputs, runs, log):
    """Per input size; the marginal rate is (n - m) / (mean wall(n) - mean wall(m)) against the
    next smaller input m: the rate of the rows that the larger input adds, start-up excluded."""
    sizes = sorted(runs)
    log("| input lines | wall s | rows/s (lines / wall) | job s (CLI) | rows/s (lines / job s) "
        "| marginal rows/s (vs the next smaller input) | CPU s | peak RSS MiB "
        "| output = expected |")
    log("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    previous = None
    for n in sizes:
        rs = runs[n]
        wall = statistics.mean([x["wall_s"] for x in rs])
        marginal = "-"
        if previous is not None and wall > previous[1]:
            marginal = number((n - previous[0]) / (wall - previous[1]))
        previous = (n, wall)
        log("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            format(n, ","),
            summary([x["wall_s"] for x in rs]),
            summary([n / x["wall_s"] for x in rs]) if n > 1 else "-",
            summary([x["job_s"] for x in rs if "job_s" in x]),
            summary([n / x["job_s"] for x in rs if x.get("job_s")]) if n > 1 else "-",
            marginal,
            summary([x["cpu_s"] for x in rs if "cpu_s" in x]),
            summary([x["peak_rss_mib"] for x in rs if "peak_rss_mib" in x]),
            "%d/%d (%s windows)" % (sum(x["output_ok"] for x in rs), len(rs),
                                     format(inputs[n]["expected_windows"], ",")),
        ))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[2_000_000, 5_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cpu", type=int, default=0, help="the one CPU (taskset -c)")
    parser.add_argument("--workdir", default="/tmp/kda-e2e")
    parser.add_argument("--launcher", default="./flink-kda")
    parser.add_argument("--out", help="results prefix: writes PREFIX.txt and PREFIX.json")
    parser.add_argument("--commit", help="the commit measured (default: git rev-parse HEAD here)")
    parser.add_argument(
        "--no-time", action="store_true", help="read VmHWM instead of /usr/bin/time -v"
    )
    parser.add_argument("--report", metavar="JSON", help="only print the summary of a saved run")
    args = parser.parse_args()
    if args.report:
        with open(args.report) as f:
            saved = json.load(f)
        summary_table({int(n): meta for n, meta in saved["inputs"].items()},
                      {int(n): rs for n, rs in saved["runs"].items()}, print)
        return
    if not os.path.exists(APP):
        sys.exit("run from the repository root (no %s here)" % APP)
    if shutil.which("taskset") is None:
        sys.exit("taskset is missing")
    os.makedirs(args.workdir, exist_ok=True)

    log_lines = []

    def log(text=""):
        print(text, flush=True)
        log_lines.append(text)

    log("# flink-kda end-to-end throughput: %s" % time.strftime("%Y-%m-%d %H:%M:%S %Z"))
    log("commit: " + (args.commit or subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()))
    log("directory: " + os.getcwd())
    log("nproc: " + subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip())
    log("java: " + subprocess.run(
        ["taskset", "-c", str(args.cpu), "java", "-XX:+PrintCommandLineFlags", "-version"],
        capture_output=True,
        text=True,
    ).stdout.strip().replace("\n", " | ") + " | " + subprocess.run(
        ["java", "-version"], capture_output=True, text=True
    ).stderr.strip().splitlines()[0])
    log("command: taskset -c %d %s%s run %s --input FILE --schema \"%s\" --output OUT "
        "--parallelism 1" % (args.cpu, "" if args.no_time else "/usr/bin/time -v ",
                             args.launcher, APP, SCHEMA))

    sizes = [1] + [n for n in args.lines if n != 1]
    inputs = {}
    for n in sizes:
        path, meta = input_file(args.workdir, n)
        inputs[n] = (path, meta)
        log("input %s: %d lines, %d bytes, %d stagger windows expected" % (
            path, n, meta["bytes"], meta["expected_windows"]))

    out_path = os.path.join(args.workdir, "out.jsonl")
    runs = {n: [] for n in sizes}
    for r in range(1, args.runs + 1):
        for n in sizes:
            path, meta = inputs[n]
            before = uptime_line()
            result = run_once(args, path, out_path)
            result["uptime_before"] = before
            result["run"] = r
            result["lines"] = n
            result["expected_windows"] = meta["expected_windows"]
            result["output_ok"] = (
                result["exit"] == 0 and result["output_lines"] == meta["expected_windows"]
            )
            runs[n].append(result)
            log()
            log("## run %d, %d lines; before: %s" % (r, n, before))
            log(result["stderr"].rstrip())
            log("wall %.2f s, %.0f rows/s, job %s s, cpu %s s, peak RSS %.0f MiB, output %d lines,"
                " expected %d: %s" % (
                    result["wall_s"], n / result["wall_s"], result.get("job_s"),
                    result.get("cpu_s"), result.get("peak_rss_mib", 0), result["output_lines"],
                    meta["expected_windows"], "OK" if result["output_ok"] else "MISMATCH"))

    log()
    log("# Summary: mean (min–max, sample sd) over %d runs" % args.runs)
    log()
    summary_table({n: inputs[n][1] for n in sizes}, runs, log)
    log()
    log("uptime at the end: " + uptime_line())

    if args.out:
        with open(args.out + ".txt", "w") as f:
            f.write("\n".join(log_lines) + "\n")
        with open(args.out + ".json", "w") as f:
            json.dump(
                {"inputs": {str(n): inputs[n][1] for n in sizes},
                 "runs": {str(n): [{k: v for k, v in x.items() if k != "stdout"} for x in runs[n]]
                          for n in sizes}},
                f,
                indent=1,
            )
    if not all(x["output_ok"] for n in sizes for x in runs[n]):
        sys.exit("some runs did not write the expected number of rows")


if __name__ == "__main__":
    main()
