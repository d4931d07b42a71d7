package dev.flinkkda.kda.io;

import dev.flinkkda.kda.errorstream.ErrorName;
import dev.flinkkda.kda.json.JsonRecordParser;
import dev.flinkkda.kda.json.MalformedRecord;
import dev.flinkkda.kda.json.RawRecord;
import dev.flinkkda.kda.options.RowtimeMode;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which rows are late is decided by the greatest ROWTIME so far, which a checkpoint keeps: the
 * first row after a restore is late exactly when it was late in the run that checkpointed.
 */
class ParseRecordsRestoreTest {

    private static OneInputStreamOperatorTestHarness<RawRecord, Row> harness(
            OperatorSubtaskState state) throws Exception {
        JsonRecordParser parser =
                new JsonRecordParser(KdaSchema.parse("PRICE DOUBLE"), RowtimeMode.field("ROWTIME"));
        OneInputStreamOperatorTestHarness<RawRecord, Row> harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new ParseRecords("S", parser, 1_000L)));
        if (state != null) {
            harness.initializeState(state);
        }
        harness.open();
        return harness;
    }

    private static void parse(OneInputStreamOperatorTestHarness<RawRecord, Row> harness, int line)
            throws Exception {
        String rowtime = "2024-05-01 10:00:" + (line < 3 ? "10" : "05");
        harness.processElement(
                new StreamRecord<>(
                        RawRecord.of(
                                "{\"ROWTIME\":\"" + rowtime + "\",\"PRICE\":1.0}", "in:" + line)));
    }

    private static List<String> late(OneInputStreamOperatorTestHarness<RawRecord, Row> harness) {
        var side = harness.getSideOutput(ParseRecords.MALFORMED);
        return side == null
                ? List.of()
                : side.stream()
                        .map(StreamRecord::getValue)
                        .filter(m -> m.errorName() == ErrorName.LATE_ROW)
                        .map(MalformedRecord::origin)
                        .toList();
    }

    @Test
    void aRowRightAfterARestoreIsLateAsInTheUninterruptedRun() throws Exception {
        var uninterrupted = harness(null);
        parse(uninterrupted, 1);
        parse(uninterrupted, 2);
        parse(uninterrupted, 3); // 5 s behind 10:00:10, the delay 1 s
        assertThat(late(uninterrupted)).containsExactly("in:3");
        uninterrupted.close();

        var killed = harness(null);
        parse(killed, 1);
        parse(killed, 2);
        OperatorSubtaskState checkpoint = killed.snapshot(1L, 1L);
        killed.close();
        var resumed = harness(checkpoint);
        parse(resumed, 3);
        assertThat(late(resumed)).containsExactly("in:3");
        assertThat(resumed.getOutput()).isEmpty();
        resumed.close();
    }
}
