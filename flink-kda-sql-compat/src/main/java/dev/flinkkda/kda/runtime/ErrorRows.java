package dev.flinkkda.kda.runtime;

import dev.flinkkda.kda.errorstream.ErrorName;
import dev.flinkkda.kda.errorstream.ErrorStream;
import dev.flinkkda.kda.errorstream.KdaError;
import dev.flinkkda.kda.io.KdaCounters;
import dev.flinkkda.kda.json.MalformedRecord;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.types.Row;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles an application's {@code error_stream}: the input records that did not become rows and
 * the rows that the pumps' checks sent there, each counted under its {@code ERROR_NAME} ({@link
 * KdaCounters#errors}).
 */
final class ErrorRows {

    private ErrorRows() {}

    /** All errors of the job, counted; null when the job has no source of errors. */
    static DataStream<KdaError> of(
            DataStream<MalformedRecord> inputErrors, List<DataStream<KdaError>> pumpErrors) {
        DataStream<KdaError> all = null;
        if (inputErrors != null) {
            all =
                    inputErrors
                            .map(r -> r.toError(LocalDateTime.now(ZoneOffset.UTC)))
                            .returns(TypeInformation.of(KdaError.class))
                            .name("input errors");
        }
        for (DataStream<KdaError> pump : pumpErrors) {
            all = all == null ? pump : all.union(pump);
        }
        return all == null
                ? null
                : all.map(new CountErrors())
                        .returns(TypeInformation.of(KdaError.class))
                        .name("count errors");
    }

    /** The errors as the table of {@code error_stream} ({@link ErrorStream#COLUMNS}). */
    static Table table(StreamTableEnvironment tableEnvironment, DataStream<KdaError> errors) {
        DataStream<Row> rows =
                errors.map(KdaError::toRow)
                        .returns(ExternalTypeInfo.of(ErrorStream.rowType().bridgedTo(Row.class)))
                        .name(ErrorStream.NAME);
        return tableEnvironment.fromDataStream(rows, ErrorStream.schema());
    }

    /** Counts each error under its name. */
    private static final class CountErrors extends RichMapFunction<KdaError, KdaError> {
        private static final long serialVersionUID = 1L;
        private transient Map<ErrorName, LongCounter> counters;

        @Override
        public void open(OpenContext openContext) {
            counters = new EnumMap<>(ErrorName.class);
        }

        @Override
        public KdaError map(KdaError error) {
            counters.computeIfAbsent(
                            error.name(),
                            name ->
                                    KdaCounters.counter(
                                            getRuntimeContext(), KdaCounters.errorsName(name)))
                    .add(1L);
            return error;
        }
    }
}
