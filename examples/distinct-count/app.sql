-- Distinct visitors per minute, with KDA's COUNT_DISTINCT_ITEMS_TUMBLING (the shape of AWS's SQL
-- reference example for the function).
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    "NUMBER_OF_DISTINCT_ITEMS" BIGINT);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM *
    FROM TABLE(COUNT_DISTINCT_ITEMS_TUMBLING(
        CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"),
        'VISITOR_ID',  -- the column whose distinct values are counted
        60));          -- the tumbling window, in seconds
