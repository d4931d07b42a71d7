package dev.flinkkda.kda.json;

import java.io.Serializable;

/** Reads one record of a record format into the values of its rows' slots. */
interface RecordReader extends Serializable {

    /**
     * Reads {@code text} and gives each of its rows, or the error of a row, to {@code out}.
     *
     * @throws MalformedRecordException if the record as a whole cannot be read (no row of it is
     *     given then)
     */
    void read(String text, long arrivalTime, RowAssembler assembler, RecordMapper.Output out)
            throws MalformedRecordException;
}
