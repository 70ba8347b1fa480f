package vn.izone.reporting.exports;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CSV writer on its own: formula guard on text cells only, RFC 4180 quoting, numbers untouched. */
class TableTest {
    @Test
    void textThatASpreadsheetWouldRunGetsAQuoteNumbersStayNumbers() throws Exception {
        var json = new ObjectMapper();
        var rows = List.of(
                json.readTree("{\"name\":\"=1+2\",\"n\":-12.50}"),
                json.readTree("{\"name\":\"+84 912\",\"n\":-0.5}"),
                json.readTree("{\"name\":\"-x\",\"n\":3}"),
                json.readTree("{\"name\":\"@SUM(A1)\",\"n\":0}"),
                json.readTree("{\"name\":\"\\tTab\",\"n\":1}"),
                json.readTree("{\"name\":\"\\rCR\",\"n\":1}"),
                json.readTree("{\"name\":\"Hà Nam, \\\"cũ\\\"\",\"n\":\"-7\"}"),
                json.readTree("{\"name\":\"a=b\",\"n\":null}"));
        Table t = new Table("t", List.of(Table.text("Name", "/name"), Table.number("N", "/n")), rows);
        String csv = new String(t.csv(), StandardCharsets.UTF_8);
        assertEquals("\uFEFFName,N\r\n"
                + "'=1+2,-12.5\r\n"
                + "'+84 912,-0.5\r\n"
                + "'-x,3\r\n"
                + "'@SUM(A1),0\r\n"
                + "'\tTab,1\r\n"
                + "\"'\rCR\",1\r\n"
                + "\"Hà Nam, \"\"cũ\"\"\",-7\r\n"
                + "a=b,\r\n", csv);
    }
}
