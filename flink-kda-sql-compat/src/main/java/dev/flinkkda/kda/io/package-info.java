/**
 * How a Kinesis Data Analytics (KDA) for SQL application's inputs and outputs join its Flink job.
 *
 * <ul>
 *   <li>{@link dev.flinkkda.kda.io.KdaInputs}: a file (a record per line) or a Kinesis stream, its
 *       records JSON or CSV ({@link dev.flinkkda.kda.format.RecordFormat}), registered as a Flink
 *       table named after the in-application stream, with the system column {@code
 *       APPROXIMATE_ARRIVAL_TIME} and a {@code ROWTIME} time attribute chosen by {@link
 *       dev.flinkkda.kda.options.RowtimeMode}; records parsed by {@link
 *       dev.flinkkda.kda.io.ParseRecords}, malformed ones to a side output.
 *   <li>{@link dev.flinkkda.kda.io.KdaOutputs}: an append-only table written as JSON or CSV lines
 *       to a file, to stdout or to a Kinesis stream.
 *   <li>{@link dev.flinkkda.kda.io.KdaCounters}: rows read, malformed, late and written, as
 *       accumulators readable after (or during) a run.
 * </ul>
 *
 * <p>The concerns they use live apart: the schema of a stream ({@code schema}), KDA's JSON format
 * ({@code json}), the Kinesis connector's settings ({@code kinesis}) and the command's options
 * ({@code options}).
 */
package dev.flinkkda.kda.io;
