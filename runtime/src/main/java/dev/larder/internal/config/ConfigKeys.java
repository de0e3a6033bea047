package dev.larder.internal.config;

import dev.larder.ConfigurationException;
import dev.larder.model.Durations;
import dev.larder.model.TtlJitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every configuration key Larder reads, with its default and the rule its value must follow. The one place that
 * knows what is allowed, so every source (file, environment, system property, agent option, code) reports the
 * same mistake with the same message.
 */
public final class ConfigKeys {
    public static final String PREFIX = "larder.";
    public static final String BACKEND = "larder.backend";
    public static final String NAMESPACE = "larder.namespace";
    public static final String LOCAL_MAX_SIZE = "larder.local.maxSize";
    public static final String LOCAL_SIZE_ADVISOR = "larder.local.sizeAdvisor";
    public static final String REDIS_URI = "larder.redis.uri";
    public static final String REDIS_CLUSTER = "larder.redis.cluster";
    public static final String REDIS_SENTINEL = "larder.redis.sentinel";
    public static final String REDIS_MASTER = "larder.redis.master";
    public static final String REDIS_CONNECT_TIMEOUT = "larder.redis.connectTimeout";
    public static final String REDIS_TIMEOUT = "larder.redis.timeout";
    public static final String REDIS_POOL_SIZE = "larder.redis.poolSize";
    public static final String REDIS_STALENESS = "larder.redis.staleness";
    public static final String REDIS_LEASE_TTL = "larder.redis.leaseTtl";
    public static final String REDIS_LEASE_WAIT = "larder.redis.leaseWait";
    public static final String STAMPEDE = "larder.stampede";
    public static final String WAIT_TIMEOUT = "larder.waitTimeout";
    public static final String WRITE_BEHIND_JOURNAL = "larder.writeBehind.journal";
    public static final String WRITE_BEHIND_FSYNC = "larder.writeBehind.fsync";
    public static final String WRITE_BEHIND_TAKE_OVER_AFTER = "larder.writeBehind.takeOverAfter";
    public static final String WRITE_BEHIND_MAX_AGE = "larder.writeBehind.maxAge";
    public static final String WRITE_BEHIND_MAX_PENDING = "larder.writeBehind.maxPending";
    public static final String METRICS = "larder.metrics";
    public static final String TTL_JITTER = "larder.ttlJitter";
    public static final String WARM_DIR = "larder.warm.dir";
    public static final String WARM_RATE = "larder.warm.rate";

    /** Per-cache keys are {@code larder.cache.<name><suffix>}; the name may contain dots. */
    public static final String CACHE_PREFIX = "larder.cache.";

    public static final String CACHE_TTL = ".ttl";
    public static final String CACHE_MAX_SIZE = ".maxSize";
    public static final String CACHE_SIZE_ADVISOR = ".sizeAdvisor";
    public static final String CACHE_BACKEND = ".backend";
    public static final String CACHE_COPY = ".copy";
    public static final String CACHE_TTL_JITTER = ".ttlJitter";
    public static final String CACHE_VERSION = ".version";
    public static final String CACHE_WARM = ".warm";
    public static final String CACHE_WRITE_BEHIND_MAX_AGE = ".writeBehind.maxAge";
    public static final String CACHE_WRITE_BEHIND_MAX_PENDING = ".writeBehind.maxPending";

    private static final String ENV_PREFIX = "LARDER_";
    private static final List<String> CACHE_SUFFIXES = List.of(
            CACHE_TTL,
            CACHE_MAX_SIZE,
            CACHE_SIZE_ADVISOR,
            CACHE_BACKEND,
            CACHE_COPY,
            CACHE_TTL_JITTER,
            CACHE_VERSION,
            CACHE_WARM,
            CACHE_WRITE_BEHIND_MAX_AGE,
            CACHE_WRITE_BEHIND_MAX_PENDING);

    // Rules are data checked by one switch, not predicates: see "Start-up" in package dev.larder.
    private static final Rule POSITIVE_INT =
            new Rule("expected a whole number from 1 to " + Integer.MAX_VALUE, Check.POSITIVE_INT);
    private static final Rule BACKENDS = choice("local", "redis", "tiered");
    private static final Rule BOOLEAN = choice("true", "false");
    private static final Rule TTL = new Rule("expected " + Durations.ALLOWED, Check.DURATION);
    private static final Rule JITTER = new Rule("expected " + TtlJitter.ALLOWED, Check.JITTER);
    // Part of every Redis key of the cache (<namespace>:<cache>@<version>:…), so no separator and no whitespace.
    private static final Rule VERSION = new Rule(
            "expected a non-empty version of letters, digits, '.', '-' or '_' (such as 2 or 2024-06-01)",
            Check.VERSION);
    private static final Rule POSITIVE_DURATION = new Rule(
            "expected a duration greater than 0: a whole number followed by ms, s, m, h or d"
                    + " (500ms, 30s, 10m, 2h, 1d) or an ISO-8601 duration such as PT2S",
            Check.POSITIVE_DURATION);
    // The heartbeat runs every quarter of the bound: below 100 ms it would cost more than the staleness it saves.
    private static final Rule STALENESS = new Rule(
            "expected a duration of at least 100ms: a whole number followed by ms, s, m, h or d (500ms, 2s, 1m)",
            Check.STALENESS);
    private static final Rule SEEDS = new Rule(RedisAddresses.SEEDS_ALLOWED, Check.SEEDS);

    private static final Map<String, Setting> GLOBAL = globals(
            new Setting(BACKEND, "local", BACKENDS),
            new Setting(NAMESPACE, "larder", new Rule("expected a non-empty name without whitespace", Check.NAME)),
            new Setting(LOCAL_MAX_SIZE, "10000", POSITIVE_INT),
            new Setting(LOCAL_SIZE_ADVISOR, "false", BOOLEAN),
            new Setting(REDIS_URI, "redis://127.0.0.1:6379", new Rule(RedisAddresses.URI_ALLOWED, Check.REDIS_URI)),
            new Setting(REDIS_CLUSTER, null, SEEDS),
            new Setting(REDIS_SENTINEL, null, SEEDS),
            new Setting(REDIS_MASTER, null, new Rule("expected a non-empty Sentinel master name", Check.NAME)),
            new Setting(REDIS_CONNECT_TIMEOUT, "2s", POSITIVE_DURATION),
            new Setting(REDIS_TIMEOUT, "500ms", POSITIVE_DURATION),
            new Setting(REDIS_POOL_SIZE, "16", POSITIVE_INT),
            new Setting(REDIS_STALENESS, "2s", STALENESS),
            new Setting(REDIS_LEASE_TTL, "30s", POSITIVE_DURATION),
            new Setting(REDIS_LEASE_WAIT, "5s", POSITIVE_DURATION),
            new Setting(STAMPEDE, "local", choice("local", "distributed")),
            new Setting(WAIT_TIMEOUT, "10s", POSITIVE_DURATION),
            new Setting(
                    WRITE_BEHIND_JOURNAL,
                    "none",
                    new Rule("expected none, redis or file:<dir> with a non-empty directory", Check.JOURNAL)),
            new Setting(WRITE_BEHIND_FSYNC, "batch", choice("always", "batch", "never")),
            new Setting(WRITE_BEHIND_TAKE_OVER_AFTER, "5s", POSITIVE_DURATION),
            new Setting(WRITE_BEHIND_MAX_AGE, "10m", POSITIVE_DURATION),
            new Setting(WRITE_BEHIND_MAX_PENDING, "100000", POSITIVE_INT),
            new Setting(METRICS, "auto", choice("auto", "none")),
            new Setting(TTL_JITTER, "0", JITTER),
            new Setting(WARM_DIR, null, new Rule("expected a non-empty directory path", Check.NAME)),
            new Setting(WARM_RATE, "100", POSITIVE_INT));

    private static final Map<String, String> BY_ENVIRONMENT_NAME = environmentNames();

    private ConfigKeys() {}

    /** The global keys (all but the per-cache ones), in documentation order. */
    public static List<String> globalKeys() {
        return List.copyOf(GLOBAL.keySet());
    }

    /** The default of a global key, or {@code null} when it has none (the key is unset by default). */
    public static @Nullable String defaultValue(String key) {
        Setting setting = GLOBAL.get(key);
        return setting == null ? null : setting.defaultValue();
    }

    /** {@code key} trimmed, with {@code larder.} put in front when it is missing ({@code redis.uri}). */
    public static String canonical(String key) {
        String trimmed = key.trim();
        return trimmed.startsWith(PREFIX) ? trimmed : PREFIX + trimmed;
    }

    /** The per-cache key {@code larder.cache.<cache><suffix>}. */
    public static String cacheKey(String cache, String suffix) {
        return CACHE_PREFIX + cache + suffix;
    }

    /**
     * The global key an environment variable stands for: {@code LARDER_X_Y} is the key whose name after {@code
     * larder.}, lower-cased with dots as underscores, is {@code x_y}, ignoring case. Empty for any other variable.
     */
    public static Optional<String> forEnvironmentVariable(String name) {
        if (!name.regionMatches(true, 0, ENV_PREFIX, 0, ENV_PREFIX.length())) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                BY_ENVIRONMENT_NAME.get(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT)));
    }

    /**
     * Checks one key and its (trimmed) value.
     *
     * @param source where the value came from, for the message, or {@code null}
     * @throws ConfigurationException if the key is unknown or the value does not follow the key's rule
     */
    public static void check(String key, String value, @Nullable String source) {
        Rule rule = rule(key);
        if (rule == null) {
            throw new ConfigurationException(key, shown(value), unknownKey(key), source);
        }
        if (!rule.accepts(value)) {
            throw new ConfigurationException(key, shown(value), rule.allowed(), source);
        }
        if (key.equals(WRITE_BEHIND_JOURNAL) && isFileJournal(value)) {
            String problem = JournalDirectory.problem(journalDirectory(value));
            if (problem != null) {
                throw new ConfigurationException(key, value, problem, source);
            }
        }
    }

    /** Whether a (checked) {@code larder.writeBehind.journal} value is {@code file:<dir>}. */
    public static boolean isFileJournal(String value) {
        return value.regionMatches(true, 0, "file:", 0, 5);
    }

    /** The directory of a checked {@code file:<dir>} journal value. */
    public static String journalDirectory(String value) {
        return value.substring(5).trim();
    }

    /**
     * Checks the keys that must or must not be set together: Sentinel seeds and a master name go as a pair, and
     * Cluster and Sentinel exclude each other.
     *
     * @param values checked keys and values
     * @param sources where each key came from, when known
     */
    public static void checkTogether(Map<String, String> values, Map<String, String> sources) {
        requirePair(values, sources, REDIS_SENTINEL, REDIS_MASTER, "Sentinel needs the master name");
        requirePair(values, sources, REDIS_MASTER, REDIS_SENTINEL, "a master name needs Sentinel seeds");
        if (values.containsKey(REDIS_CLUSTER) && values.containsKey(REDIS_SENTINEL)) {
            throw new ConfigurationException(
                    REDIS_CLUSTER,
                    values.get(REDIS_CLUSTER),
                    "cannot be combined with " + REDIS_SENTINEL + ": use Redis Cluster or Sentinel, not both",
                    sources.get(REDIS_CLUSTER));
        }
    }

    /** {@code value} as it may be shown in messages and {@code toString}: passwords in URIs are masked. */
    public static String shown(String value) {
        return RedisAddresses.maskPassword(value);
    }

    /**
     * Whether {@code key} is one of the per-cache keys {@code larder.cache.<name>.ttl|.maxSize|.sizeAdvisor|.backend|.copy|
     * .writeBehind.maxAge|.writeBehind.maxPending}.
     */
    static boolean isCacheKey(String key) {
        if (!key.startsWith(CACHE_PREFIX)) {
            return false;
        }
        for (String suffix : CACHE_SUFFIXES) {
            if (key.endsWith(suffix) && key.length() > CACHE_PREFIX.length() + suffix.length()) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable Rule rule(String key) {
        Setting setting = GLOBAL.get(key);
        if (setting != null) {
            return setting.rule();
        }
        if (!isCacheKey(key)) {
            return null;
        }
        if (key.endsWith(CACHE_TTL)) {
            return TTL;
        }
        if (key.endsWith(CACHE_WRITE_BEHIND_MAX_AGE)) {
            return POSITIVE_DURATION;
        }
        if (key.endsWith(CACHE_TTL_JITTER)) {
            return JITTER;
        }
        if (key.endsWith(CACHE_VERSION)) {
            return VERSION;
        }
        if (key.endsWith(CACHE_WARM)) {
            return POSITIVE_INT;
        }
        if (key.endsWith(CACHE_SIZE_ADVISOR) || key.endsWith(CACHE_COPY)) {
            return BOOLEAN;
        }
        return key.endsWith(CACHE_MAX_SIZE) || key.endsWith(CACHE_WRITE_BEHIND_MAX_PENDING) ? POSITIVE_INT : BACKENDS;
    }

    private static void requirePair(
            Map<String, String> values, Map<String, String> sources, String present, String missing, String why) {
        if (values.containsKey(present) && !values.containsKey(missing)) {
            throw new ConfigurationException(
                    present, values.get(present), missing + " must be set too: " + why, sources.get(present));
        }
    }

    /** Whether {@code key} (in full {@code larder.} form) is a key Larder reads. */
    public static boolean isKnown(String key) {
        return rule(key) != null;
    }

    /** Why a {@code LARDER_} environment variable is not used, with the nearest variable that is. */
    static String unknownEnvironmentVariable(String name) {
        List<String> variables = new ArrayList<>();
        for (String key : GLOBAL.keySet()) {
            variables.add(ENV_PREFIX
                    + key.substring(PREFIX.length()).toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        String suggestion = KeySuggestions.closest(name, variables);
        return "no Larder key" + (suggestion == null ? "" : " (did you mean " + suggestion + "?)")
                + "; the environment sets the global keys only, as LARDER_ and the key after larder. in capitals with _"
                + " for .";
    }

    /** Why {@code key} is not accepted: unknown, with the nearest known key and the list of keys. */
    static String unknownKey(String key) {
        List<String> known = new ArrayList<>(GLOBAL.keySet());
        CACHE_SUFFIXES.forEach(suffix -> known.add(CACHE_PREFIX + "<name>" + suffix));
        String suggestion = KeySuggestions.closest(key, candidates(key));
        return "unknown key" + (suggestion == null ? "" : " (did you mean " + suggestion + "?)") + "; the keys are "
                + String.join(", ", known);
    }

    private static List<String> candidates(String key) {
        List<String> candidates = new ArrayList<>(GLOBAL.keySet());
        int lastDot = key.lastIndexOf('.');
        if (key.startsWith(CACHE_PREFIX) && lastDot > CACHE_PREFIX.length()) {
            CACHE_SUFFIXES.forEach(suffix -> candidates.add(key.substring(0, lastDot) + suffix));
        }
        return candidates;
    }

    private static boolean isPositiveInt(String value) {
        if (!isDigits(value)) {
            return false;
        }
        try {
            return Integer.parseInt(value) >= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDuration(String value) {
        try {
            Durations.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isJitter(String value) {
        try {
            TtlJitter.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isVersion(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '-'
                    || c == '_';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code value} is one or more ASCII digits. */
    private static boolean isDigits(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code value} is non-empty and free of the whitespace {@code \s} matches (ASCII only). */
    private static boolean isName(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            switch (value.charAt(i)) {
                case ' ', '\t', '\n', '\u000B', '\f', '\r' -> {
                    return false;
                }
                default -> {}
            }
        }
        return true;
    }

    private static boolean isJournal(String value) {
        return value.equalsIgnoreCase("none")
                || value.equalsIgnoreCase("redis")
                || (isFileJournal(value) && !journalDirectory(value).isEmpty());
    }

    private static Rule choice(String... options) {
        StringBuilder allowed = new StringBuilder("expected ");
        for (int i = 0; i < options.length; i++) {
            if (i > 0) {
                allowed.append(i == options.length - 1 ? " or " : ", ");
            }
            allowed.append(options[i]);
        }
        return new Rule(allowed.toString(), Check.CHOICE, options);
    }

    private static boolean isOneOf(String value, String[] options) {
        for (String option : options) {
            if (value.equalsIgnoreCase(option)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Setting> globals(Setting... settings) {
        Map<String, Setting> globals = new LinkedHashMap<>();
        for (Setting setting : settings) {
            globals.put(setting.key(), setting);
        }
        return globals;
    }

    private static Map<String, String> environmentNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String key : GLOBAL.keySet()) {
            names.put(key.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('.', '_'), key);
        }
        return names;
    }

    /** How a rule checks a value. */
    private enum Check {
        POSITIVE_INT,
        DURATION,
        JITTER,
        VERSION,
        POSITIVE_DURATION,
        STALENESS,
        SEEDS,
        REDIS_URI,
        NAME,
        JOURNAL,
        CHOICE
    }

    /** What a key's value must be: {@code allowed} in words, checked by {@code check} (against {@code options}). */
    private static final class Rule {
        private final String allowed;
        private final Check check;
        private final String[] options;

        Rule(String allowed, Check check, String... options) {
            this.allowed = allowed;
            this.check = check;
            this.options = options;
        }

        String allowed() {
            return allowed;
        }

        boolean accepts(String value) {
            return switch (check) {
                case POSITIVE_INT -> isPositiveInt(value);
                case DURATION -> isDuration(value);
                case JITTER -> isJitter(value);
                case VERSION -> isVersion(value);
                case POSITIVE_DURATION ->
                    isDuration(value) && !Durations.parse(value).isZero();
                case STALENESS -> isDuration(value) && Durations.parse(value).toMillis() >= 100;
                case SEEDS -> RedisAddresses.isSeedList(value);
                case REDIS_URI -> RedisAddresses.isUri(value);
                case NAME -> isName(value);
                case JOURNAL -> isJournal(value);
                case CHOICE -> isOneOf(value, options);
            };
        }
    }

    private record Setting(String key, @Nullable String defaultValue, Rule rule) {}
}
