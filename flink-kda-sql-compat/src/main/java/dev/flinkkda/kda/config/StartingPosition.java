package dev.flinkkda.kda.config;

/**
 * {@code InputStartingPositionConfiguration.InputStartingPosition}: where KDA starts reading the
 * input (AWS API reference, {@code InputStartingPosition}).
 */
public enum StartingPosition {
    /** Just after the most recent record: Kinesis's {@code LATEST}. */
    NOW,
    /** The oldest record the stream keeps. */
    TRIM_HORIZON,
    /** Where the application last stopped reading: KDA's own bookkeeping, which Flink has not. */
    LAST_STOPPED_POINT
}
