-- script-reference.sql, a Kinesis Data Analytics for SQL application, as a Flink SQL script
-- (flink-kda translate --format sql-script). Runs unchanged in Flink 1.20.3's SQL client:
--   sql-client.sh -f THIS_FILE
--
-- Needs the flink-kda jar (ADD JAR below: replace /path/to/flink-kda.jar with its path) for:
--   - the Kinesis connector 4.3.0-1.19 with its dependencies, for SOURCE_SQL_STREAM_001 (or that connector in the cluster's lib/)
--   - the kda-reference-file connector of reference tables `CompanyName` (a lookup join on a file read once when the job starts)
-- Every pump is in this script.
-- error_stream has no SQL form: a record Flink's json/csv format cannot read, and a row
-- on which a pump's expression fails (division by zero, overflow …), stop the job instead of
-- going to error_stream (the message names the error); late rows are dropped by Flink's windows.

SET 'table.local-time-zone' = 'UTC';
SET 'pipeline.name' = 'script-reference.sql';
ADD JAR '/path/to/flink-kda.jar';

-- input stream `SOURCE_SQL_STREAM_001`: kinesis:ExampleInputStream, JSON (a key per column), ROWTIME arrival (watermark delay 0 ms), APPROXIMATE_ARRIVAL_TIME arrival
CREATE TABLE `SOURCE_SQL_STREAM_001` (
  `TICKER_SYMBOL` VARCHAR(4),
  `SECTOR` VARCHAR(12),
  `CHANGE` DOUBLE,
  `PRICE` DOUBLE,
  `APPROXIMATE_ARRIVAL_TIME` TIMESTAMP(3) METADATA FROM 'timestamp' VIRTUAL,
  `ROWTIME` AS `APPROXIMATE_ARRIVAL_TIME`,
  WATERMARK FOR `ROWTIME` AS `ROWTIME` - INTERVAL '0.001' SECOND
) WITH (
  'connector' = 'kinesis',
  'stream' = 'ExampleInputStream',
  'aws.region' = 'us-east-1',
  'aws.credentials.provider' = 'AUTO',
  'scan.stream.initpos' = 'LATEST',
  'format' = 'json'
);

-- reference table `CompanyName`: read once when the job starts, as KDA does (flink-kda's connector)
CREATE TABLE `CompanyName` (
  `Ticker` VARCHAR(4),
  `Company` VARCHAR(20)
) WITH (
  'path' = '/data/companies.csv',
  'csv.quote-character' = '"',
  'connector' = 'kda-reference-file',
  'csv.header' = 'true',
  'format' = 'csv',
  'csv.field-delimiter' = ','
);

CREATE TEMPORARY VIEW `DESTINATION_SQL_STREAM` AS
SELECT CAST(`SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL` AS VARCHAR(4)) AS `TICKER_SYMBOL`, CAST(`c`.`Company` AS VARCHAR(20)) AS `Company`, CAST(`SOURCE_SQL_STREAM_001`.`SECTOR` AS VARCHAR(12)) AS `SECTOR`, CAST(`SOURCE_SQL_STREAM_001`.`CHANGE` AS DOUBLE) AS `CHANGE`, CAST(`SOURCE_SQL_STREAM_001`.`PRICE` AS DOUBLE) AS `PRICE`, `SOURCE_SQL_STREAM_001`.`ROWTIME` AS `ROWTIME`
FROM (SELECT *, PROCTIME() AS `__PROC_TIME` FROM `SOURCE_SQL_STREAM_001`) AS `SOURCE_SQL_STREAM_001` LEFT JOIN `CompanyName` FOR SYSTEM_TIME AS OF `SOURCE_SQL_STREAM_001`.`__PROC_TIME` AS `c` ON (`SOURCE_SQL_STREAM_001`.`TICKER_SYMBOL` = `c`.`Ticker`);

-- output DESTINATION_SQL_STREAM=-, JSON
-- stdout: Flink's print connector, on the TaskManagers' stdout (+I[…] rows)
CREATE TABLE `DESTINATION_SQL_STREAM__OUTPUT` (
  `ROWTIME` TIMESTAMP(3),
  `TICKER_SYMBOL` VARCHAR(4),
  `Company` VARCHAR(20),
  `SECTOR` VARCHAR(12),
  `CHANGE` DOUBLE,
  `PRICE` DOUBLE
) WITH (
  'connector' = 'print'
);

EXECUTE STATEMENT SET
BEGIN
INSERT INTO `DESTINATION_SQL_STREAM__OUTPUT`
SELECT `ROWTIME`, `TICKER_SYMBOL`, `Company`, `SECTOR`, `CHANGE`, `PRICE` FROM `DESTINATION_SQL_STREAM`;
END;
