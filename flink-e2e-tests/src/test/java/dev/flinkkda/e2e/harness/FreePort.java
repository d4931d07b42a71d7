package dev.flinkkda.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks TCP ports on the loopback interface that are free right now. */
public final class FreePort {

    private FreePort() {}

    /**
     * A port on 127.0.0.1 that nothing listens on at this moment. Another process may take it
     * before the caller binds it; the ports come from the kernel's ephemeral range, so that is
     * unlikely.
     */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
