package dev.flinkkda.kda.config;

/** {@code RecordFormatType}: the records of a source or destination are JSON or CSV. */
public enum RecordFormatType {
    JSON,
    CSV
}
