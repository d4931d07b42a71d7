package dev.flinkkda.kda.config;

import dev.flinkkda.kda.schema.KdaColumn;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code RecordColumn}: a column of an input stream or reference table.
 *
 * @param name {@code Name}, as written (KDA takes it as it is: a quoted identifier in SQL terms)
 * @param sqlType {@code SqlType}, as written, e.g. {@code VARCHAR(4)}
 * @param mapping {@code Mapping}: a JSONPath for JSON records ({@code $.TICKER_SYMBOL}); for CSV
 *     usually absent
 * @param column the column with its Flink type ({@link dev.flinkkda.kda.sql.types.KdaTypes})
 */
public record ConfiguredColumn(
        Located<String> name,
        Located<String> sqlType,
        Optional<Located<String>> mapping,
        KdaColumn column) {
    public ConfiguredColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sqlType, "sqlType");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(column, "column");
    }
}
