package dev.flinkkda.kda.errorstream;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.types.DataType;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * KDA's in-application {@code error_stream}: its name and columns (KDA developer guide, "Error
 * Handling"), and how {@code DATA_ROW} is encoded. Applications cannot read it; it can be sent to
 * an output like any stream ({@code --output error_stream=…}).
 *
 * <pre>
 * ERROR_TIME   TIMESTAMP       when the error was found
 * ERROR_LEVEL  VARCHAR(10)     always ERROR: the row is left out, the job goes on
 * ERROR_NAME   VARCHAR(32)     an {@link ErrorName}
 * MESSAGE      VARCHAR(4096)   what and where
 * DATA_ROWTIME TIMESTAMP       the row's ROWTIME
 * DATA_ROW     VARCHAR(49152)  the record or row, hex-encoded UTF-8
 * PUMP_NAME    VARCHAR(128)    the pump whose expression failed
 * </pre>
 */
public final class ErrorStream {

    /** The stream's name, as KDA spells it (lower case, so it is always quoted in KDA SQL). */
    public static final String NAME = "error_stream";

    static final int MESSAGE_LENGTH = 4096;
    static final int DATA_ROW_LENGTH = 49152;

    /** The columns, in order. */
    public static final List<DataTypes.Field> COLUMNS =
            List.of(
                    DataTypes.FIELD("ERROR_TIME", DataTypes.TIMESTAMP(3).notNull()),
                    DataTypes.FIELD("ERROR_LEVEL", DataTypes.VARCHAR(10).notNull()),
                    DataTypes.FIELD("ERROR_NAME", DataTypes.VARCHAR(32).notNull()),
                    DataTypes.FIELD("MESSAGE", DataTypes.VARCHAR(MESSAGE_LENGTH).notNull()),
                    DataTypes.FIELD("DATA_ROWTIME", DataTypes.TIMESTAMP(3)),
                    DataTypes.FIELD("DATA_ROW", DataTypes.VARCHAR(DATA_ROW_LENGTH).notNull()),
                    DataTypes.FIELD("PUMP_NAME", DataTypes.VARCHAR(128)));

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private ErrorStream() {}

    /** The row type of the stream. */
    public static DataType rowType() {
        return DataTypes.ROW(COLUMNS.toArray(new DataTypes.Field[0]));
    }

    /** The table schema of the stream. */
    public static Schema schema() {
        Schema.Builder schema = Schema.newBuilder();
        COLUMNS.forEach(c -> schema.column(c.getName(), c.getDataType()));
        return schema.build();
    }

    /** Whether an output names this stream ({@code error_stream}, in any case). */
    public static boolean isErrorStream(String streamName) {
        return NAME.equalsIgnoreCase(streamName);
    }

    /** The UTF-8 bytes of {@code text} as lower-case hex digits, as KDA encodes DATA_ROW. */
    public static String hex(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        char[] digits = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            digits[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
            digits[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
        }
        return new String(digits);
    }

    /**
     * {@code text} cut to the column's length, as KDA cuts a VARCHAR (a longer DATA_ROW keeps its
     * first {@code length / 2} bytes).
     */
    static String fit(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
