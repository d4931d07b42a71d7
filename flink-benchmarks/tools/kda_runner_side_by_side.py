#!/usr/bin/env python3
"""`flink-kda run` builds side by side: start-up (a 1-line input) and larger inputs, one core.

Each build is a directory with the launcher `flink-kda`, `examples/` and
`flink-kda-sql-compat/{conf,target}` (the CLI jar and `embedded-classpath.txt`), e.g. a
`git archive` of a commit with its built jar copied in. Per round, every build runs every input
once, the builds' order rotating from round to round, so that a load that changes during the runs
favours none of them:

    taskset -c CPU /usr/bin/time -v ./flink-kda run examples/seed-001-stagger/app.sql \
        --input FILE --schema "TICKER_SYMBOL VARCHAR(4), EVENT_TIME TIMESTAMP" \
        --output OUT.jsonl --overwrite --parallelism 1

Inputs and expected window counts as in kda_e2e_throughput.py (the same generator). Each output is
compared byte for byte with the first build's output of the same input. Per build and input: the
median, min and max of wall time, CPU time and peak RSS, and the load average before each run.

    python3 flink-benchmarks/tools/kda_runner_side_by_side.py --build before=/tmp/a \
        --build after=/tmp/b --lines 1 2000000 --runs 5 --out /tmp/side-by-side
"""

import argparse
import filecmp
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kda_e2e_throughput as e2e  # noqa: E402


def run_once(build, cpu, path, out_path):
    command = [
        "taskset", "-c", str(cpu), "/usr/bin/time", "-v", "./flink-kda", "run", e2e.APP,
        "--input", path, "--schema", e2e.SCHEMA, "--output", out_path, "--overwrite",
        "--parallelism", "1",
    ]
    started = time.monotonic()
    process = subprocess.run(command, cwd=build, capture_output=True, text=True)
    result = {"wall_s": time.monotonic() - started, "exit": process.returncode,
              "stderr": process.stderr}
    result.update(e2e.parse_time_v(process.stderr))
    m = re.search(r"errors in ([\d.]+) s", process.stderr)
    if m:
        result["job_s"] = float(m.group(1))
    with open(out_path, "rb") as f:
        result["output_lines"] = sum(1 for _ in f)
    return result


def stats(values):
    if not values:
        return "-"
    return "%s (%s–%s)" % (e2e.number(statistics.median(values)), e2e.number(min(values)),
                           e2e.number(max(values)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", action="append", required=True, metavar="LABEL=DIR")
    parser.add_argument("--lines", type=int, nargs="+", default=[1, 2_000_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cpu", type=int, default=0)
    parser.add_argument("--workdir", default="/tmp/kda-e2e")
    parser.add_argument("--out", help="results prefix: writes PREFIX.txt and PREFIX.json")
    args = parser.parse_args()
    builds = [tuple(b.split("=", 1)) for b in args.build]
    if shutil.which("taskset") is None or not os.path.exists("/usr/bin/time"):
        sys.exit("taskset and /usr/bin/time are needed")
    os.makedirs(args.workdir, exist_ok=True)
    lines = []

    def log(text=""):
        print(text, flush=True)
        lines.append(text)

    log("# flink-kda run side by side: %s" % time.strftime("%Y-%m-%d %H:%M:%S %Z"))
    for label, build in builds:
        log("build %s: %s" % (label, build))
    inputs = {n: e2e.input_file(args.workdir, n) for n in args.lines}
    runs = {(label, n): [] for label, _ in builds for n in args.lines}
    for r in range(args.runs):
        order = builds[r % len(builds):] + builds[:r % len(builds)]
        for n in args.lines:
            path, meta = inputs[n]
            for label, build in order:
                out_path = os.path.join(args.workdir, "out-%s-%d.jsonl" % (label, n))
                before = e2e.loadavg()
                result = run_once(build, args.cpu, path, out_path)
                result["load_before"] = before
                result["ok"] = (result["exit"] == 0
                                and result["output_lines"] == meta["expected_windows"])
                reference = os.path.join(args.workdir, "out-%s-%d.jsonl" % (builds[0][0], n))
                if os.path.exists(reference) and label != builds[0][0]:
                    result["same_as_" + builds[0][0]] = filecmp.cmp(reference, out_path, False)
                runs[(label, n)].append(result)
                log("round %d, %s, %d lines, load %s: wall %.2f s, cpu %.2f s, rss %.0f MiB, "
                    "job %s s, %d lines out (%s)%s" % (
                        r + 1, label, n, before, result["wall_s"], result.get("cpu_s", 0),
                        result.get("peak_rss_mib", 0), result.get("job_s"),
                        result["output_lines"], "OK" if result["ok"] else "MISMATCH",
                        "" if "same_as_" + builds[0][0] not in result else
                        ", same bytes as %s: %s" % (builds[0][0],
                                                   result["same_as_" + builds[0][0]])))
                if not result["ok"]:
                    log(result["stderr"])
    log()
    log("| build | input lines | wall s | rows/s | CPU s | peak RSS MiB | outputs OK |")
    log("|---|---:|---:|---:|---:|---:|---|")
    for n in args.lines:
        for label, _ in builds:
            rs = runs[(label, n)]
            log("| %s | %s | %s | %s | %s | %s | %d/%d |" % (
                label, format(n, ","), stats([x["wall_s"] for x in rs]),
                stats([n / x["wall_s"] for x in rs]) if n > 1 else "-",
                stats([x["cpu_s"] for x in rs if "cpu_s" in x]),
                stats([x["peak_rss_mib"] for x in rs if "peak_rss_mib" in x]),
                sum(x["ok"] for x in rs), len(rs)))
    log()
    log("median (min–max) of %d runs; load average at the end: %s" % (args.runs, e2e.loadavg()))
    if args.out:
        with open(args.out + ".txt", "w") as f:
            f.write("\n".join(lines) + "\n")
        with open(args.out + ".json", "w") as f:
            json.dump({"builds": builds, "runs": {"%s %d" % k: v for k, v in runs.items()}}, f,
                      indent=1)


if __name__ == "__main__":
    main()
