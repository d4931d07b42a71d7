/**
 * KDA's JSON format: {@link dev.flinkkda.kda.json.JsonRecordParser} reads one record into a Flink
 * {@code Row} with KDA's JSON-to-SQL coercion ({@link dev.flinkkda.kda.json.JsonCoercion}); a
 * record that cannot be read becomes a {@link dev.flinkkda.kda.json.MalformedRecord}. {@link
 * dev.flinkkda.kda.json.RowJsonFormatter} writes rows back as JSON, and the JSON-lines file format
 * and sink read and write files of such records.
 */
package dev.flinkkda.kda.json;
