package dev.flinkkda.kda.sql.analysis;

/** What a name in a KDA application's {@code FROM} can refer to. */
public enum StreamKind {
    /** An input stream, fed by the application's source (e.g. {@code SOURCE_SQL_STREAM_001}). */
    INPUT,
    /** A stream of the application, declared by {@code CREATE STREAM} and fed by pumps. */
    IN_APPLICATION,
    /** A reference table: a bounded table loaded when the application starts. */
    REFERENCE_TABLE;

    /** Whether rows of this kind carry a {@code ROWTIME}. */
    public boolean hasRowtime() {
        return this != REFERENCE_TABLE;
    }
}
