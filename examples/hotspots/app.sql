-- Dense regions among the last 1,000 points, with KDA's HOTSPOTS (the shape of the developer
-- guide's hotspots example: scan radius 0.2, at least 17 points in a hotspot).
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    "x"              DOUBLE,
    "y"              DOUBLE,
    "is_hot"         VARCHAR(4),
    HOTSPOTS_RESULT  VARCHAR(10000));

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT "x", "y", "is_hot", "HOTSPOTS_RESULT"
    FROM TABLE(HOTSPOTS(
        CURSOR(SELECT STREAM "x", "y", "is_hot" FROM "SOURCE_SQL_STREAM_001"),
        1000,   -- windowSize: the last 1,000 rows
        0.2,    -- scanRadius
        17));   -- minimumNumberOfPointsInAHotspot
