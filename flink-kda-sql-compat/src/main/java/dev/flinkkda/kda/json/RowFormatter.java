package dev.flinkkda.kda.json;

import org.apache.flink.types.Row;

import java.io.Serializable;
import java.util.List;

/**
 * Writes one row of an output stream as the text of one record, by KDA's {@code DestinationSchema}
 * {@code RecordFormatType}: {@link RowJsonFormatter} (JSON) or {@link CsvRowFormatter} (CSV).
 */
public interface RowFormatter extends Serializable {

    /** One row as one record, without line break. */
    String format(Row row);

    /** The column names, in order. */
    List<String> columnNames();
}
