package dev.larder;

import dev.larder.internal.config.ConfigKeys;
import dev.larder.internal.config.ConfigSources;
import dev.larder.internal.config.RedisAddresses;
import dev.larder.model.Durations;
import dev.larder.model.TtlJitter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Larder's configuration: which backend caches live in, how to reach Redis, and per-cache overrides of the values
 * given in annotations. Instances are immutable and thread-safe; every typed accessor returns the value that was set,
 * or the default when the key was not set.
 *
 * <h2>Keys</h2>
 *
 * <table>
 *   <caption>Configuration keys</caption>
 *   <tr><th>key</th><th>default</th><th>allowed</th></tr>
 *   <tr><td>{@code larder.backend}</td><td>{@code local}</td><td>{@code local}, {@code redis} or {@code tiered}
 *       (local L1 in front of Redis L2)</td></tr>
 *   <tr><td>{@code larder.namespace}</td><td>{@code larder}</td><td>a non-empty name without whitespace: the prefix
 *       of every Redis key and channel</td></tr>
 *   <tr><td>{@code larder.local.maxSize}</td><td>{@code 10000}</td><td>entries per local cache, 1 to
 *       2147483647</td></tr>
 *   <tr><td>{@code larder.local.sizeAdvisor}</td><td>{@code false}</td><td>{@code true} or {@code false}: whether
 *       every local cache estimates its hit ratio at other sizes ({@link CacheStats#sizeCurve()}); costs each lookup a
 *       hash and a compare, and each advised cache about 0.5 MB</td></tr>
 *   <tr><td>{@code larder.redis.uri}</td><td>{@code redis://127.0.0.1:6379}</td><td>{@code redis://} or
 *       {@code rediss://} (TLS) with a host, optional {@code user:password@}, port and {@code /db}</td></tr>
 *   <tr><td>{@code larder.redis.cluster}</td><td>unset</td><td>comma-separated {@code host:port} seeds of a Redis
 *       Cluster; not together with Sentinel</td></tr>
 *   <tr><td>{@code larder.redis.sentinel}</td><td>unset</td><td>comma-separated {@code host:port} Sentinel seeds;
 *       needs {@code larder.redis.master}</td></tr>
 *   <tr><td>{@code larder.redis.master}</td><td>unset</td><td>the Sentinel master name; needs
 *       {@code larder.redis.sentinel}</td></tr>
 *   <tr><td>{@code larder.redis.connectTimeout}</td><td>{@code 2s}</td><td>a duration greater than 0</td></tr>
 *   <tr><td>{@code larder.redis.timeout}</td><td>{@code 500ms}</td><td>a duration greater than 0: the read timeout
 *       of every Redis call</td></tr>
 *   <tr><td>{@code larder.redis.poolSize}</td><td>{@code 16}</td><td>connections in the pool, 1 to
 *       2147483647</td></tr>
 *   <tr><td>{@code larder.redis.staleness}</td><td>{@code 2s}</td><td>a duration greater than 0: the longest a
 *       {@code tiered} L1 serves a value another JVM changed when invalidations cannot arrive</td></tr>
 *   <tr><td>{@code larder.redis.leaseTtl}</td><td>{@code 30s}</td><td>a duration greater than 0: how long a miss's
 *       lease marker lives in Redis; a load that takes longer cannot store its value</td></tr>
 *   <tr><td>{@code larder.redis.leaseWait}</td><td>{@code 5s}</td><td>a duration greater than 0: with
 *       {@code larder.stampede=distributed}, the longest a JVM waits for another JVM's load of a key</td></tr>
 *   <tr><td>{@code larder.stampede}</td><td>{@code local}</td><td>{@code local} or {@code distributed}</td></tr>
 *   <tr><td>{@code larder.waitTimeout}</td><td>{@code 10s}</td><td>a duration greater than 0: how long a caller
 *       waits on another caller's load of the same key before running the method itself, uncached</td></tr>
 *   <tr><td>{@code larder.writeBehind.journal}</td><td>{@code none}</td><td>{@code none}, {@code redis} (a stream per
 *       cache in the configured Redis) or {@code file:<dir>} (a directory that can be written; created if missing,
 *       checked when the configuration is read)</td></tr>
 *   <tr><td>{@code larder.writeBehind.maxAge}</td><td>{@code 10m}</td><td>a duration greater than 0: how long a
 *       write-behind write may keep failing before it is dead-lettered</td></tr>
 *   <tr><td>{@code larder.writeBehind.maxPending}</td><td>{@code 100000}</td><td>the most writes one
 *       {@code @WriteBehind} method holds; a writer finding them all taken waits for room; 1 to
 *       2147483647</td></tr>
 *   <tr><td>{@code larder.writeBehind.fsync}</td><td>{@code batch}</td><td>{@code always} (on the disk before the
 *       call returns; concurrent writes share one fsync), {@code batch} (written to the OS before the call returns,
 *       forced every 100 ms: a power loss loses at most that window) or {@code never} (the OS writes the file when it
 *       chooses); every policy survives the death of the JVM; for the file journal</td></tr>
 *   <tr><td>{@code larder.writeBehind.takeOverAfter}</td><td>{@code 5s}</td><td>a duration greater than 0: how
 *       long the Redis journal's pending writes of a JVM that stopped refreshing its heartbeat wait before another JVM
 *       takes them over</td></tr>
 *   <tr><td>{@code larder.metrics}</td><td>{@code auto}</td><td>{@code auto} or {@code none}</td></tr>
 *   <tr><td>{@code larder.ttlJitter}</td><td>{@code 0}</td><td>a percentage from {@code 0%} to {@code 100%}
 *       ({@link TtlJitter#parse}): the TTL jitter of methods whose annotations and cache set none</td></tr>
 *   <tr><td>{@code larder.cache.<name>.ttl}</td><td>unset</td><td>a duration; {@code 0} means no expiry</td></tr>
 *   <tr><td>{@code larder.cache.<name>.ttlJitter}</td><td>unset</td><td>a percentage from {@code 0%} to {@code
 *       100%}: each store shortens its entry's TTL by a uniformly random part of up to that fraction, so entries
 *       stored together do not expire together; the TTL stays an upper bound</td></tr>
 *   <tr><td>{@code larder.cache.<name>.version}</td><td>unset</td><td>letters, digits, {@code .}, {@code -} and
 *       {@code _}: the version of the cache's entries in Redis ({@code <namespace>:<name>@<version>:…}); JVMs on
 *       another version never see them, so bumping it drops every shared entry at once without touching Redis</td></tr>
 *   <tr><td>{@code larder.cache.<name>.warm}</td><td>unset</td><td>1 to 2147483647: at a clean shutdown the
 *       cache's hottest keys, up to this many, are recorded under {@code larder.warm.dir} and reloaded through the
 *       method after the next start</td></tr>
 *   <tr><td>{@code larder.warm.dir}</td><td>{@code <java.io.tmpdir>/larder-warm}</td><td>where warm restarts record
 *       keys, a file per cache</td></tr>
 *   <tr><td>{@code larder.warm.rate}</td><td>{@code 100}</td><td>1 to 2147483647: the most recorded keys reloaded
 *       per second after a start</td></tr>
 *   <tr><td>{@code larder.cache.<name>.maxSize}</td><td>unset</td><td>1 to 2147483647</td></tr>
 *   <tr><td>{@code larder.cache.<name>.sizeAdvisor}</td><td>unset</td><td>{@code true} or {@code false}, for that
 *       cache</td></tr>
 *   <tr><td>{@code larder.cache.<name>.backend}</td><td>unset</td><td>{@code local}, {@code redis} or
 *       {@code tiered}</td></tr>
 *   <tr><td>{@code larder.cache.<name>.copy}</td><td>{@code false}</td><td>{@code true} or {@code false}: whether
 *       every caller gets its own copy of a cached value (through the codec; needs Jackson for the default one)
 *       instead of the shared object</td></tr>
 *   <tr><td>{@code larder.cache.<name>.writeBehind.maxAge}</td><td>unset</td><td>a duration greater than 0, for
 *       the write-behind methods of that cache</td></tr>
 *   <tr><td>{@code larder.cache.<name>.writeBehind.maxPending}</td><td>unset</td><td>1 to 2147483647, for each
 *       write-behind method of that cache</td></tr>
 * </table>
 *
 * <p>Durations are a whole number followed by {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}, or an
 * ISO-8601 duration such as {@code PT10M} (see {@link Durations#parse}). Choices ({@code local}, {@code redis}, …)
 * are accepted in any case. A cache name may contain dots ({@code larder.cache.Catalog.find(int).ttl}): per-cache
 * keys are recognised by their suffix. Per-cache values win over the cache's annotation attributes. Keys may be
 * given without the {@code larder.} prefix ({@code redis.uri}) everywhere except in system properties. Values are
 * trimmed.
 *
 * <h2>Sources and precedence</h2>
 *
 * {@link #load()} merges, each later source winning over the earlier ones for the keys it sets:
 *
 * <ol>
 *   <li>every {@code larder.properties} on the classpath of the thread's context class loader (else the class loader
 *       of Larder), read as UTF-8; when several are found they are all read, in classpath order, a later file
 *       winning over an earlier one, and the files are logged;
 *   <li>environment variables: {@code LARDER_X_Y} sets the global key whose name after {@code larder.},
 *       lower-cased with dots as underscores, is {@code x_y} in any case ({@code LARDER_REDIS_URI},
 *       {@code LARDER_LOCAL_MAXSIZE}, {@code LARDER_WRITEBEHIND_JOURNAL}); other {@code LARDER_*} variables and
 *       blank ones are ignored. Per-cache keys cannot be set from the environment, since cache names are
 *       case-sensitive and may contain characters variable names cannot;
 *   <li>system properties whose names start with exactly {@code larder.}; others are ignored;
 *   <li>the {@code overrides} of {@link #load(Map)} (the Java agent's options).
 * </ol>
 *
 * Configuration given in code goes on top with {@link #overriddenBy(LarderConfig)}.
 *
 * <h2>Failures</h2>
 *
 * Every value is checked as soon as it is read, from every source, also when a later source overrides it: a
 * malformed value or an unknown key starting with {@code larder.} (a typo such as {@code larder.lcoal.maxSize})
 * throws a {@link ConfigurationException} naming the key, the value, what is allowed and where the value came from.
 * Keys that must go together (Sentinel seeds and master name) or must not (Cluster and Sentinel) are checked when the
 * configuration is built. Passwords in Redis URIs are masked in messages and in {@link #toString()}.
 */
public final class LarderConfig {
    private static final LarderConfig DEFAULTS = new LarderConfig(Map.of(), Map.of());

    /** Where cache entries live. */
    public enum Backend {
        /** In-process (Caffeine). */
        LOCAL,
        /** Redis only. */
        REDIS,
        /** A local L1 in front of Redis as L2. */
        TIERED
    }

    /** How far single-flight loading reaches. */
    public enum Stampede {
        /** Concurrent misses for a key within one JVM run the method once. */
        LOCAL,
        /** Also across JVMs, through a Redis lease. */
        DISTRIBUTED
    }

    /** When the file journal forces its writes to the disk. */
    public enum Fsync {
        /**
         * Every write is on the disk before the call returns; writes appended together share one fsync (group
         * commit), so concurrent writers do not each pay one.
         */
        ALWAYS,
        /**
         * Written to the OS before the call returns (which survives the JVM's death), and forced to the disk by a
         * group commit in the background at least every 100 ms: a power loss loses at most that window.
         */
        BATCH,
        /** Never: written to the OS before the call returns, which survives the JVM's death but not the machine's. */
        NEVER
    }

    /** Whether Larder publishes Micrometer meters. */
    public enum Metrics {
        /** Bind to Micrometer's global registry when Micrometer is on the classpath. */
        AUTO,
        /** Publish no meters ({@code Larder.stats()} still counts). */
        NONE
    }

    private final SortedMap<String, String> values;
    private final Map<String, String> sources;
    private final Backend backend;
    private final int localMaxSize;
    private final URI redisUri;
    private final Duration redisConnectTimeout;
    private final Duration redisTimeout;
    private final int redisPoolSize;
    private final Duration redisStaleness;
    private final Duration redisLeaseTtl;
    private final Duration redisLeaseWait;
    private final Stampede stampede;
    private final Duration waitTimeout;
    private final Fsync writeBehindFsync;
    private final Metrics metrics;

    private LarderConfig(Map<String, String> values, Map<String, String> sources) {
        ConfigKeys.checkTogether(values, sources);
        this.values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
        this.sources = Map.copyOf(sources);
        this.backend = choice(Backend.values(), ConfigKeys.BACKEND);
        this.localMaxSize = Integer.parseInt(effective(ConfigKeys.LOCAL_MAX_SIZE));
        this.redisUri = URI.create(effective(ConfigKeys.REDIS_URI));
        this.redisConnectTimeout = Durations.parse(effective(ConfigKeys.REDIS_CONNECT_TIMEOUT));
        this.redisTimeout = Durations.parse(effective(ConfigKeys.REDIS_TIMEOUT));
        this.redisPoolSize = Integer.parseInt(effective(ConfigKeys.REDIS_POOL_SIZE));
        this.redisStaleness = Durations.parse(effective(ConfigKeys.REDIS_STALENESS));
        this.redisLeaseTtl = Durations.parse(effective(ConfigKeys.REDIS_LEASE_TTL));
        this.redisLeaseWait = Durations.parse(effective(ConfigKeys.REDIS_LEASE_WAIT));
        this.stampede = choice(Stampede.values(), ConfigKeys.STAMPEDE);
        this.waitTimeout = Durations.parse(effective(ConfigKeys.WAIT_TIMEOUT));
        this.writeBehindFsync = choice(Fsync.values(), ConfigKeys.WRITE_BEHIND_FSYNC);
        this.metrics = choice(Metrics.values(), ConfigKeys.METRICS);
    }

    /** A configuration with nothing set: every key has its default. Reads no file, variable or property. */
    public static LarderConfig defaults() {
        return DEFAULTS;
    }

    /**
     * Reads the configuration from {@code larder.properties} files, environment variables and system properties, as
     * described in the class comment.
     *
     * @throws ConfigurationException if a key is unknown, a value is malformed or keys do not go together
     * @throws java.io.UncheckedIOException if a {@code larder.properties} file cannot be read
     */
    public static LarderConfig load() {
        return load(Map.of());
    }

    /**
     * As {@link #load()}, with {@code overrides} winning over every other source. Keys may be given with or
     * without the {@code larder.} prefix: {@code redis.uri} means {@code larder.redis.uri}.
     *
     * @throws ConfigurationException if a key is unknown, a value is malformed or keys do not go together
     * @throws java.io.UncheckedIOException if a {@code larder.properties} file cannot be read
     */
    public static LarderConfig load(Map<String, String> overrides) {
        Objects.requireNonNull(overrides, "overrides");
        return load(System.getenv(), System.getProperties(), ConfigSources.defaultClassLoader(), overrides);
    }

    // The seam tests use, so that they never depend on the real environment or classpath.
    static LarderConfig load(
            Map<String, String> environment,
            Properties systemProperties,
            ClassLoader classLoader,
            Map<String, String> overrides) {
        Builder builder = new Builder();
        builder.addAll(ConfigSources.classpath(classLoader));
        builder.addAll(ConfigSources.environment(environment));
        builder.addAll(ConfigSources.systemProperties(systemProperties));
        builder.addAll(ConfigSources.map(overrides, "overrides"));
        return builder.build();
    }

    /** A builder starting with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A configuration with this one's keys and {@code other}'s, {@code other} winning for every key it sets
     * explicitly; keys {@code other} leaves at their default keep this one's values.
     *
     * @throws ConfigurationException if the merged keys do not go together (Cluster and Sentinel both set)
     */
    public LarderConfig overriddenBy(LarderConfig other) {
        Objects.requireNonNull(other, "other");
        Map<String, String> mergedValues = new TreeMap<>(values);
        Map<String, String> mergedSources = new HashMap<>(sources);
        other.values.forEach((key, value) -> {
            mergedValues.put(key, value);
            mergedSources.remove(key);
        });
        mergedSources.putAll(other.sources);
        return new LarderConfig(mergedValues, mergedSources);
    }

    /** {@code larder.backend}: where caches keep their entries unless a cache says otherwise. */
    public Backend backend() {
        return backend;
    }

    /** {@code larder.namespace}: the prefix of every Redis key and channel. */
    public String namespace() {
        return effective(ConfigKeys.NAMESPACE);
    }

    /** {@code larder.local.maxSize}: the most entries a local cache keeps. */
    public int localMaxSize() {
        return localMaxSize;
    }

    /** {@code larder.redis.uri}: the standalone Redis server, with credentials and database when given. */
    public URI redisUri() {
        return redisUri;
    }

    /** {@code larder.redis.cluster}: the Redis Cluster seeds as {@code host:port}; empty when not a cluster. */
    public List<String> redisCluster() {
        return seeds(ConfigKeys.REDIS_CLUSTER);
    }

    /** {@code larder.redis.sentinel}: the Sentinel seeds as {@code host:port}; empty when Sentinel is not used. */
    public List<String> redisSentinel() {
        return seeds(ConfigKeys.REDIS_SENTINEL);
    }

    /** {@code larder.redis.master}: the Sentinel master name; present exactly when Sentinel seeds are. */
    public Optional<String> redisMaster() {
        return get(ConfigKeys.REDIS_MASTER);
    }

    /** {@code larder.redis.connectTimeout}: how long to wait for a connection to Redis. */
    public Duration redisConnectTimeout() {
        return redisConnectTimeout;
    }

    /** {@code larder.redis.timeout}: the read timeout of every Redis call. */
    public Duration redisTimeout() {
        return redisTimeout;
    }

    /** {@code larder.redis.poolSize}: the most connections to one Redis node. */
    public int redisPoolSize() {
        return redisPoolSize;
    }

    /**
     * {@code larder.redis.staleness} (default 2 s): the longest a {@code tiered} L1 serves a value after another JVM
     * changed it, when invalidation messages cannot arrive (Redis unreachable, a silent partition). The subscription's
     * heartbeat is sent every quarter of it and must come back within half of it; while it does not, L1 entries live
     * no longer than this bound.
     */
    public Duration redisStaleness() {
        return redisStaleness;
    }

    /**
     * {@code larder.redis.leaseTtl} (default 30 s): how long the lease marker a miss puts under a Redis key lives. A
     * load that outlives it stores nothing (another caller may have taken the key's lease meanwhile); a holder that
     * dies leaves the key to other JVMs' loads, which do not store, until then.
     */
    public Duration redisLeaseTtl() {
        return redisLeaseTtl;
    }

    /**
     * {@code larder.redis.leaseWait} (default 5 s): with {@code larder.stampede=distributed}, the longest a JVM polls
     * Redis for the value of another JVM's load of a key (its lease holder) before running the method uncached.
     */
    public Duration redisLeaseWait() {
        return redisLeaseWait;
    }

    /** {@code larder.stampede}: how far single-flight loading reaches. */
    public Stampede stampede() {
        return stampede;
    }

    /**
     * {@code larder.waitTimeout}: how long a caller that misses a key waits on the load of that key another caller
     * runs before it runs the method itself, uncached. An interrupted caller stops waiting at once.
     */
    public Duration waitTimeout() {
        return waitTimeout;
    }

    /** {@code larder.writeBehind.journal} as given: {@code none}, {@code redis} or {@code file:<dir>}. */
    public String writeBehindJournal() {
        return effective(ConfigKeys.WRITE_BEHIND_JOURNAL);
    }

    /**
     * {@code larder.writeBehind.takeOverAfter}: how long a JVM's heartbeat in the Redis journal lasts; its pending
     * writes are taken over by another JVM once it has not been refreshed for that long.
     */
    public Duration writeBehindTakeOverAfter() {
        return Durations.parse(effective(ConfigKeys.WRITE_BEHIND_TAKE_OVER_AFTER));
    }

    /** {@code larder.writeBehind.fsync}: when the file journal forces its writes to the disk. */
    public Fsync writeBehindFsync() {
        return writeBehindFsync;
    }

    /**
     * How long a write-behind write of the cache may keep failing before it is dead-lettered: {@code
     * larder.cache.<cache>.writeBehind.maxAge}, else {@code larder.writeBehind.maxAge} (10 minutes by default).
     */
    public Duration writeBehindMaxAge(String cache) {
        String value = values.get(cacheKey(cache, ConfigKeys.CACHE_WRITE_BEHIND_MAX_AGE));
        return Durations.parse(value != null ? value : effective(ConfigKeys.WRITE_BEHIND_MAX_AGE));
    }

    /**
     * The most writes each write-behind method of the cache holds: {@code larder.cache.<cache>.writeBehind.maxPending},
     * else {@code larder.writeBehind.maxPending} (100,000 by default).
     */
    public int writeBehindMaxPending(String cache) {
        String value = values.get(cacheKey(cache, ConfigKeys.CACHE_WRITE_BEHIND_MAX_PENDING));
        return Integer.parseInt(value != null ? value : effective(ConfigKeys.WRITE_BEHIND_MAX_PENDING));
    }

    /** {@code larder.metrics}: whether Micrometer meters are published. */
    public Metrics metrics() {
        return metrics;
    }

    /**
     * {@code larder.cache.<cache>.ttl}; empty when not set, so the annotation's value applies. {@link Duration#ZERO}
     * means no expiry.
     */
    public Optional<Duration> cacheTtl(String cache) {
        String value = values.get(cacheKey(cache, ConfigKeys.CACHE_TTL));
        return value == null ? Optional.empty() : Optional.of(Durations.parse(value));
    }

    /**
     * The TTL jitter of the cache as a fraction from 0 to 1: {@code larder.cache.<cache>.ttlJitter} when set, else the
     * method's own ({@code methodJitter}, null when its annotations set none), else {@code larder.ttlJitter}.
     */
    public double ttlJitter(String cache, @Nullable Double methodJitter) {
        String value = values.get(cacheKey(cache, ConfigKeys.CACHE_TTL_JITTER));
        if (value != null) {
            return TtlJitter.parse(value);
        }
        return methodJitter != null ? methodJitter : TtlJitter.parse(effective(ConfigKeys.TTL_JITTER));
    }

    /** {@code larder.cache.<cache>.warm}: how many of its hottest keys a clean shutdown records; 0 when not set. */
    public int cacheWarm(String cache) {
        String value = values.get(cacheKey(cache, ConfigKeys.CACHE_WARM));
        return value == null ? 0 : Integer.parseInt(value);
    }

    /**
     * {@code larder.warm.dir}: where warm restarts record keys; {@code <java.io.tmpdir>/larder-warm} when not set.
     */
    public Path warmDir() {
        String value = values.get(ConfigKeys.WARM_DIR);
        return value != null ? Path.of(value) : Path.of(System.getProperty("java.io.tmpdir"), "larder-warm");
    }

    /** {@code larder.warm.rate}: the most recorded keys a warm restart reloads per second. */
    public int warmRate() {
        return Integer.parseInt(effective(ConfigKeys.WARM_RATE));
    }

    /** {@code larder.cache.<cache>.version}, or null when the cache has none. */
    public @Nullable String cacheVersion(String cache) {
        return values.get(cacheKey(cache, ConfigKeys.CACHE_VERSION));
    }

    /** {@code larder.cache.<cache>.maxSize}; empty when not set, so {@link #localMaxSize()} applies. */
    public OptionalInt cacheMaxSize(String cache) {
        String value = values.get(cacheKey(cache, ConfigKeys.CACHE_MAX_SIZE));
        return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value));
    }

    /**
     * Whether the cache estimates its hit ratio at other sizes: {@code larder.cache.<cache>.sizeAdvisor} when set, else
     * {@code larder.local.sizeAdvisor}.
     */
    public boolean sizeAdvisor(String cache) {
        String value = values.get(cacheKey(cache, ConfigKeys.CACHE_SIZE_ADVISOR));
        return Boolean.parseBoolean(value != null ? value : effective(ConfigKeys.LOCAL_SIZE_ADVISOR));
    }

    /**
     * {@code larder.cache.<cache>.copy}: whether every caller of the cache's methods gets a copy of a cached value of
     * its own, made through the codec, instead of the object shared by all callers. Default false.
     */
    public boolean cacheCopy(String cache) {
        return Boolean.parseBoolean(values.get(cacheKey(cache, ConfigKeys.CACHE_COPY)));
    }

    /** {@code larder.cache.<cache>.backend}; empty when not set, so {@link #backend()} applies. */
    public Optional<Backend> cacheBackend(String cache) {
        String value = values.get(cacheKey(cache, ConfigKeys.CACHE_BACKEND));
        return value == null ? Optional.empty() : Optional.of(parse(Backend.values(), value));
    }

    /**
     * The value set for {@code key} (with or without the {@code larder.} prefix), as given but trimmed; empty when the
     * key was not set, even if it has a default. Passwords are not masked.
     */
    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(values.get(ConfigKeys.canonical(key)));
    }

    /** The keys set explicitly, in full {@code larder.} form and sorted, with their values; unmodifiable. */
    public Map<String, String> asMap() {
        return values;
    }

    /** Equal when the same keys are set to the same values; where they came from does not count. */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof LarderConfig config && values.equals(config.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** The keys set explicitly, with passwords in Redis URIs masked. */
    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + ConfigKeys.shown(entry.getValue()))
                .collect(Collectors.joining(", ", "LarderConfig{", "}"));
    }

    private String effective(String key) {
        String value = values.get(key);
        return value != null ? value : Objects.requireNonNull(ConfigKeys.defaultValue(key), key);
    }

    private List<String> seeds(String key) {
        String value = values.get(key);
        return value == null ? List.of() : RedisAddresses.seeds(value);
    }

    private <E extends Enum<E>> E choice(E[] constants, String key) {
        return parse(constants, effective(key));
    }

    // A loop over the constants rather than Enum.valueOf, which finds them reflectively on first use.
    private static <E extends Enum<E>> E parse(E[] constants, String value) {
        String name = value.toUpperCase(Locale.ROOT);
        for (E constant : constants) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(
                "no " + constants.getClass().getComponentType().getSimpleName() + " named " + value);
    }

    private static String cacheKey(String cache, String suffix) {
        return ConfigKeys.cacheKey(Objects.requireNonNull(cache, "cache"), suffix);
    }

    /**
     * Collects keys and values for a {@link LarderConfig}. Each value is checked when it is set, so a mistake is
     * reported at the call that made it. Not thread-safe; a builder can build several configurations.
     */
    public static final class Builder {
        private final Map<String, String> values = new TreeMap<>();
        private final Map<String, String> sources = new HashMap<>();

        private Builder() {}

        /**
         * Sets {@code key} (with or without the {@code larder.} prefix) to {@code value}, trimmed, replacing an earlier
         * value.
         *
         * @throws ConfigurationException if the key is unknown or the value is malformed
         */
        public Builder set(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            put(ConfigKeys.canonical(key), value.trim(), null);
            return this;
        }

        /**
         * Sets every key of {@code values}, as {@link #set} does.
         *
         * @throws ConfigurationException if a key is unknown or a value is malformed
         */
        public Builder setAll(Map<String, String> values) {
            Objects.requireNonNull(values, "values");
            new TreeMap<>(values).forEach(this::set);
            return this;
        }

        /**
         * The configuration of the keys set so far.
         *
         * @throws ConfigurationException if keys do not go together (see the class comment of {@link LarderConfig})
         */
        public LarderConfig build() {
            return values.isEmpty() ? DEFAULTS : new LarderConfig(values, sources);
        }

        void addAll(List<ConfigSources.Entry> entries) {
            for (ConfigSources.Entry entry : entries) {
                put(entry.key(), entry.value(), entry.source());
            }
        }

        private void put(String key, String value, @Nullable String source) {
            ConfigKeys.check(key, value, source);
            values.put(key, value);
            if (source == null) {
                sources.remove(key);
            } else {
                sources.put(key, source);
            }
        }
    }
}
