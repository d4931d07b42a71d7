package dev.flinkkda.kda.runtime;

import dev.flinkkda.kda.errorstream.ErrorName;
import dev.flinkkda.kda.errorstream.KdaError;
import dev.flinkkda.kda.json.RowJsonFormatter;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Runs a {@link dev.flinkkda.kda.sql.plan.PlanStep.RowErrors} check: a checked row without error
 * goes on with the columns the view keeps; a row with one becomes a {@link KdaError} of the pump on
 * the side output {@link #ERRORS}, with the row's columns (but {@code ROWTIME}) as its JSON data.
 */
final class RowErrorSplit extends ProcessFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    /** The rows with an error, as rows of {@code error_stream}. */
    static final OutputTag<KdaError> ERRORS =
            new OutputTag<>("row-errors", TypeInformation.of(KdaError.class));

    private final int errorField;
    private final int rowtimeField;
    private final int[] keptFields;
    private final int[] dataFields;
    private final RowJsonFormatter data;
    private final String pump;

    /**
     * @param errorField the checked row's error column ({@code ERROR_NAME|message} or null)
     * @param rowtimeField its {@code ROWTIME}, or -1
     * @param keptFields the fields the view keeps, in order
     * @param dataFields the fields of an error's data, named {@code dataNames}
     */
    RowErrorSplit(
            int errorField,
            int rowtimeField,
            int[] keptFields,
            int[] dataFields,
            List<String> dataNames,
            String pump) {
        this.errorField = errorField;
        this.rowtimeField = rowtimeField;
        this.keptFields = keptFields.clone();
        this.dataFields = dataFields.clone();
        this.data = RowJsonFormatter.of(dataNames);
        this.pump = pump;
    }

    @Override
    public void processElement(Row row, Context ctx, Collector<Row> out) {
        Object error = row.getField(errorField);
        if (error == null) {
            out.collect(fields(row, keptFields));
            return;
        }
        String text = error.toString();
        int separator = text.indexOf('|');
        ctx.output(
                ERRORS,
                new KdaError(
                        LocalDateTime.now(ZoneOffset.UTC),
                        ErrorName.valueOf(text.substring(0, separator)),
                        text.substring(separator + 1),
                        rowtimeField < 0 ? null : utc(row.getField(rowtimeField)),
                        data.format(fields(row, dataFields)),
                        pump));
    }

    private static Row fields(Row row, int[] fields) {
        Row kept = new Row(fields.length);
        for (int i = 0; i < fields.length; i++) {
            kept.setField(i, row.getField(fields[i]));
        }
        return kept;
    }

    /** A ROWTIME read out of a table: a timestamp, or an instant for processing time. */
    private static LocalDateTime utc(Object rowtime) {
        if (rowtime instanceof Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        return (LocalDateTime) rowtime;
    }
}
