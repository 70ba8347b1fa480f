package vn.izone.servers;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Ports handed out in one JVM are all different (the kernel alone repeats ephemeral ports). */
class FreePortTest {
    @Test
    void neverHandsOutAPortTwice() {
        // 2,000 picks from the ~28,000 ephemeral ports: without the bookkeeping, dozens of repeats are expected
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            ports.add(FreePort.pick());
        }
        assertEquals(2_000, ports.size());
    }
}
