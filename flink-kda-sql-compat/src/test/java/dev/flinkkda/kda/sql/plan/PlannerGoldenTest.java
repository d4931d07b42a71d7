package dev.flinkkda.kda.sql.plan;

import dev.flinkkda.kda.sql.analysis.Analyzer;
import dev.flinkkda.kda.sql.analysis.StreamColumn;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;
import dev.flinkkda.kda.sql.emit.FlinkSqlScript;
import dev.flinkkda.kda.sql.parser.KdaSqlParser;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden tests of the rewrites: each {@code golden/NAME.sql} KDA application is translated and
 * compared with {@code golden/NAME.flink.sql}, reviewed by hand. To see a new translation, run with
 * {@code -Dgolden.update=true}, which writes the files to {@code target/golden/}.
 */
class PlannerGoldenTest {

    /** The input stream of all golden applications. */
    static final StreamDefinition SOURCE =
            StreamDefinition.input(
                    "SOURCE_SQL_STREAM_001",
                    columns("TICKER_SYMBOL VARCHAR(4), EVENT_TIME TIMESTAMP, PRICE DOUBLE"));

    static List<StreamColumn> columns(String declaration) {
        List<StreamColumn> columns = new ArrayList<>();
        KdaSqlParser.parse("CREATE STREAM s (" + declaration + ");", "columns")
                .streams()
                .get(0)
                .columns()
                .forEach(c -> columns.add(new StreamColumn(c.name().name(), c.type())));
        return columns;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "projection",
                "step",
                "floor-having",
                "stagger",
                "over",
                "union-chain",
                "join",
                "interval-window",
                "interval-values",
                "nested-log-parse",
                "order-by",
                "distinct",
                "union-all",
                "rcf",
                "row-errors"
            })
    void translatesAsReviewed(String name) throws IOException {
        String sql = resource(name + ".sql");
        String translated =
                FlinkSqlScript.render(
                        Planner.plan(
                                Analyzer.analyze(
                                        KdaSqlParser.parse(sql, name + ".sql"),
                                        List.of(SOURCE),
                                        List.of())));
        if (Boolean.getBoolean("golden.update")) {
            Path out = Path.of("target", "golden", name + ".flink.sql");
            Files.createDirectories(out.getParent());
            Files.writeString(out, translated);
        }
        assertThat(translated).isEqualTo(resource(name + ".flink.sql"));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PlannerGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                return "(missing golden file " + name + ")";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
