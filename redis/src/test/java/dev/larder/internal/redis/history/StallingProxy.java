package dev.larder.internal.redis.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of one port that can stall: while stalled it keeps every connection open and accepts
 * new ones, but forwards no byte either way, as a silent network partition does (no FIN, no RST; the peer sees only
 * silence). {@link #resume()} lets the held bytes through. When either end of a connection closes, both do, so a
 * killed server looks killed to the client.
 *
 * <p>Thread-safe; two daemon threads per connection plus one accepting.
 */
public final class StallingProxy implements AutoCloseable {
    private static final int BUFFER = 16 * 1024;

    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private boolean stalled;
    private boolean repliesStalled;
    /** How many chunks of replies a stall has held so far. */
    private long heldReplies;

    private volatile boolean closed;

    /** Listens on a free loopback port, forwarding to {@code targetPort} on loopback. */
    public StallingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String uri() {
        return "redis://127.0.0.1:" + port();
    }

    /** Holds every byte in both directions from now on, keeping the sockets open. */
    public void stall() {
        synchronized (gate) {
            stalled = true;
        }
    }

    /**
     * Holds the server's replies from now on but lets requests through: a request reaches the server and runs there,
     * and its caller waits for the reply as long as the stall lasts.
     */
    public void stallReplies() {
        synchronized (gate) {
            repliesStalled = true;
        }
    }

    /** Waits until a stall holds at least {@code count} chunks of replies in all: false when the time ran out. */
    public boolean awaitHeldReplies(long count, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (gate) {
            while (heldReplies < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                gate.wait(Math.max(1, left / 1_000_000L));
            }
            return true;
        }
    }

    /** Forwards again, the held bytes first. */
    public void resume() {
        synchronized (gate) {
            stalled = false;
            repliesStalled = false;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                try {
                    upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 1000);
                } catch (IOException refused) {
                    // The server is down: the client sees its connection closed, as it would without the proxy.
                    client.close();
                    upstream.close();
                    continue;
                }
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, "up");
                pump(upstream, client, "down");
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[BUFFER];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) != -1) {
                            awaitOpen(direction.equals("down"));
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // one end closed or failed: close both below
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "proxy-" + direction + "-" + port());
        thread.setDaemon(true);
        thread.start();
    }

    /** Blocks while stalled. Bytes already read are held here, in the pump, until the proxy resumes. */
    private void awaitOpen(boolean reply) throws InterruptedException {
        synchronized (gate) {
            if (reply && (stalled || repliesStalled) && !closed) {
                heldReplies++;
                gate.notifyAll();
            }
            while ((stalled || (reply && repliesStalled)) && !closed) {
                gate.wait();
            }
        }
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        resume();
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        sockets.forEach(this::closeQuietly);
    }
}
