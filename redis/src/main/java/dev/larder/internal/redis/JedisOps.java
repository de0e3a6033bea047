package dev.larder.internal.redis;

import dev.larder.LarderConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.StreamPendingSummary;

/**
 * {@link RedisOps} on Jedis: a pooled {@link RedisClient} for a standalone server, a {@link RedisClusterClient} for
 * {@code larder.redis.cluster}, a {@link RedisSentinelClient} (which follows failovers) for {@code
 * larder.redis.sentinel}. The client is created on first use, not at configuration time, so that a Redis that is down
 * when the application starts only makes the first calls fail open. The only class of Larder that names Jedis types.
 */
final class JedisOps implements RedisOps {
    private static final Script COMPARE_AND_DELETE = new Script(LeaseScripts.COMPARE_AND_DELETE);
    private static final Script COMPARE_AND_DELETE_ALL = new Script(LeaseScripts.COMPARE_AND_DELETE_ALL);
    private static final Script GET_OR_LEASE = new Script(LeaseScripts.GET_OR_LEASE);
    private static final Script GET_OR_LEASE_ALL = new Script(LeaseScripts.GET_OR_LEASE_ALL);
    private static final Script REPLACE = new Script(LeaseScripts.REPLACE);
    private static final Script REPLACE_ALL = new Script(LeaseScripts.REPLACE_ALL);
    private static final Script WRITE = new Script(LeaseScripts.WRITE);
    private static final String GENERATION_OR_SEED = "local v = redis.call('get', KEYS[1]) if v then return v end"
            + " redis.call('set', KEYS[1], ARGV[1]) return ARGV[1]";
    private static final String NEXT_GENERATION = "local v = redis.call('incr', KEYS[1])"
            + " if v < tonumber(ARGV[1]) then redis.call('set', KEYS[1], ARGV[1]) return tonumber(ARGV[1]) end return v";
    private static final byte[] STREAM_APPEND =
            ("local id = redis.call('XADD', KEYS[1], '*', 'k', ARGV[3], unpack(ARGV, 4))\n"
                            + "redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[1], '>')\n"
                            + "return id")
                    .getBytes(StandardCharsets.UTF_8);
    private static final String STREAM_SETTLE =
            "redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) return redis.call('XDEL', KEYS[1], ARGV[2])";
    private static final String STREAM_CLAIM = "local p = redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', ARGV[4],"
            + " ARGV[2])\n"
            + "local ids = {}\n"
            + "for i, e in ipairs(p) do ids[i] = e[1] end\n"
            + "if #ids == 0 then return {} end\n"
            + "local claimed = redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[3], 0, unpack(ids))\n"
            + "local found = {}\n"
            + "for i, e in ipairs(claimed) do if e then found[e[1]] = true end end\n"
            + "for i, id in ipairs(ids) do if not found[id] then redis.call('XACK', KEYS[1], ARGV[1], id) end end\n"
            + "return claimed";
    /**
     * Advances the tag clock past the tag's reading and to at least ARGV[1] (a time seed, as generations have: a clock
     * key lost or evicted comes back above the readings of every tag, not only of this one) and sets the tag's key to
     * it. Numbers reach Redis as the strings they were read as, never converted from Lua's doubles.
     */
    private static final String INVALIDATE_TAG = "local c = redis.call('incr', KEYS[1])"
            + " local old = tonumber(redis.call('get', KEYS[2]) or '0')"
            + " if c <= old then redis.call('set', KEYS[1], redis.call('get', KEYS[2])) c = redis.call('incr', KEYS[1]) end"
            + " if c < tonumber(ARGV[1]) then redis.call('set', KEYS[1], ARGV[1]) c = tonumber(ARGV[1]) end"
            + " redis.call('set', KEYS[2], redis.call('get', KEYS[1])) return c";

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
    public byte @Nullable [] getOrLease(byte[] key, byte[] lease, long leaseMillis) {
        return (byte[]) GET_OR_LEASE.run(client(), key, lease, ascii(leaseMillis));
    }

    @Override
    public List<byte @Nullable []> getOrLeaseAll(List<byte[]> keys, List<byte[]> leases, long leaseMillis) {
        byte[] ttl = ascii(leaseMillis);
        List<byte[]> argv = new ArrayList<>(leases);
        argv.add(ttl);
        List<byte @Nullable []> found = new ArrayList<>(keys.size());
        for (Object reply : forEveryKey(GET_OR_LEASE_ALL, argv, GET_OR_LEASE, keys, i -> List.of(leases.get(i), ttl))) {
            found.add((byte[]) reply);
        }
        return found;
    }

    @Override
    public List<Boolean> replaceAll(
            List<byte[]> keys, List<String> expectedSha1s, List<byte[]> values, long ttlMillis) {
        byte[] ttl = ascii(ttlMillis);
        List<byte[]> argv = new ArrayList<>(2 * keys.size() + 1);
        for (int i = 0; i < keys.size(); i++) {
            argv.add(expectedSha1s.get(i).getBytes(StandardCharsets.US_ASCII));
            argv.add(values.get(i));
        }
        argv.add(ttl);
        List<@Nullable Object> replies =
                forEveryKey(REPLACE_ALL, argv, REPLACE, keys, i -> List.of(argv.get(2 * i), argv.get(2 * i + 1), ttl));
        return ones(replies);
    }

    /**
     * Runs a per-key script for every key: on one server as one script for all of them ({@code all}, far less work for
     * the server than a script per key), on a Cluster, where one script cannot touch keys of several slots, as a
     * pipeline of the single-key script ({@code one}; Jedis sends one pipeline per node). The replies in order.
     *
     * @param argv the arguments of {@code all}
     * @param argvOfKey the arguments of {@code one} for the key at an index
     */
    private List<@Nullable Object> forEveryKey(
            Script all, List<byte[]> argv, Script one, List<byte[]> keys, IntFunction<List<byte[]>> argvOfKey) {
        UnifiedJedis client = client();
        if (!(client instanceof RedisClusterClient)) {
            return new ArrayList<>((List<?>) all.run(client, keys, argv));
        }
        List<Response<Object>> replies = new ArrayList<>(keys.size());
        // EVAL, not EVALSHA: a pipeline cannot fall back on a script the server does not have cached
        try (AbstractPipeline pipeline = client.pipelined()) {
            for (int i = 0; i < keys.size(); i++) {
                replies.add(pipeline.eval(one.text, List.of(keys.get(i)), argvOfKey.apply(i)));
            }
            pipeline.sync();
        }
        List<@Nullable Object> answers = new ArrayList<>(keys.size());
        for (Response<Object> reply : replies) {
            answers.add(reply.get());
        }
        return answers;
    }

    /** Whether each reply is the script's 1. */
    private static List<Boolean> ones(List<@Nullable Object> replies) {
        List<Boolean> ones = new ArrayList<>(replies.size());
        for (Object reply : replies) {
            ones.add(Long.valueOf(1).equals(reply));
        }
        return ones;
    }

    @Override
    public boolean replace(byte[] key, String expectedSha1, byte[] value, long ttlMillis) {
        Object replaced =
                REPLACE.run(client(), key, expectedSha1.getBytes(StandardCharsets.US_ASCII), value, ascii(ttlMillis));
        return Long.valueOf(1).equals(replaced);
    }

    @Override
    public byte @Nullable [] writeIfNewer(byte[] key, byte[] bytes, long expiresAtMillis) {
        Object reply = WRITE.run(client(), key, bytes, ascii(expiresAtMillis));
        return reply instanceof byte[] held ? held : null;
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
    public boolean compareAndDelete(byte[] key, byte[] value) {
        return Long.valueOf(1).equals(COMPARE_AND_DELETE.run(client(), key, value));
    }

    @Override
    public List<Boolean> compareAndDeleteAll(List<byte[]> keys, List<byte[]> values) {
        return ones(forEveryKey(COMPARE_AND_DELETE_ALL, values, COMPARE_AND_DELETE, keys, i -> List.of(values.get(i))));
    }

    private static byte[] ascii(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public long generation(String key, long seed) {
        return number(client().eval(GENERATION_OR_SEED, List.of(key), List.of(Long.toString(seed))));
    }

    @Override
    public long invalidateTag(String clockKey, String tagKey) {
        String seed = Long.toString(HybridClock.micros());
        return number(client().eval(INVALIDATE_TAG, List.of(clockKey, tagKey), List.of(seed)));
    }

    @Override
    public @Nullable String evictionPolicy() {
        try {
            return client().configGet("maxmemory-policy").get("maxmemory-policy");
        } catch (JedisDataException e) {
            String message = String.valueOf(e.getMessage());
            if (message.startsWith("LOADING") || message.startsWith("BUSY")) {
                throw e; // the server cannot answer yet: asked again later
            }
            return null; // CONFIG disabled or renamed
        }
    }

    @Override
    public List<byte @Nullable []> getAll(List<byte[]> keys) {
        return client().mget(keys.toArray(new byte[0][]));
    }

    @Override
    public long nextGeneration(String key, long floor) {
        return number(client().eval(NEXT_GENERATION, List.of(key), List.of(Long.toString(floor))));
    }

    private static long number(Object reply) {
        return reply instanceof Long value ? value : Long.parseLong(reply.toString());
    }

    @Override
    public void streamGroup(String stream, String group) {
        try {
            client().xgroupCreate(stream, group, new StreamEntryID(), true);
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    @Override
    public String streamAppend(String stream, String group, String consumer, byte[] key, byte @Nullable [] value) {
        List<byte[]> args = value == null
                ? List.of(bytes(group), bytes(consumer), key)
                : List.of(bytes(group), bytes(consumer), key, bytes("v"), value);
        Object id = client().eval(STREAM_APPEND, List.of(bytes(stream)), args);
        return new String((byte[]) id, StandardCharsets.UTF_8);
    }

    @Override
    public void streamSettle(String stream, String group, String id) {
        client().eval(STREAM_SETTLE, List.of(stream), List.of(group, id));
    }

    @Override
    public List<String> streamConsumers(String stream, String group) {
        StreamPendingSummary summary = client().xpending(stream, group);
        Map<String, Long> consumers = summary.getConsumerMessageCount();
        return consumers == null ? List.of() : List.copyOf(consumers.keySet());
    }

    @Override
    public List<StreamEntry> streamClaim(String stream, String group, String from, String to, int count) {
        Object reply = client().eval(
                        STREAM_CLAIM.getBytes(StandardCharsets.UTF_8),
                        List.of(bytes(stream)),
                        List.of(bytes(group), bytes(from), bytes(to), bytes(Integer.toString(count))));
        List<StreamEntry> entries = new ArrayList<>();
        for (Object item : (List<?>) reply) {
            if (item instanceof List<?> entry && entry.size() == 2 && entry.get(1) instanceof List<?> fields) {
                byte[] key = null;
                byte[] value = null;
                for (int i = 0; i + 1 < fields.size(); i += 2) {
                    String name = new String((byte[]) fields.get(i), StandardCharsets.UTF_8);
                    if (name.equals("k")) {
                        key = (byte[]) fields.get(i + 1);
                    } else if (name.equals("v")) {
                        value = (byte[]) fields.get(i + 1);
                    }
                }
                if (key != null) {
                    entries.add(new StreamEntry(new String((byte[]) entry.get(0), StandardCharsets.UTF_8), key, value));
                }
            }
        }
        return entries;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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

    /**
     * A Lua script of one key, run by its SHA-1 ({@code EVALSHA}) and sent in full ({@code EVAL}, which also caches it
     * on that server) only when the server does not know it yet: after a restart, a failover, or on each Cluster master
     * the first time.
     */
    private static final class Script {
        private final byte[] text;
        private final byte[] sha1;

        Script(String text) {
            this.text = text.getBytes(StandardCharsets.UTF_8);
            this.sha1 = Sha1.hex(this.text).getBytes(StandardCharsets.US_ASCII);
        }

        @Nullable
        Object run(UnifiedJedis client, byte[] key, byte[]... args) {
            return run(client, List.of(key), List.of(args));
        }

        @Nullable
        Object run(UnifiedJedis client, List<byte[]> keys, List<byte[]> argv) {
            try {
                return client.evalsha(sha1, keys, argv);
            } catch (JedisNoScriptException e) {
                return client.eval(text, keys, argv);
            }
        }
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
