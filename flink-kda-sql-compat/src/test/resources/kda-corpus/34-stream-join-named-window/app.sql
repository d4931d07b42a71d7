CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    order_time TIMESTAMP, order_id INTEGER, ticker VARCHAR(4), order_amount DOUBLE, trade_amount DOUBLE);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM
    ROWTIME,
    o.orderId, o.ticker, o.amount AS orderAmount,
    t.amount AS tradeAmount
FROM OrderStream AS o
JOIN TradeStream OVER t
ON o.orderId = t.orderId
WINDOW t AS
    (RANGE INTERVAL '1' MINUTE PRECEDING)
