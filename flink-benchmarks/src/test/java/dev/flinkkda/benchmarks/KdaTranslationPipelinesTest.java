package dev.flinkkda.benchmarks;

import dev.flinkkda.kda.sql.plan.ApplicationPlan;
import dev.flinkkda.kda.sql.plan.PlanStep;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of {@link KdaTranslationBenchmark}'s two jobs, run as the benchmark runs them (on
 * {@link FlinkEnvironmentContext}'s MiniCluster): the translated STEP application and the
 * hand-written {@code TUMBLE} query give the same rows — those computed by hand on a tiny input,
 * and the plain-Java ones on a generated input.
 */
class KdaTranslationPipelinesTest {

    /** 120 s of ROWTIME: two one-minute windows per ticker. */
    private static final long RECORDS = 120_000;

    private static final FlinkEnvironmentContext CONTEXT = new FlinkEnvironmentContext();

    private static ApplicationPlan plan;

    @BeforeAll
    static void startCluster() throws Exception {
        CONTEXT.setUp();
        plan = KdaTranslationPipelines.translateStepApplication();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        CONTEXT.tearDown();
    }

    /**
     * Seed 001's four rows (AWS's "partial results" example) and two of a second ticker, in ROWTIME
     * order: {@code (ticker, EVENT_TIME, ROWTIME)}.
     */
    private static final List<Row> TINY_INPUT =
            List.of(
                    input("AMZN", "11:00:10", "11:00:20"),
                    input("AMZN", "11:00:20", "11:00:30"),
                    input("MSFT", "11:00:35", "11:00:40"),
                    input("AMZN", "11:00:55", "11:01:05"),
                    input("AMZN", "11:01:05", "11:01:15"),
                    input("MSFT", "11:00:50", "11:01:30"));

    /**
     * By hand: ROWTIME window [11:00, 11:01) holds AMZN's first two (EVENT_TIME minute 11:00) and
     * MSFT's first; [11:01, 11:02) AMZN's third (minute 11:00) and fourth (minute 11:01), and
     * MSFT's second (minute 11:00). {@code (ticker, EVENT_TIME minute, count, ROWTIME = window
     * end)}; the first three are AWS's published output for seed 001.
     */
    private static final List<Row> TINY_EXPECTED =
            List.of(
                    Row.of("AMZN", at("11:00:00"), 2.0, at("11:01:00")),
                    Row.of("AMZN", at("11:00:00"), 1.0, at("11:02:00")),
                    Row.of("AMZN", at("11:01:00"), 1.0, at("11:02:00")),
                    Row.of("MSFT", at("11:00:00"), 1.0, at("11:01:00")),
                    Row.of("MSFT", at("11:00:00"), 1.0, at("11:02:00")));

    @Test
    void translatedApplicationGivesTheRowsComputedByHand() throws Exception {
        assertThat(run((env, n) -> KdaTranslationPipelines.translated(env, tinyInput(env), plan)))
                .containsExactlyInAnyOrderElementsOf(TINY_EXPECTED);
    }

    @Test
    void handWrittenQueryGivesTheRowsComputedByHand() throws Exception {
        assertThat(run((env, n) -> KdaTranslationPipelines.handWritten(env, tinyInput(env))))
                .containsExactlyInAnyOrderElementsOf(TINY_EXPECTED);
    }

    @Test
    void bothJobsGiveThePlainJavaRowsOnTheGeneratedInput() throws Exception {
        List<Row> expected = PlainJavaStep.rows(RECORDS);
        // 1,000 tickers x 2 windows x 2 EVENT_TIME minutes each
        assertThat(expected).hasSize(4_000);
        assertThat(PlainJavaStep.rowCount(RECORDS)).isEqualTo(4_000);

        List<Row> translated =
                run(
                        (env, n) ->
                                KdaTranslationPipelines.translated(
                                        env, KdaTranslationPipelines.generatedInput(env, n), plan));
        List<Row> handWritten =
                run(
                        (env, n) ->
                                KdaTranslationPipelines.handWritten(
                                        env, KdaTranslationPipelines.generatedInput(env, n)));
        assertThat(translated).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(handWritten).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * The variant with a filter that can fail on a row: its plan has an error_stream check step,
     * and it keeps every generated row (prices are at least 100), so both it and the hand-written
     * filtered query give the plain-Java rows.
     */
    @Test
    void theCheckedVariantsGiveThePlainJavaRowsToo() throws Exception {
        ApplicationPlan checked = KdaTranslationPipelines.translateCheckedStepApplication();
        assertThat(checked.steps())
                .anySatisfy(step -> assertThat(step).isInstanceOf(PlanStep.RowErrors.class));
        List<Row> expected = PlainJavaStep.rows(RECORDS);
        List<Row> translated =
                run(
                        (env, n) ->
                                KdaTranslationPipelines.translated(
                                        env,
                                        KdaTranslationPipelines.generatedInput(env, n),
                                        checked));
        List<Row> handWritten =
                run(
                        (env, n) ->
                                KdaTranslationPipelines.handWritten(
                                        env,
                                        KdaTranslationPipelines.generatedInput(env, n),
                                        KdaTranslationPipelines.HAND_WRITTEN_FILTERED_SQL));
        assertThat(translated).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(handWritten).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<Row> run(BiFunction<StreamExecutionEnvironment, Long, DataStream<Row>> job)
            throws Exception {
        return CollectingSink.run(
                CONTEXT,
                (env, n) -> {
                    DataStream<Row> rows = job.apply(env, n);
                    return rows.map(new CopyRow()).returns(rows.getType());
                },
                RECORDS);
    }

    private static DataStream<Row> tinyInput(StreamExecutionEnvironment env) {
        return env.fromData(TINY_INPUT, KdaTranslationPipelines.inputType());
    }

    private static Row input(String ticker, String eventTime, String rowtime) {
        Row row = Row.withPositions(4);
        row.setField(0, ticker);
        row.setField(1, at(eventTime));
        row.setField(2, 100.0);
        row.setField(3, at(rowtime));
        return row;
    }

    private static LocalDateTime at(String time) {
        return LocalDateTime.parse("2018-08-01T" + time);
    }

    /** A copy of each row: the collecting sink keeps them after the job has ended. */
    private static final class CopyRow implements MapFunction<Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Row map(Row row) {
            return Row.copy(row);
        }
    }
}
