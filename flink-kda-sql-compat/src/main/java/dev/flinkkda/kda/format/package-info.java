/**
 * How KDA's records are written, as its application configuration says: {@link
 * dev.flinkkda.kda.format.RecordFormat} (JSON with a {@code RecordRowPath} and a {@link
 * dev.flinkkda.kda.format.JsonPath} per column, or CSV with delimiters), {@link
 * dev.flinkkda.kda.format.RecordFormatType} of outputs. Plain values; the mapping itself is {@link
 * dev.flinkkda.kda.json.RecordMapper}.
 */
package dev.flinkkda.kda.format;
