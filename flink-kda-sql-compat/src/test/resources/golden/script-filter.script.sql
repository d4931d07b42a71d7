-- script-filter.sql, a Kinesis Data Analytics for SQL application, as a Flink SQL script
-- (flink-kda translate --format sql-script). Runs unchanged in Flink 1.20.3's SQL client:
--   sql-client.sh -f THIS_FILE
--
-- Needs the flink-kda jar (ADD JAR below: replace /path/to/flink-kda.jar with its path) for:
--   - the Kinesis connector 4.3.0-1.19 with its dependencies, for SOURCE_SQL_STREAM_001, DESTINATION_SQL_STREAM (output) (or that connector in the cluster's lib/)
-- Every pump is in this script.
-- error_stream has no SQL form: a record Flink's json/csv format cannot read, and a row
-- on which a pump's expression fails (division by zero, overflow …), stop the job instead of
-- going to error_stream (the message names the error); late rows are dropped by Flink's windows.

SET 'table.local-time-zone' = 'UTC';
SET 'pipeline.name' = 'script-filter.sql';
ADD JAR '/path/to/flink-kda.jar';

-- input stream `SOURCE_SQL_STREAM_001`: kinesis:ExampleInputStream, JSON (a key per column), ROWTIME arrival (watermark delay 0 ms), APPROXIMATE_ARRIVAL_TIME arrival
CREATE TABLE `SOURCE_SQL_STREAM_001` (
  `TICKER_SYMBOL` VARCHAR(4),
  `SECTOR` VARCHAR(16),
  `CHANGE` FLOAT,
  `PRICE` FLOAT,
  `APPROXIMATE_ARRIVAL_TIME` TIMESTAMP(3) METADATA FROM 'timestamp' VIRTUAL,
  `ROWTIME` AS `APPROXIMATE_ARRIVAL_TIME`,
  WATERMARK FOR `ROWTIME` AS `ROWTIME` - INTERVAL '0.001' SECOND
) WITH (
  'connector' = 'kinesis',
  'stream' = 'ExampleInputStream',
  'aws.region' = 'us-east-1',
  'aws.credentials.provider' = 'AUTO',
  'scan.stream.initpos' = 'TRIM_HORIZON',
  'format' = 'json'
);

CREATE TEMPORARY VIEW `DESTINATION_SQL_STREAM` AS
SELECT CAST(`SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL` AS VARCHAR(4)) AS `TICKER_SYMBOL`, CAST(`SOURCE_SQL_STREAM_001`.`SECTOR` AS VARCHAR(12)) AS `SECTOR`, CAST(`SOURCE_SQL_STREAM_001`.`CHANGE` AS DOUBLE) AS `CHANGE`, CAST(`SOURCE_SQL_STREAM_001`.`PRICE` AS DOUBLE) AS `PRICE`, `SOURCE_SQL_STREAM_001`.`ROWTIME` AS `ROWTIME`
FROM `SOURCE_SQL_STREAM_001` AS `SOURCE_SQL_STREAM_001`
WHERE (`SOURCE_SQL_STREAM_001`.`SECTOR` SIMILAR TO '%TECH%');

-- output DESTINATION_SQL_STREAM=kinesis:ExampleOutputStream, JSON
-- partition key: random (the connector's default); flink-kda run uses a hash of the row
-- AWS's endpoint takes the default protocol (HTTP/2); an endpoint that speaks HTTP/1.1 only needs 'sink.http-client.protocol.version' = 'HTTP1_1'
CREATE TABLE `DESTINATION_SQL_STREAM__OUTPUT` (
  `ROWTIME` TIMESTAMP(3),
  `TICKER_SYMBOL` VARCHAR(4),
  `SECTOR` VARCHAR(12),
  `CHANGE` DOUBLE,
  `PRICE` DOUBLE
) WITH (
  'connector' = 'kinesis',
  'stream' = 'ExampleOutputStream',
  'aws.region' = 'us-east-1',
  'aws.credentials.provider' = 'AUTO',
  'format' = 'json'
);

EXECUTE STATEMENT SET
BEGIN
INSERT INTO `DESTINATION_SQL_STREAM__OUTPUT`
SELECT `ROWTIME`, `TICKER_SYMBOL`, `SECTOR`, `CHANGE`, `PRICE` FROM `DESTINATION_SQL_STREAM`;
END;
