package dev.flinkkda.kda.cli;

import dev.flinkkda.kda.examples.StaggerCount;
import dev.flinkkda.kda.examples.StaggerTickerCount;
import dev.flinkkda.kda.examples.TickerTrade;
import dev.flinkkda.kda.examples.TickerTradeReader;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code flink-kda} command. For now it has one command, {@code example}, which runs the KDA
 * stagger-window application of {@code examples/stagger/app.sql} on embedded Flink.
 */
public final class FlinkKdaCli {

    static final String DEFAULT_EXAMPLE_INPUT = "examples/stagger/ticker-trades.jsonl";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private FlinkKdaCli() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        if (!args[0].equals("example")) {
            err.println("flink-kda: unknown command '" + args[0] + "'");
            usage(err);
            return 2;
        }
        if (args.length > 2) {
            err.println(
                    "flink-kda example: expected at most one input file, got " + (args.length - 1));
            return 2;
        }
        Path input = Path.of(args.length == 2 ? args[1] : DEFAULT_EXAMPLE_INPUT);
        if (!Files.isRegularFile(input)) {
            err.println("flink-kda example: input file not found: " + input.toAbsolutePath());
            return 2;
        }
        TickerTradeReader.Result read = TickerTradeReader.read(input);
        read.malformed().forEach(m -> err.println("malformed: " + m));

        List<StaggerCount> rows = runStaggerExample(read.trades());

        out.printf("%-19s  %-19s  %-6s  %s%n", "ROWTIME", "EVENT_TIME", "TICKER", "TICKER_COUNT");
        for (StaggerCount row : rows) {
            out.printf(
                    "%-19s  %-19s  %-6s  %d%n",
                    TIME.format(Instant.ofEpochMilli(row.rowtime)),
                    TIME.format(Instant.ofEpochMilli(row.eventMinute)),
                    row.ticker,
                    row.count);
        }
        err.printf(
                "flink-kda: %d rows in, %d malformed, %d windows out%n",
                read.trades().size(), read.malformed().size(), rows.size());
        return 0;
    }

    /** Runs the stagger example on embedded Flink; its rows ordered by ROWTIME and ticker. */
    private static List<StaggerCount> runStaggerExample(List<TickerTrade> trades) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // A file is bounded: no watermark until its end, so every row is in timestamp order
        // before any window fires, whatever the order of the lines, and none is late.
        DataStream<TickerTrade> source =
                env.fromData(trades, TypeInformation.of(TickerTrade.class))
                        .name("SOURCE_SQL_STREAM_001")
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<TickerTrade>noWatermarks()
                                        .withTimestampAssigner((t, ignored) -> t.rowtime));
        List<StaggerCount> rows = new ArrayList<>();
        try (CloseableIterator<StaggerCount> it =
                StaggerTickerCount.apply(source, Duration.ofMinutes(1))
                        .executeAndCollect("flink-kda example")) {
            it.forEachRemaining(rows::add);
        }
        rows.sort(
                Comparator.comparingLong((StaggerCount r) -> r.rowtime)
                        .thenComparing(r -> r.ticker));
        return rows;
    }

    private static void usage(PrintStream s) {
        s.println("usage: flink-kda example [INPUT.jsonl]");
        s.println();
        s.println("  example   runs the KDA stagger-window application (examples/stagger/app.sql)");
        s.println("            on embedded Flink over " + DEFAULT_EXAMPLE_INPUT);
        s.println("            and prints one row per stagger window");
    }
}
