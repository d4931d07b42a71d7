-- A log parser in a query nested in FROM, its ROW's fields read by the outer query
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4), first_word VARCHAR(16), n INTEGER);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM t.ticker_symbol, t.r.COLUMN1, CAST(t.r.COLUMN2 AS INTEGER)
  FROM (SELECT STREAM ticker_symbol, REGEX_LOG_PARSE(ticker_symbol, '(\w+)-(\d+)') AS r
        FROM "SOURCE_SQL_STREAM_001") AS t
  WHERE t.r.COLUMN1 IS NOT NULL;
