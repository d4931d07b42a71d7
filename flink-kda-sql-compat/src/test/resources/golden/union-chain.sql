-- Two pumps into one stream, read by a third pump
CREATE STREAM trades (ticker VARCHAR(4), price DOUBLE);
CREATE STREAM per_minute (ticker VARCHAR(4), total DOUBLE);
CREATE PUMP p1 AS INSERT INTO trades SELECT STREAM ticker_symbol, price FROM source_sql_stream_001 WHERE ticker_symbol = 'A';
CREATE PUMP p2 AS INSERT INTO trades (price, ticker) SELECT STREAM price * 10, ticker_symbol FROM source_sql_stream_001 WHERE ticker_symbol = 'B';
CREATE PUMP p3 AS INSERT INTO per_minute SELECT STREAM ticker, SUM(price) FROM trades GROUP BY ticker, STEP(trades.ROWTIME BY INTERVAL '1' MINUTE);
