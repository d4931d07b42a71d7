-- Web server access logs (Common Log Format), one line per record: parsed with REGEX_LOG_PARSE in a
-- query nested in FROM, then the requests and bytes of each HTTP status counted per minute. Lines
-- the pattern does not match give a row of NULLs, which the WHERE leaves out.
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (status VARCHAR(3), requests BIGINT, bytes BIGINT);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM t.r.COLUMN3, COUNT(*), SUM(CAST(t.r.COLUMN4 AS BIGINT))
  FROM (SELECT STREAM REGEX_LOG_PARSE(log_line,
                 '(\S+) \S+ \S+ \[[^\]]+\] "([^"]*)" (\d{3}) (\d+)') AS r
        FROM "SOURCE_SQL_STREAM_001") AS t
  WHERE t.r.COLUMN3 IS NOT NULL
  GROUP BY t.r.COLUMN3, STEP(t.ROWTIME BY INTERVAL '1' MINUTE);
