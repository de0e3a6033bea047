package dev.larder.it;

import dev.larder.internal.redis.RedisServerProcess;

/** The one redis-server of a {@code redis} or {@code tiered} run of the suite, started on first use. */
final class RedisForSuite {
    private static RedisServerProcess server;

    private RedisForSuite() {}

    static synchronized String uri() {
        if (server == null) {
            server = RedisServerProcess.start();
            RedisServerProcess started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "redis-for-suite"));
        }
        return server.uri();
    }
}
