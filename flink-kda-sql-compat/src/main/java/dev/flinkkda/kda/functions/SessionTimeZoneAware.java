package dev.flinkkda.kda.functions;

import org.apache.flink.table.functions.UserDefinedFunction;

import java.time.ZoneId;

/**
 * A function that also stands in for a Flink function of the same name whose result depends on the
 * session time zone ({@code table.local-time-zone}): the SQL client's {@code kda} module gives it
 * the session's zone when a query is planned.
 */
public interface SessionTimeZoneAware {

    /** This function, reading times without a zone in {@code zone}. */
    UserDefinedFunction inTimeZone(ZoneId zone);
}
