/**
 * KDA's record formats: {@link dev.flinkkda.kda.json.RecordMapper} maps one record's text to 0..n
 * Flink {@code Row}s by a {@link dev.flinkkda.kda.format.RecordFormat} (JSON with JSONPath
 * mappings, or CSV), with KDA's JSON-to-SQL coercion ({@link dev.flinkkda.kda.json.JsonCoercion});
 * {@link dev.flinkkda.kda.json.JsonRecordParser} is its JSON-lines case. A record or row that
 * cannot be read becomes a {@link dev.flinkkda.kda.json.MalformedRecord}. {@link
 * dev.flinkkda.kda.json.RowJsonFormatter} and {@link dev.flinkkda.kda.json.CsvRowFormatter} write
 * rows back as JSON or CSV, and the JSON-lines file format and sink read and write files of
 * records.
 */
package dev.flinkkda.kda.json;
