package vn.izone.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a free TCP port on loopback, so parallel builds and tests never collide. A port is handed out once per JVM:
 * the kernel may give the same ephemeral port to two binds in a row once the first socket is closed, and the broker's
 * client and controller listeners were once given the same one (Kafka refused to start; CI, session 13).
 */
public final class FreePort {
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final int ATTEMPTS = 100;

    private FreePort() {
    }

    public static int pick() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ephemeral();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port on loopback not handed out before, after " + ATTEMPTS + " attempts");
    }

    private static int ephemeral() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    /** The given port if positive, otherwise a free one. */
    public static int orPick(int port) {
        return port > 0 ? port : pick();
    }
}
