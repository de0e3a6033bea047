package dev.larder.internal.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} on a free loopback port, for tests. The binary is the one packaged in the {@code
 * com.github.codemonstur:embedded-redis} jar (Redis 6.2), extracted once per JVM; nothing needs to be installed.
 * Supports standalone servers, cluster nodes and Sentinels, stopping, killing, and pausing with SIGSTOP.
 */
public final class RedisServerProcess implements AutoCloseable {
    private static Path binary;

    private final int port;
    private final Path dir;
    private final List<String> config;
    private final boolean sentinel;
    private Process process;

    private RedisServerProcess(int port, List<String> config, boolean sentinel) throws IOException {
        this.port = port;
        this.config = config;
        this.sentinel = sentinel;
        this.dir = Files.createTempDirectory("larder-redis-" + port + "-");
    }

    /** A standalone server (or cluster node, with {@code cluster-enabled yes}) with extra configuration lines. */
    public static RedisServerProcess start(String... extraConfig) {
        List<String> config = List.of(extraConfig);
        return start(config.contains("cluster-enabled yes") ? freeClusterPort() : freePort(), config, false);
    }

    /** A Sentinel watching {@code master} on {@code masterPort} under the name {@code masterName}, quorum 1. */
    public static RedisServerProcess sentinel(String masterName, int masterPort) {
        return start(
                freePort(),
                List.of(
                        "sentinel monitor " + masterName + " 127.0.0.1 " + masterPort + " 1",
                        "sentinel down-after-milliseconds " + masterName + " 1000",
                        "sentinel failover-timeout " + masterName + " 3000",
                        "sentinel parallel-syncs " + masterName + " 1"),
                true);
    }

    private static RedisServerProcess start(int port, List<String> extraConfig, boolean sentinel) {
        try {
            RedisServerProcess server = new RedisServerProcess(port, extraConfig, sentinel);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many times the server ran the named commands ({@code evalsha}, {@code set}, ...), from its statistics. */
    public long commandCalls(String... commands) {
        try (redis.clients.jedis.Jedis inspector = new redis.clients.jedis.Jedis("127.0.0.1", port())) {
            long total = 0;
            for (String line : inspector.info("commandstats").split("\r?\n")) {
                for (String command : commands) {
                    String prefix = "cmdstat_" + command + ":calls=";
                    if (line.startsWith(prefix)) {
                        total += Long.parseLong(line.substring(prefix.length(), line.indexOf(',')));
                    }
                }
            }
            return total;
        }
    }

    /** Waits, ten seconds at most, until the server ran the named commands at least {@code expected} times. */
    public boolean awaitCommandCalls(long expected, String... commands) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commandCalls(commands) < expected) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public String hostAndPort() {
        return "127.0.0.1:" + port;
    }

    private void launch() throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "port " + port,
                "bind 127.0.0.1",
                "daemonize no",
                "save \"\"",
                "appendonly no",
                "dir " + dir,
                "logfile " + dir.resolve("redis.log")));
        lines.addAll(config);
        Path conf = dir.resolve(sentinel ? "sentinel.conf" : "redis.conf");
        Files.write(conf, lines);
        List<String> command = new ArrayList<>(List.of(binary().toString(), conf.toString()));
        if (sentinel) {
            command.add("--sentinel");
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        awaitPing();
    }

    /** Starts the server again on the same port, after {@link #kill()} or {@link #stop()}, with its data gone. */
    public void restart() {
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitPing() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited: " + log());
            }
            if ("+PONG".equals(command("PING"))) {
                return;
            }
            sleepMillis(20);
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING: " + log());
    }

    /** Sends one inline command and returns the first line of the reply, or null when the server does not answer. */
    public String command(String inline) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\r') {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    private String log() {
        try {
            Path log = dir.resolve("redis.log");
            return Files.exists(log) ? Files.readString(log) : Files.readString(dir.resolve("stdout.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGKILL: the server vanishes without a goodbye, as in a crash. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM, and waits for the process to end. */
    public void stop() {
        resume();
        process.destroy();
        waitFor();
    }

    /** SIGSTOP: the server keeps its connections open and answers nothing, as a stalled server does. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void waitFor() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            resume();
            process.destroyForcibly();
            waitFor();
        }
        deleteQuietly(dir);
    }

    /** The server's folder and what it wrote there (configuration, log, dump), so runs leave nothing behind. */
    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            // a file the server still writes: the folder stays, nothing else is affected
        }
    }

    private static synchronized Path binary() throws IOException {
        if (binary == null) {
            String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
            boolean arm = arch.contains("aarch64") || arch.contains("arm");
            String name;
            if (os.contains("mac")) {
                name = arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
            } else {
                name = arm ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
            }
            Path dir = Files.createTempDirectory("larder-redis-bin-");
            Path target = dir.resolve("redis-server");
            // Deleted in the reverse order of these calls: the binary, then its folder.
            dir.toFile().deleteOnExit();
            target.toFile().deleteOnExit();
            try (InputStream in = RedisServerProcess.class.getResourceAsStream("/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("No " + name + " in the embedded-redis jar on the test class path");
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (!target.toFile().setExecutable(true)) {
                throw new IOException("Cannot make " + target + " executable");
            }
            binary = target;
        }
        return binary;
    }

    /** A free port whose cluster bus port (10000 above it) is free too: a cluster node listens on both. */
    private static int freeClusterPort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = freePort();
            if (port + 10_000 <= 65_535 && bindable(port + 10_000)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port with a free cluster bus port found");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
