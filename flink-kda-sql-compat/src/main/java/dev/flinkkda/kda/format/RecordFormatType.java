package dev.flinkkda.kda.format;

/**
 * KDA's {@code RecordFormatType}: how the records of an input, a reference table or an output
 * ({@code DestinationSchema}) are written.
 */
public enum RecordFormatType {
    /** A JSON document per record. */
    JSON,
    /** Delimited text: columns by position, one or more rows per record. */
    CSV
}
