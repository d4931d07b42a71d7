package dev.flinkkda.kda.sql.emit;

import dev.flinkkda.kda.format.JsonPath;
import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.options.ArrivalTimeMode;
import dev.flinkkda.kda.options.InputSpec;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.options.StreamLocation;
import dev.flinkkda.kda.schema.KdaSchema;
import dev.flinkkda.kda.sql.KdaTranslator;
import dev.flinkkda.kda.sql.analysis.StreamDefinition;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs whose records need more than a table of the stream's columns, and those Flink cannot read.
 */
class InputTableTest {

    private static final KdaSchema SCHEMA =
            KdaSchema.parse("TICKER_SYMBOL VARCHAR(4), EVENT_TIME TIMESTAMP");

    private static StreamDefinition stream() {
        return KdaTranslator.inputStream("SOURCE_SQL_STREAM_001", SCHEMA);
    }

    @Test
    void aRowtimeFieldIsAKeyOfTheRecordsRootEvenWhenAColumnOfThatNameIsMappedElsewhere() {
        // flink-kda reads --rowtime field:NAME at the record's root, whatever the column maps
        InputSpec input =
                new InputSpec(
                                "SOURCE_SQL_STREAM_001",
                                StreamLocation.parse("/data/in.jsonl"),
                                SCHEMA,
                                RowtimeMode.field("EVENT_TIME"),
                                Duration.ZERO,
                                ArrivalTimeMode.rowtime())
                        .withFormat(
                                RecordFormat.json(
                                        JsonPath.root(),
                                        Map.of("EVENT_TIME", JsonPath.parse("$.meta.time"))));

        String ddl = InputTable.render(input, stream());

        assertThat(ddl)
                .contains("  `meta` ROW<`time` TIMESTAMP(3)>,\n  `EVENT_TIME` TIMESTAMP(3),\n")
                .contains("`ROWTIME` AS CAST(`EVENT_TIME` AS TIMESTAMP(3))")
                .contains(
                        "SELECT `r`.`TICKER_SYMBOL`, `r`.`meta`.`time` AS `EVENT_TIME`,"
                                + " CAST(`r`.`ROWTIME` AS TIMESTAMP(3)) AS `APPROXIMATE_ARRIVAL_TIME`,"
                                + " `r`.`ROWTIME`\n");
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        for (String statement : ScriptStatements.of(ddl)) {
            tables.executeSql(statement);
        }
        assertThat(tables.from("`SOURCE_SQL_STREAM_001`").getResolvedSchema().getColumnNames())
                .containsExactly(
                        "TICKER_SYMBOL", "EVENT_TIME", "APPROXIMATE_ARRIVAL_TIME", "ROWTIME");
    }

    @Test
    void arraysAndMultiCharacterDelimitersNeedFlinkKdasReader() {
        InputSpec json =
                InputSpec.of(
                        "SOURCE_SQL_STREAM_001",
                        StreamLocation.parse("kinesis:trades?region=us-east-1"),
                        SCHEMA);

        // one [0:] array, its elements' fields read: Flink's UNNEST
        assertThat(
                        InputTable.unreadable(
                                json.withFormat(
                                        RecordFormat.json(
                                                JsonPath.parse("$.trades[0:]"), Map.of()))))
                .isEmpty();
        // [n], an array read whole as one value: flink-kda's reader
        assertThat(
                        InputTable.unreadable(
                                json.withFormat(
                                        RecordFormat.json(
                                                JsonPath.root(),
                                                Map.of(
                                                        "TICKER_SYMBOL",
                                                        JsonPath.parse("$.trades[1].symbol"))))))
                .hasValueSatisfying(
                        r ->
                                assertThat(r)
                                        .contains("$.trades[1].symbol")
                                        .contains("[n] an element"));
        assertThat(
                        InputTable.unreadable(
                                json.withFormat(
                                        RecordFormat.json(
                                                JsonPath.root(),
                                                Map.of(
                                                        "TICKER_SYMBOL",
                                                        JsonPath.parse("$.tags[0:]"))))))
                .hasValueSatisfying(r -> assertThat(r).contains("$.tags[0:]"));
        assertThat(InputTable.unreadable(json.withFormat(RecordFormat.csv("||", "\n"))))
                .hasValueSatisfying(r -> assertThat(r).contains("'||'"));
        assertThat(InputTable.unreadable(json.withFormat(RecordFormat.csv(",", ";"))))
                .hasValueSatisfying(r -> assertThat(r).contains("rows delimited by ';'"));
        assertThat(InputTable.unreadable(json.withFormat(RecordFormat.csv(",", "\n")))).isEmpty();
        assertThat(InputTable.unreadable(json)).isEmpty();
        // the 2nd of 3 in-application streams of one stream: flink-kda's shard split
        assertThat(
                        InputTable.unreadable(
                                InputSpec.of(
                                        "SOURCE_SQL_STREAM_002",
                                        StreamLocation.parse("kinesis:trades?shards=2/3"),
                                        SCHEMA)))
                .hasValueSatisfying(r -> assertThat(r).contains("shards 2/3"));
    }
}
