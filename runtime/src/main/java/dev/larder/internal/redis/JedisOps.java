package dev.larder.internal.redis;

import dev.larder.LarderConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * {@link RedisOps} on Jedis: a pooled {@link RedisClient} for a standalone server, a {@link RedisClusterClient} for
 * {@code larder.redis.cluster}, a {@link RedisSentinelClient} (which follows failovers) for {@code
 * larder.redis.sentinel}. The client is created on first use, not at configuration time, so that a Redis that is down
 * when the application starts only makes the first calls fail open. The only class of Larder that names Jedis types.
 */
final class JedisOps implements RedisOps {
    private static final String COMPARE_AND_DELETE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    private static final String GENERATION_OR_SEED = "local v = redis.call('get', KEYS[1]) if v then return v end"
            + " redis.call('set', KEYS[1], ARGV[1]) return ARGV[1]";
    private static final String NEXT_GENERATION = "local v = redis.call('incr', KEYS[1])"
            + " if v < tonumber(ARGV[1]) then redis.call('set', KEYS[1], ARGV[1]) return tonumber(ARGV[1]) end return v";
    private static final long RESUBSCRIBE_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long RESUBSCRIBE_MAX_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LarderConfig config;
    private volatile @Nullable UnifiedJedis client;
    private volatile boolean closed;

    JedisOps(LarderConfig config) {
        this.config = config;
    }

    private UnifiedJedis client() {
        UnifiedJedis current = client;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The Redis client of this configuration is closed");
            }
            if (client == null) {
                client = open(config);
            }
            return client;
        }
    }

    static UnifiedJedis open(LarderConfig config) {
        JedisClientConfig clientConfig = clientConfig(config);
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(config.redisPoolSize());
        pool.setMaxIdle(config.redisPoolSize());
        pool.setMaxWait(config.redisTimeout());
        pool.setBlockWhenExhausted(true);
        if (!config.redisCluster().isEmpty()) {
            return RedisClusterClient.builder()
                    .nodes(hosts(config.redisCluster()))
                    .clientConfig(clientConfig)
                    .poolConfig(pool)
                    .maxAttempts(2)
                    .maxTotalRetriesDuration(config.redisTimeout().multipliedBy(2))
                    .build();
        }
        if (!config.redisSentinel().isEmpty()) {
            int timeout = millis(config.redisTimeout());
            JedisClientConfig sentinelConfig = DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(millis(config.redisConnectTimeout()))
                    .socketTimeoutMillis(timeout)
                    .build();
            return RedisSentinelClient.builder()
                    .masterName(config.redisMaster().orElseThrow())
                    .sentinels(hosts(config.redisSentinel()))
                    .clientConfig(clientConfig)
                    .sentinelClientConfig(sentinelConfig)
                    .poolConfig(pool)
                    .build();
        }
        URI uri = config.redisUri();
        return RedisClient.builder()
                .hostAndPort(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort())
                .clientConfig(clientConfig)
                .poolConfig(pool)
                .build();
    }

    /** Timeouts from the configuration; credentials, database and TLS from {@code larder.redis.uri}. */
    @SuppressWarnings("deprecation") // ssl(boolean) is the one switch for TLS with the JDK's default trust store
    private static JedisClientConfig clientConfig(LarderConfig config) {
        URI uri = config.redisUri();
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis(config.redisConnectTimeout()))
                .socketTimeoutMillis(millis(config.redisTimeout()))
                .ssl("rediss".equalsIgnoreCase(uri.getScheme()))
                .clientName("larder");
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                builder.password(decode(userInfo));
            } else {
                if (colon > 0) {
                    builder.user(decode(userInfo.substring(0, colon)));
                }
                builder.password(decode(userInfo.substring(colon + 1)));
            }
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1 && config.redisCluster().isEmpty()) {
            builder.database(Integer.parseInt(path.substring(1)));
        }
        return builder.build();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }

    private static Set<HostAndPort> hosts(List<String> seeds) {
        Set<HostAndPort> hosts = new LinkedHashSet<>();
        for (String seed : seeds) {
            hosts.add(HostAndPort.from(seed));
        }
        return hosts;
    }

    @Override
    public byte @Nullable [] get(byte[] key) {
        return client().get(key);
    }

    @Override
    public void set(byte[] key, byte[] value, long ttlMillis) {
        if (ttlMillis > 0) {
            client().set(key, value, SetParams.setParams().px(ttlMillis));
        } else {
            client().set(key, value);
        }
    }

    @Override
    public boolean setIfAbsent(String key, String value, long ttlMillis) {
        return "OK".equals(client().set(key, value, SetParams.setParams().nx().px(ttlMillis)));
    }

    @Override
    public void delete(byte[] key) {
        client().del(key);
    }

    @Override
    public long increment(String key) {
        return client().incr(key);
    }

    @Override
    public @Nullable String getString(String key) {
        return client().get(key);
    }

    @Override
    public void publish(String channel, String message) {
        client().publish(channel, message);
    }

    @Override
    public void compareAndDelete(String key, String value) {
        client().eval(COMPARE_AND_DELETE, List.of(key), List.of(value));
    }

    @Override
    public long generation(String key, long seed) {
        return number(client().eval(GENERATION_OR_SEED, List.of(key), List.of(Long.toString(seed))));
    }

    @Override
    public long nextGeneration(String key, long floor) {
        return number(client().eval(NEXT_GENERATION, List.of(key), List.of(Long.toString(floor))));
    }

    private static long number(Object reply) {
        return reply instanceof Long value ? value : Long.parseLong(reply.toString());
    }

    @Override
    public Subscription subscribe(String channel, Listener listener) {
        Subscriber subscriber = new Subscriber(channel, listener);
        Thread thread = new Thread(subscriber, "larder-redis-subscriber");
        thread.setDaemon(true);
        thread.start();
        return subscriber;
    }

    @Override
    public void close() {
        UnifiedJedis current;
        synchronized (this) {
            closed = true;
            current = client;
            client = null;
        }
        if (current != null) {
            current.close();
        }
    }

    /**
     * A connection of its own for the subscription, not one of the pool's, so that {@link Subscription#reconnect} can
     * close it: to the server of a standalone URI, to Sentinel's current master, to any node of a Cluster (which
     * delivers every published message on every node).
     */
    private Connection subscriptionConnection() {
        UnifiedJedis current = client();
        HostAndPort node;
        if (current instanceof RedisSentinelClient sentinel) {
            node = sentinel.getCurrentMaster();
        } else if (current instanceof RedisClusterClient cluster) {
            Set<String> nodes = cluster.getClusterNodes().keySet();
            node = HostAndPort.from(
                    nodes.isEmpty()
                            ? config.redisCluster().get(0)
                            : nodes.iterator().next());
        } else {
            URI uri = config.redisUri();
            node = new HostAndPort(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort());
        }
        return new Connection(node, clientConfig(config));
    }

    /** Keeps one subscription alive, resubscribing with backoff after each disconnection. */
    private final class Subscriber implements Runnable, Subscription {
        private final String channel;
        private final Listener listener;
        private volatile @Nullable JedisPubSub current;
        private volatile @Nullable Connection connection;
        private volatile boolean stopped;

        Subscriber(String channel, Listener listener) {
            this.channel = channel;
            this.listener = listener;
        }

        @Override
        public void run() {
            long backoff = RESUBSCRIBE_MIN_NANOS;
            while (!stopped && !closed) {
                JedisPubSub pubSub = new JedisPubSub() {
                    @Override
                    public void onSubscribe(String channel, int subscribedChannels) {
                        listener.subscribed();
                    }

                    @Override
                    public void onMessage(String channel, String message) {
                        listener.message(message);
                    }
                };
                current = pubSub;
                Connection opened = null;
                try {
                    opened = subscriptionConnection();
                    connection = opened;
                    if (!stopped) {
                        pubSub.proceed(opened, channel);
                    }
                    backoff = RESUBSCRIBE_MIN_NANOS;
                } catch (RuntimeException e) {
                    // Redis is unreachable or the connection broke (or was dropped by reconnect): try again.
                } finally {
                    connection = null;
                    if (opened != null) {
                        opened.close();
                    }
                }
                listener.disconnected();
                if (!stopped) {
                    LockSupport.parkNanos(backoff);
                    backoff = Math.min(RESUBSCRIBE_MAX_NANOS, backoff * 2);
                }
            }
        }

        @Override
        public void reconnect() {
            Connection open = connection;
            if (open != null) {
                try {
                    open.forceDisconnect();
                } catch (IOException | RuntimeException e) {
                    // already closed
                }
            }
        }

        @Override
        public void close() {
            stopped = true;
            reconnect(); // a stalled connection would not answer the unsubscription
            JedisPubSub pubSub = current;
            if (pubSub != null && pubSub.isSubscribed()) {
                try {
                    pubSub.unsubscribe();
                } catch (RuntimeException e) {
                    // the connection is already gone
                }
            }
        }
    }
}
