package vn.izone.reporting.indicators;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bytes of a snapshot PostgreSQL can store as text, and those it would refuse. */
class Utf8Test {
    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    @Test
    void vietnameseAndAstralTextIsWellFormed() {
        assertTrue(Utf8.wellFormed("{\"scopeName\":\"Ninh Bình, Đồng Nai, Thừa Thiên Huế 𝄞\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Utf8.wellFormed(new byte[0]));
    }

    @Test
    void malformedSequencesAndNulAreNot() {
        assertFalse(Utf8.wellFormed(bytes('a', 0, 'b')), "NUL");
        assertFalse(Utf8.wellFormed(bytes(0xC3)), "cut short");
        assertFalse(Utf8.wellFormed(bytes(0xE1, 0xBB)), "cut short in three bytes");
        assertFalse(Utf8.wellFormed(bytes(0xC0, 0xAF)), "overlong");
        assertFalse(Utf8.wellFormed(bytes(0xE0, 0x80, 0xAF)), "overlong in three bytes");
        assertFalse(Utf8.wellFormed(bytes(0xED, 0xA0, 0x80)), "a surrogate");
        assertFalse(Utf8.wellFormed(bytes(0xF4, 0x90, 0x80, 0x80)), "above U+10FFFF");
        assertFalse(Utf8.wellFormed(bytes(0xC3, 'a')), "not a continuation byte");
        assertFalse(Utf8.wellFormed(bytes(0xFF)), "not a lead byte");
    }
}
