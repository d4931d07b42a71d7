package dev.flinkkda.e2e;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parses the JSON input records; records that do not parse are logged and dropped. */
public class ParseTickerEvents implements FlatMapFunction<String, TickerEvent> {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(ParseTickerEvents.class);

    @Override
    public void flatMap(String json, Collector<TickerEvent> out) {
        try {
            out.collect(TickerJson.parse(json));
        } catch (IllegalArgumentException e) {
            LOG.warn("Dropping a record that does not parse: {}", e.getMessage());
        }
    }
}
