package dev.flinkkda.kda.reference;

import dev.flinkkda.kda.reference.CsvRecords.CsvRecord;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRecordsTest {

    private static List<CsvRecord> parse(String text) {
        return CsvRecords.parse(text, ',', '"', "t.csv");
    }

    private static CsvRecord record(int line, String... fields) {
        return new CsvRecord(line, Arrays.asList(fields));
    }

    @Test
    void recordsEndAtEachKindOfLineBreak() {
        assertThat(parse("a,b\nc,d\r\ne,f\rg,h\n"))
                .containsExactly(
                        record(1, "a", "b"),
                        record(2, "c", "d"),
                        record(3, "e", "f"),
                        record(4, "g", "h"));
    }

    @Test
    void emptyLinesAreNoRecordsButCountAsLines() {
        assertThat(parse("\na\n\n\r\nb")).containsExactly(record(2, "a"), record(5, "b"));
    }

    @Test
    void quotedFieldsHoldDelimitersQuotesAndLineBreaks() {
        assertThat(parse("MMB,\"SomeCompany, B\",\"say \"\"hi\"\"\"\n\"two\nlines\",x\ny,z"))
                .containsExactly(
                        record(1, "MMB", "SomeCompany, B", "say \"hi\""),
                        record(2, "two\nlines", "x"),
                        record(4, "y", "z"));
    }

    @Test
    void emptyUnquotedFieldsAreNullAndQuotedEmptyFieldsEmptyStrings() {
        assertThat(parse(",\"\",x,\n")).containsExactly(record(1, null, "", "x", null));
    }

    @Test
    void unquotedFieldsKeepSpacesAndQuoteCharacters() {
        assertThat(parse(" a , 5'11\" ")).containsExactly(record(1, " a ", " 5'11\" "));
    }

    @Test
    void otherDelimiterAndQuoteCharacter() {
        assertThat(CsvRecords.parse("'a;b';c\t'it''s'\n", ';', '\'', "t.csv"))
                .containsExactly(record(1, "a;b", "c\t'it''s'"));
        assertThat(CsvRecords.parse("AMZN\tAmazon\n", '\t', '"', "t.csv"))
                .containsExactly(record(1, "AMZN", "Amazon"));
    }

    @Test
    void aQuotedFieldNotClosedIsAnErrorAtTheLineItOpens() {
        assertThatThrownBy(() -> parse("a,b\nc,\"d\ne\n"))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage("t.csv:2: field 2: the quoted field is not closed");
    }

    @Test
    void textAfterAClosingQuoteIsAnError() {
        assertThatThrownBy(() -> parse("a,b\n\"x\ny\"z,c"))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage(
                        "t.csv:3: field 1: 'z' after the closing quote; a quote inside a quoted"
                                + " field is written twice");
    }
}
