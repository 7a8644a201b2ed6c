package io.innoleap.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Is a TCP port free for us? Both a listener on any address and one on 127.0.0.1 count as taken. */
final class Ports {

    private Ports() {
    }

    static boolean isFree(int port) {
        if (accepts(port)) {
            return false;
        }
        // The services listen on every interface (Micronaut's default); the catcher and broker on 127.0.0.1.
        return canBind(new InetSocketAddress(port)) && canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean canBind(InetSocketAddress address) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that is free right now (the OS picks it). */
    static int free() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
