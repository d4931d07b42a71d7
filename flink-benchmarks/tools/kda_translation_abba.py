#!/usr/bin/env python3
"""KdaTranslationBenchmark's two jobs in alternating forks (A B B A ...), for a shared machine.

JMH runs the benchmarks of one command one after the other (in name order), so a load that
changes during the run favours one of them. This runs one JMH fork per benchmark at a time, in the
order hand-written, translated, translated, hand-written, ... (ROUNDS pairs), records `uptime`
before each fork, and reports each benchmark's mean over all its measured iterations and the ratio
translated / hand-written per pair and overall: of the scores (rows per ms of wall-clock time) and
of the JVM's CPU time per row (the benchmark's `cpuNanos` / `inputRows` counters), which depends
much less on what else runs on the machine.

Usage: python3 flink-benchmarks/tools/kda_translation_abba.py JAR [--rounds 2] [--wi 2] [--i 3]
       [--out PREFIX]   (writes PREFIX.txt and PREFIX.json)
       python3 flink-benchmarks/tools/kda_translation_abba.py --pool FILE.json...
                        (pools JMH -rf json results and this script's PREFIX.json files: the
                        ratios of the pooled means, with a bootstrap interval over forks)
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import tempfile

HAND = "KdaTranslationBenchmark.handWrittenTumble1Min"
TRANSLATED = "KdaTranslationBenchmark.translatedStep1Min"


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def forks_of(path):
    """(benchmark, scores, CPU ns per row) of each fork in a JMH or a PREFIX.json file."""
    with open(path) as f:
        data = json.load(f)
    if isinstance(data, dict):
        return [(f["benchmark"], f["scores"], f.get("cpu_ns_per_row", [])) for f in data["forks"]]
    forks = []
    for result in data:
        benchmark = result["benchmark"].split("benchmarks.")[-1]
        if benchmark not in (HAND, TRANSLATED):
            continue
        secondary = result.get("secondaryMetrics", {})
        cpu = [s for run in secondary.get("cpuNanos", {}).get("rawData", []) for s in run]
        rows = [s for run in secondary.get("inputRows", {}).get("rawData", []) for s in run]
        # one fork per JMH result here (-f 1)
        forks.append((benchmark, [s for run in result["primaryMetric"]["rawData"] for s in run],
                      [c / r for c, r in zip(cpu, rows) if r]))
    return forks


def pool(paths):
    forks = [fork for path in paths for fork in forks_of(path)]
    print("%d forks from %s" % (len(forks), ", ".join(paths)))
    rng = random.Random(1)
    for name, index, cost in (("wall-clock rows/ms", 1, False), ("CPU ns/row", 2, True)):
        hand = [f[index] for f in forks if f[0] == HAND and f[index]]
        translated = [f[index] for f in forks if f[0] == TRANSLATED and f[index]]

        def ratio(h_forks, t_forks):
            h = statistics.mean([x for f in h_forks for x in f])
            t = statistics.mean([x for f in t_forks for x in f])
            return h / t if cost else t / h  # translated / hand-written, as throughput

        boot = sorted(ratio(rng.choices(hand, k=len(hand)), rng.choices(translated, k=len(translated)))
                      for _ in range(5000))
        h_all = [x for f in hand for x in f]
        t_all = [x for f in translated for x in f]
        print("%s: hand-written %.1f (%d iterations, sd %.1f), translated %.1f (%d, sd %.1f);"
              " translated / hand-written throughput %.3f, 95%% bootstrap interval over forks"
              " %.3f-%.3f" % (name, statistics.mean(h_all), len(h_all), statistics.stdev(h_all),
                              statistics.mean(t_all), len(t_all), statistics.stdev(t_all),
                              ratio(hand, translated), boot[125], boot[4874]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("jar", nargs="?")
    parser.add_argument("--pool", nargs="+", metavar="JSON")
    parser.add_argument("--rounds", type=int, default=2, help="pairs of forks per benchmark")
    parser.add_argument("--wi", type=int, default=2)
    parser.add_argument("--i", type=int, default=3)
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.pool:
        pool(args.pool)
        return
    if not args.jar:
        parser.error("the benchmark jar is required")

    log_lines = []

    def log(text=""):
        print(text, flush=True)
        log_lines.append(text)

    order = []
    for r in range(args.rounds):
        order += [HAND, TRANSLATED] if r % 2 == 0 else [TRANSLATED, HAND]
    forks = []
    for n, benchmark in enumerate(order, 1):
        before = uptime()
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
            result_file = f.name
        command = ["java", "-jar", args.jar, benchmark + "$", "-f", "1", "-wi", str(args.wi),
                   "-i", str(args.i), "-rf", "json", "-rff", result_file]
        completed = subprocess.run(command, capture_output=True, text=True)
        after = uptime()
        log("## fork %d: %s" % (n, " ".join(command)))
        log("before: " + before)
        log(completed.stdout.rstrip())
        if completed.stderr.strip():
            log(completed.stderr.rstrip())
        log("after: " + after)
        with open(result_file) as f:
            result = json.load(f)
        os.remove(result_file)
        scores = [s for run in result[0]["primaryMetric"]["rawData"] for s in run]
        secondary = result[0].get("secondaryMetrics", {})
        cpu = [s for run in secondary.get("cpuNanos", {}).get("rawData", []) for s in run]
        rows = [s for run in secondary.get("inputRows", {}).get("rawData", []) for s in run]
        cpu_ns_per_row = [c / r for c, r in zip(cpu, rows) if r]
        forks.append({"benchmark": benchmark, "scores": scores, "cpu_ns_per_row": cpu_ns_per_row,
                      "uptime_before": before, "uptime_after": after})

    log()
    log("# Summary: records/ms per measured iteration")
    for fork in forks:
        log("%-48s %s  (mean %.1f)  before: %s" % (
            fork["benchmark"], ", ".join("%.1f" % s for s in fork["scores"]),
            statistics.mean(fork["scores"]), fork["uptime_before"].split("load average: ")[-1]))
    means = {}
    for benchmark in (HAND, TRANSLATED):
        scores = [s for fork in forks if fork["benchmark"] == benchmark for s in fork["scores"]]
        means[benchmark] = statistics.mean(scores)
        log("%s: mean %.1f, sd %.1f, min %.1f, max %.1f over %d iterations" % (
            benchmark, means[benchmark], statistics.stdev(scores), min(scores), max(scores),
            len(scores)))
    pair_ratios = []
    for k in range(0, len(forks), 2):
        a, b = forks[k], forks[k + 1]
        hand = a if a["benchmark"] == HAND else b
        translated = b if hand is a else a
        pair_ratios.append(statistics.mean(translated["scores"]) / statistics.mean(hand["scores"]))
    log("translated / hand-written per pair of forks: " +
        ", ".join("%.3f" % r for r in pair_ratios))
    log("translated / hand-written, all iterations: %.3f" % (means[TRANSLATED] / means[HAND]))

    log()
    log("# CPU time of the benchmark JVM per input row, ns, per measured iteration")
    cpu_means = {}
    for fork in forks:
        if fork["cpu_ns_per_row"]:
            log("%-48s %s  (mean %.1f)" % (
                fork["benchmark"], ", ".join("%.1f" % c for c in fork["cpu_ns_per_row"]),
                statistics.mean(fork["cpu_ns_per_row"])))
    for benchmark in (HAND, TRANSLATED):
        cpu = [c for fork in forks if fork["benchmark"] == benchmark for c in fork["cpu_ns_per_row"]]
        if len(cpu) > 1:
            cpu_means[benchmark] = statistics.mean(cpu)
            log("%s: mean %.1f ns/row, sd %.1f, min %.1f, max %.1f over %d iterations" % (
                benchmark, cpu_means[benchmark], statistics.stdev(cpu), min(cpu), max(cpu),
                len(cpu)))
    if len(cpu_means) == 2:
        # rows per CPU-second, translated / hand-written: the inverse ratio of the CPU costs
        log("CPU throughput translated / hand-written, all iterations: %.3f" % (
            cpu_means[HAND] / cpu_means[TRANSLATED]))

    if args.out:
        with open(args.out + ".txt", "w") as f:
            f.write("\n".join(log_lines) + "\n")
        with open(args.out + ".json", "w") as f:
            json.dump({"forks": forks, "pair_ratios": pair_ratios, "means": means,
                       "cpu_ns_per_row_means": cpu_means}, f, indent=1)


if __name__ == "__main__":
    main()
