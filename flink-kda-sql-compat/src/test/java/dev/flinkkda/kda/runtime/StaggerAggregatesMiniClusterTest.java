package dev.flinkkda.kda.runtime;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Comparator;
import java.util.List;

import static dev.flinkkda.kda.runtime.TranslatedApplications.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every aggregate of KDA's inventory in {@code WINDOWED BY STAGGER} pumps, through the translator
 * on a MiniCluster; the expected values are worked out by hand below. A key's window opens at its
 * first row and closes a minute later; the row's ROWTIME is the close.
 */
class StaggerAggregatesMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String COLUMNS = "K VARCHAR(1), X INTEGER, P DOUBLE";

    private static final String STAGGER =
            " FROM source_sql_stream_001 WINDOWED BY STAGGER (PARTITION BY k RANGE INTERVAL '1'"
                    + " MINUTE);";

    /*
     * The windows:
     *   A [10:00:00, 10:01:00): x 2, 2, null, 4; p 1, 1, 3, null
     *   B [10:00:05, 10:01:05): x 7; p 2.5 (one row)
     *   C [10:00:40, 10:01:40): x 5, 5; p 3, -1
     *   A [10:01:10, 10:02:10): x null; p null (nulls only)
     */
    private static final List<Object[]> ROWS =
            List.of(
                    new Object[] {"A", 2, 1.0, at("10:00:00")},
                    new Object[] {"B", 7, 2.5, at("10:00:05")},
                    new Object[] {"A", 2, 1.0, at("10:00:10")},
                    new Object[] {"A", null, 3.0, at("10:00:20")},
                    new Object[] {"A", 4, null, at("10:00:30")},
                    new Object[] {"C", 5, 3.0, at("10:00:40")},
                    new Object[] {"C", 5, -1.0, at("10:00:50")},
                    new Object[] {"A", null, null, at("10:01:10")});

    /**
     * Counts, sums and averages, plain and DISTINCT, of a column and of an expression ({@code x *
     * 2}), several over the same argument. A: COUNT(*) 4, COUNT(x) 3, COUNT(DISTINCT x) 2 (2, 4),
     * SUM 8, SUM(DISTINCT) 6, AVG(DISTINCT) 3 (an integer), SUM(DISTINCT x * 2) 4 + 8 = 12, SUM(x *
     * 2) 16, MIN 2, MAX 4. The nulls-only window: counts 0, the rest null.
     */
    @Test
    void countsSumsAndAveragesWithDistinct() throws Exception {
        String app =
                "CREATE STREAM out_stream (k VARCHAR(1), n BIGINT, cx BIGINT, cdx BIGINT, sx"
                        + " INTEGER, sdx INTEGER, adx INTEGER, sdx2 INTEGER, sx2 INTEGER, lo"
                        + " INTEGER, hi INTEGER, ck BIGINT);\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM k, COUNT(*),"
                        + " COUNT(x), COUNT(DISTINCT x), SUM(x), SUM(DISTINCT x), AVG(DISTINCT x),"
                        + " SUM(DISTINCT x * 2), SUM(x * 2), MIN(DISTINCT x), MAX(x),"
                        + " COUNT(DISTINCT k)"
                        + STAGGER;
        assertThat(TranslatedApplications.run(app, COLUMNS, ROWS, "OUT_STREAM"))
                .containsExactlyInAnyOrder(
                        Row.of("A", 4L, 3L, 2L, 8, 6, 3, 12, 16, 2, 4, 1L, at("10:01:00")),
                        Row.of("B", 1L, 1L, 1L, 7, 7, 7, 14, 14, 7, 7, 1L, at("10:01:05")),
                        Row.of("C", 2L, 2L, 1L, 10, 5, 5, 10, 20, 5, 5, 1L, at("10:01:40")),
                        Row.of(
                                "A",
                                1L,
                                0L,
                                0L,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                1L,
                                at("10:02:10")));
    }

    /**
     * Variances of a DOUBLE and the boolean aggregates. A: p 1, 1, 3 (the null skipped): mean 5/3,
     * squared deviations 4/9 + 4/9 + 16/9 = 24/9: VAR_POP 8/9, VAR_SAMP 4/3; DISTINCT 1, 3: VAR_POP
     * 1, VAR_SAMP 2. B, one row: VAR_POP and STDDEV_POP 0, VAR_SAMP and STDDEV_SAMP NULL. C: 3, -1:
     * VAR_POP 4, VAR_SAMP 8, STDDEV_POP 2. ANY(p > 2): A true (3), B true (2.5), C true; EVERY(p >
     * 0): A true (the null skipped), B true, C false (-1). Nulls only: all NULL.
     */
    @Test
    void variancesAndBooleanAggregates() throws Exception {
        String app =
                "CREATE STREAM out_stream (k VARCHAR(1), vp DOUBLE, vs DOUBLE, sp DOUBLE, ss"
                        + " DOUBLE, vpd DOUBLE, vsd DOUBLE, anyp BOOLEAN, everyp BOOLEAN);\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM k, VAR_POP(p),"
                        + " VAR_SAMP(p), STDDEV_POP(p), STDDEV_SAMP(p), VAR_POP(DISTINCT p),"
                        + " VAR_SAMP(DISTINCT p), ANY(p > 2), EVERY(p > 0)"
                        + STAGGER;
        List<Row> rows = TranslatedApplications.run(app, COLUMNS, ROWS, "OUT_STREAM");
        rows.sort(Comparator.comparing(r -> r.getFieldAs(9).toString()));
        Object[][] expected = {
            {"A", 8.0 / 9, 4.0 / 3, Math.sqrt(8.0 / 9), Math.sqrt(4.0 / 3), 1.0, 2.0, true, true},
            {"B", 0.0, null, 0.0, null, 0.0, null, true, true},
            {"C", 4.0, 8.0, 2.0, Math.sqrt(8), 4.0, 8.0, true, false},
            {"A", null, null, null, null, null, null, null, null},
        };
        assertThat(rows).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            for (int c = 0; c < expected[i].length; c++) {
                Object actual = rows.get(i).getField(c);
                if (expected[i][c] instanceof Double value) {
                    assertThat((Double) actual)
                            .as("row %d column %d", i, c)
                            .isCloseTo(value, within(1e-9));
                } else {
                    assertThat(actual).as("row %d column %d", i, c).isEqualTo(expected[i][c]);
                }
            }
        }
    }

    /**
     * The function table's types: VAR_POP and VAR_SAMP of an INTEGER are INTEGERs (the exact
     * variance, truncated), as is AVG, so {@code VAR_POP(x) / 2} is an integer division. x 0, 3:
     * VAR_POP 2.25 → 2, VAR_SAMP 4.5 → 4, STDDEV_POP 1.5 → 1, AVG 1.5 → 1, VAR_POP(x) / 2 = 1.
     */
    @Test
    void aggregatesOfIntegersAreTypedAsTheFunctionTableSays() throws Exception {
        String app =
                "CREATE STREAM out_stream (vp DOUBLE, vs DOUBLE, sp DOUBLE, a DOUBLE, half"
                        + " DOUBLE);\n"
                        + "CREATE PUMP p AS INSERT INTO out_stream SELECT STREAM VAR_POP(x),"
                        + " VAR_SAMP(x), STDDEV_POP(x), AVG(x), VAR_POP(x) / 2"
                        + STAGGER;
        List<Object[]> rows =
                List.of(
                        new Object[] {"A", 0, null, at("10:00:00")},
                        new Object[] {"A", 3, null, at("10:00:30")});
        assertThat(TranslatedApplications.run(app, COLUMNS, rows, "OUT_STREAM"))
                .containsExactly(Row.of(2.0, 4.0, 1.0, 1.0, 1.0, at("10:01:00")));
    }
}
