package dev.flinkkda.kda.json;

import dev.flinkkda.kda.format.RecordFormat;
import dev.flinkkda.kda.schema.KdaSchema;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSV records of several rows built from random values by {@link CsvRowFormatter}, read back by a
 * CSV {@link RecordMapper}: the same rows. Values hold delimiters, quotes, line breaks, blanks at
 * either end, non-ASCII characters, empty strings and NULLs.
 */
class CsvRoundTripRandomizedTest {

    private static final KdaSchema SCHEMA =
            KdaSchema.parse(
                    "S VARCHAR(64), I BIGINT, D DOUBLE, T TIMESTAMP, B BOOLEAN, S2 VARCHAR(64)");

    private static final String ALPHABET = "ab ,\"\n\r\t;|'xyzü€😀0.-";

    @Test
    void randomRowsReadBackEqual() throws Exception {
        RecordMapper mapper = RecordMapper.of(SCHEMA, RecordFormat.csv(",", "\n"));
        CsvRowFormatter formatter = CsvRowFormatter.of(SCHEMA.columnNames());
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int rowsChecked = 0;
        for (int record = 0; record < 2_000; record++) {
            List<Row> rows = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int count = 1 + random.nextInt(6);
            for (int r = 0; r < count; r++) {
                Row row = randomRow(random);
                rows.add(row);
                text.append(formatter.format(row));
                if (r < count - 1 || random.nextBoolean()) {
                    text.append('\n');
                }
            }
            assertThat(mapper.rows(text.toString()))
                    .as("seed %d, record %d: %s", seed, record, text)
                    .isEqualTo(rows);
            rowsChecked += count;
        }
        assertThat(rowsChecked).isGreaterThan(2_000);
    }

    private static Row randomRow(Random random) {
        return Row.of(
                randomText(random),
                random.nextInt(5) == 0 ? null : random.nextLong(),
                random.nextInt(5) == 0
                        ? null
                        : random.nextBoolean()
                                ? random.nextDouble() * 1e6 - 5e5
                                : Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL),
                random.nextInt(5) == 0
                        ? null
                        : LocalDateTime.of(2000, 1, 1, 0, 0)
                                .plusNanos(
                                        Math.floorMod(random.nextLong(), 1_000_000_000_000_000L)
                                                / 1_000_000
                                                * 1_000_000),
                random.nextInt(5) == 0 ? null : random.nextBoolean(),
                randomText(random));
    }

    private static String randomText(Random random) {
        if (random.nextInt(6) == 0) {
            return null;
        }
        int length = random.nextInt(12);
        StringBuilder text = new StringBuilder();
        while (text.codePointCount(0, text.length()) < length) {
            text.appendCodePoint(
                    ALPHABET.codePointAt(
                            ALPHABET.offsetByCodePoints(
                                    0,
                                    random.nextInt(
                                            ALPHABET.codePointCount(0, ALPHABET.length())))));
        }
        return text.toString();
    }
}
