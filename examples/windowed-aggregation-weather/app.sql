-- Amazon Kinesis Data Analytics SQL Reference, "Windowed Aggregation on Streams": the minimum and
-- maximum temperature of the 24 hours up to each reading, over all cities. KDA's RANGE window holds
-- a row and the rows that arrived before it: the first reading at 2018-11-01 01:00 (Denver, 29)
-- gives 29/29, the second at the same ROWTIME (Anchorage, 2) 2/29. Run with flink-kda (see
-- README.md in this folder).
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    WMIN_TEMP INTEGER,
    WMAX_TEMP INTEGER);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS
  INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM
        MIN(TEMP) OVER W1 AS WMIN_TEMP,
        MAX(TEMP) OVER W1 AS WMAX_TEMP
    FROM "SOURCE_SQL_STREAM_001"
    WINDOW W1 AS (
        RANGE INTERVAL '1' DAY PRECEDING);
