-- Amazon Kinesis Data Analytics for SQL, Developer Guide, "Streaming Data Operations: Stream Joins":
-- each order with the trades of the minute before it (the window on TradeStream), kept when it has
-- none (LEFT OUTER JOIN). Run with flink-kda (see README.md in this folder).
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    order_time TIMESTAMP, order_id INTEGER, ticker VARCHAR(4), order_amount DOUBLE,
    trade_ticker VARCHAR(4), trade_id INTEGER, trade_amount DOUBLE);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM
    ROWTIME,
    o.orderId, o.ticker, o.amount AS orderAmount,
    t.ticker, t.tradeId, t.amount AS tradeAmount
FROM OrderStream AS o
LEFT OUTER JOIN TradeStream OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t
ON    o.orderId = t.orderId;
