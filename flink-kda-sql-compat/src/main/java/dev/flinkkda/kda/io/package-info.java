/**
 * The inputs and outputs of a Kinesis Data Analytics (KDA) for SQL application on Flink.
 *
 * <ul>
 *   <li>{@link dev.flinkkda.kda.io.KdaSchema}: the columns of an input stream, from a {@code
 *       --schema} text such as {@code TICKER_SYMBOL VARCHAR(4), PRICE DOUBLE}, with KDA's types
 *       mapped to Flink's ({@link dev.flinkkda.kda.sql.types.KdaTypes}).
 *   <li>{@link dev.flinkkda.kda.io.JsonRecordParser}: one JSON record to a Flink {@code Row},
 *       following KDA's JSON-to-SQL coercion; a record that cannot be read becomes a {@link
 *       dev.flinkkda.kda.io.MalformedRecord}.
 *   <li>{@link dev.flinkkda.kda.io.KdaInputs}: a JSON-lines file or a Kinesis stream registered as
 *       a Flink table named after the in-application stream, with a {@code ROWTIME} time attribute
 *       chosen by {@link dev.flinkkda.kda.io.RowtimeMode}.
 *   <li>{@link dev.flinkkda.kda.io.KdaOutputs}: an append-only table written as JSON lines to a
 *       file, to stdout or to a Kinesis stream ({@link dev.flinkkda.kda.io.RowJsonFormatter}).
 *   <li>{@link dev.flinkkda.kda.io.RunOptions}: the arguments of {@code flink-kda run}.
 *   <li>{@link dev.flinkkda.kda.io.KdaCounters}: rows read, malformed, late and written, as
 *       accumulators readable after (or during) a run.
 * </ul>
 */
package dev.flinkkda.kda.io;
