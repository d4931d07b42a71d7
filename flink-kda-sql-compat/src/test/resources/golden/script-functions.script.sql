-- script-functions.sql, a Kinesis Data Analytics for SQL application, as a Flink SQL script
-- (flink-kda translate --format sql-script). Runs unchanged in Flink 1.20.3's SQL client:
--   sql-client.sh -f THIS_FILE
--
-- Needs the flink-kda jar (ADD JAR below) for:
--   - flink-kda's functions KDA_INITCAP, KDA_CHAR_TO_TIMESTAMP, KDA_UNIX_TIMESTAMP, KDA_TSDIFF (its module kda, LOAD MODULE below)
-- Every pump is in this script.
-- error_stream has no SQL form: a record Flink's json/csv format cannot read, and a row
-- on which a pump's expression fails (division by zero, overflow …), stop the job instead of
-- going to error_stream (the message names the error); late rows are dropped by Flink's windows.

SET 'table.local-time-zone' = 'UTC';
SET 'pipeline.name' = 'script-functions.sql';
ADD JAR '/opt/flink-kda/flink-kda-0.1.0-SNAPSHOT.jar';
LOAD MODULE kda;

-- input stream `SOURCE_SQL_STREAM_001`: /data/trades.jsonl, JSON (a key per column), ROWTIME field:ROWTIME (watermark delay 0 ms), APPROXIMATE_ARRIVAL_TIME rowtime
CREATE TABLE `SOURCE_SQL_STREAM_001__RECORDS` (
  `TICKER_SYMBOL` VARCHAR(4),
  `COMPANY` VARCHAR(16),
  `EVENT_TIME` TIMESTAMP(3),
  `TRADED_AT` VARCHAR(16),
  `ROWTIME` TIMESTAMP(3),
  WATERMARK FOR `ROWTIME` AS `ROWTIME` - INTERVAL '0.001' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = '/data/trades.jsonl',
  'format' = 'json'
);
CREATE TEMPORARY VIEW `SOURCE_SQL_STREAM_001` AS
SELECT `r`.`TICKER_SYMBOL`, `r`.`COMPANY`, `r`.`EVENT_TIME`, `r`.`TRADED_AT`, CAST(`r`.`ROWTIME` AS TIMESTAMP(3)) AS `APPROXIMATE_ARRIVAL_TIME`, `r`.`ROWTIME`
FROM `SOURCE_SQL_STREAM_001__RECORDS` AS `r`;

CREATE TEMPORARY VIEW `DESTINATION_SQL_STREAM` AS
SELECT CAST(`SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL` AS VARCHAR(4)) AS `TICKER_SYMBOL`, CAST(KDA_UNIX_TIMESTAMP(`SOURCE_SQL_STREAM_001`.`ROWTIME`) AS BIGINT) AS `ROWTIME_MS`, CAST(KDA_TSDIFF(`SOURCE_SQL_STREAM_001`.`ROWTIME`, `SOURCE_SQL_STREAM_001`.`EVENT_TIME`) AS BIGINT) AS `LAG_MS`, CAST(KDA_INITCAP(`SOURCE_SQL_STREAM_001`.`COMPANY`) AS VARCHAR(16)) AS `COMPANY`, CAST(KDA_CHAR_TO_TIMESTAMP('dd/MM/yyyy HH:mm', `SOURCE_SQL_STREAM_001`.`TRADED_AT`) AS TIMESTAMP(3)) AS `TRADED`, `SOURCE_SQL_STREAM_001`.`ROWTIME` AS `ROWTIME`
FROM `SOURCE_SQL_STREAM_001` AS `SOURCE_SQL_STREAM_001`;

-- output DESTINATION_SQL_STREAM=/data/out, JSON
-- Flink's filesystem sink writes a directory of part files at this path, committed at each checkpoint (SET 'execution.checkpointing.interval') or when a bounded input ends
CREATE TABLE `DESTINATION_SQL_STREAM__OUTPUT` (
  `ROWTIME` TIMESTAMP(3),
  `TICKER_SYMBOL` VARCHAR(4),
  `ROWTIME_MS` BIGINT,
  `LAG_MS` BIGINT,
  `COMPANY` VARCHAR(16),
  `TRADED` TIMESTAMP(3)
) WITH (
  'connector' = 'filesystem',
  'path' = '/data/out',
  'format' = 'json'
);

EXECUTE STATEMENT SET
BEGIN
INSERT INTO `DESTINATION_SQL_STREAM__OUTPUT`
SELECT `ROWTIME`, `TICKER_SYMBOL`, `ROWTIME_MS`, `LAG_MS`, `COMPANY`, `TRADED` FROM `DESTINATION_SQL_STREAM`;
END;
