package dev.flinkkda.kda.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON-lines file of {@link TickerTradeJson} input records. A line that cannot be read is
 * kept as {@code file:line: reason}, never dropped silently.
 */
public final class TickerTradeReader {

    /** What a file held: the rows read and the lines that could not be read. */
    public record Result(List<TickerTrade> trades, List<String> malformed) {}

    private TickerTradeReader() {}

    public static Result read(Path file) throws IOException {
        List<TickerTrade> trades = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                trades.add(TickerTradeJson.parse(line));
            } catch (IllegalArgumentException e) {
                malformed.add(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Result(trades, malformed);
    }
}
