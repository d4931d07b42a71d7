-- Row by row: filter, expressions, functions with KDA's argument order
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4), change_pct DOUBLE, at_time VARCHAR(20), ms BIGINT);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM UPPER(ticker_symbol), (price - 10) / 10 * 100,
         TIMESTAMP_TO_CHAR('yyyy-MM-dd HH:mm:ss', CHAR_TO_TIMESTAMP('yyyy-MM-dd', '2018-08-01')),
         TSDIFF(s.ROWTIME, event_time)
  FROM "SOURCE_SQL_STREAM_001" AS s
  WHERE ticker_symbol SIMILAR TO '%A%' AND price IS NOT NULL;
