package dev.flinkkda.kda.json;

import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.schema.KdaColumn;

import org.apache.flink.types.Row;

import java.util.List;
import java.util.Locale;

/**
 * Reads KDA's CSV records ({@link RecordFormat.Csv}, split by {@link CsvRows}) into rows.
 *
 * <p>Columns take the fields by position (KDA: "one column from the input stream per column
 * definition, in order"); fields after the last column are ignored (a schema may take the first
 * columns only); missing fields at the end of a row are {@code NULL}. A schema column named {@code
 * APPROXIMATE_ARRIVAL_TIME} is filled with the arrival time and takes no field. Field values are
 * coerced as JSON strings are ({@link JsonCoercion}): {@code 42} fills an {@code INTEGER}, {@code
 * 2018-08-01 11:00:20} a {@code TIMESTAMP}.
 *
 * <p>A CSV record has no field names, so a {@code ROWTIME} or {@code APPROXIMATE_ARRIVAL_TIME}
 * field ({@code field:NAME}) is the column of that name (exactly, else ignoring case), per row.
 * Each row stands alone: a row that cannot be read goes to the error stream and the record's other
 * rows go on.
 */
final class CsvRecordReader implements RecordReader {

    private static final long serialVersionUID = 1L;

    private final String columnDelimiter;
    private final String rowDelimiter;
    // Per slot, the field it takes, or -1.
    private final int[] fieldOf;

    private transient FoundValues values;
    private transient SlotSource source;

    CsvRecordReader(RecordFormat.Csv format, RowAssembler assembler) {
        this.columnDelimiter = format.columnDelimiter();
        this.rowDelimiter = format.rowDelimiter();
        List<KdaColumn> columns = assembler.schema().columns();
        fieldOf = new int[assembler.slots()];
        int field = 0;
        for (int i = 0; i < columns.size(); i++) {
            fieldOf[i] = i == assembler.declaredArrivalColumn() ? -1 : field++;
        }
        if (assembler.rowtimeSlot() != RowAssembler.NO_SLOT) {
            String name = assembler.rowtimeMode().fieldName();
            int column = columnNamed(columns, name);
            if (column < 0 || fieldOf[column] < 0) {
                throw new IllegalArgumentException(
                        "ROWTIME field "
                                + name
                                + ": a CSV record has no field names; name one of the columns "
                                + columns.stream().map(KdaColumn::name).toList()
                                + ", or take ROWTIME from the arrival or processing time");
            }
            fieldOf[assembler.rowtimeSlot()] = fieldOf[column];
        }
        if (assembler.arrivalSlot() != RowAssembler.NO_SLOT) {
            int column = columnNamed(columns, assembler.arrivalTimeMode().fieldName());
            fieldOf[assembler.arrivalSlot()] = column < 0 ? -1 : fieldOf[column];
        }
    }

    private static int columnNamed(List<KdaColumn> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        int found = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().toLowerCase(Locale.ROOT).equals(lower)) {
                if (found >= 0) {
                    return -1; // ambiguous
                }
                found = i;
            }
        }
        return found;
    }

    @Override
    public void read(String text, long arrivalTime, RowAssembler assembler, RecordMapper.Output out)
            throws MalformedRecordException {
        if (values == null) {
            values = new FoundValues(fieldOf.length);
            source = new SlotSource(null);
        }
        List<CsvRows.Row> rows = CsvRows.split(text, columnDelimiter, rowDelimiter);
        if (rows.isEmpty()) {
            throw new MalformedRecordException("empty record");
        }
        int count = rows.size();
        for (int r = 0; r < count; r++) {
            CsvRows.Row csv = rows.get(r);
            Row row;
            try {
                if (csv.error() != null) {
                    throw new MalformedRecordException(csv.error());
                }
                fill(csv.fields());
                row = assembler.row(source.of(values, null), arrivalTime, null);
            } catch (MalformedRecordException error) {
                out.error(count > 1 ? error.inRow(r + 1, count) : error);
                continue;
            }
            out.row(row);
        }
    }

    private void fill(String[] fields) {
        values.clear();
        for (int slot = 0; slot < fieldOf.length; slot++) {
            int field = fieldOf[slot];
            if (field >= 0 && field < fields.length) {
                String value = fields[field];
                if (value == null) {
                    values.store(slot, JsonValueKind.NULL, "null");
                } else {
                    values.store(slot, JsonValueKind.STRING, value);
                }
            }
        }
    }
}
