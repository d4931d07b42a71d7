package dev.flinkkda.kda.examples;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses JSON input records into {@link TickerTrade}s. A record that cannot be read is not lost and
 * does not fail the job: its error record ({@link TickerTradeJson#malformed}) goes to the side
 * output {@link #MALFORMED}.
 */
public class ParseTickerTrades extends ProcessFunction<String, TickerTrade> {

    private static final long serialVersionUID = 1L;

    /** Error records of the input records that could not be read. */
    public static final OutputTag<String> MALFORMED = new OutputTag<>("malformed", Types.STRING);

    @Override
    public void processElement(String record, Context ctx, Collector<TickerTrade> out) {
        TickerTrade trade;
        try {
            trade = TickerTradeJson.parse(record);
        } catch (IllegalArgumentException e) {
            ctx.output(MALFORMED, TickerTradeJson.malformed(record, e.getMessage()));
            return;
        }
        out.collect(trade);
    }
}
