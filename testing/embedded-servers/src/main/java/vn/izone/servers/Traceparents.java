package vn.izone.servers;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** W3C {@code traceparent} values as the tracing tests make and check them: {@code 00-<trace id>-<span id>-<flags>}. */
public final class Traceparents {
    private static final Pattern W3C = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Traceparents() {
    }

    /** The value parsed: group 1 the trace id, group 2 the span id; fails (AssertionError) on anything else. */
    public static Matcher parse(String traceparent) {
        if (traceparent == null) {
            throw new AssertionError("no traceparent");
        }
        Matcher m = W3C.matcher(traceparent);
        if (!m.matches()) {
            throw new AssertionError("not a W3C traceparent: " + traceparent);
        }
        return m;
    }

    /** {@code bytes} random bytes in lower-case hex: 16 for a trace id, 8 for a span id. */
    public static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
