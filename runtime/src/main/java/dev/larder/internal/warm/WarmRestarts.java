package dev.larder.internal.warm;

import dev.larder.LarderConfig;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.key.KeyParts;
import dev.larder.internal.log.Logs;
import dev.larder.internal.metrics.CacheCounters;
import dev.larder.model.KeyArguments;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/*
 * Warm restarts (larder.cache.<name>.warm=N). At a clean shutdown (Larder.shutdown() or the JVM's shutdown hook) each
 * warmed cache writes the keys of its N hottest live entries, ranked by how often each was looked up recently (hits
 * and misses, single and bulk, counted in a frequency sketch of the cache's own whatever its fill; see
 * LocalCache.hottest and UseSketch), to a file of its own under larder.warm.dir: a header line naming the method, then one line per key holding the method's
 * arguments (WarmText). The next JVM reads and deletes the file when the method first binds, and a daemon thread calls
 * the method with each recorded key's arguments, at most larder.warm.rate calls a second, on the first object whose
 * call of the method missed: the ordinary cached path loads and stores each value (a key already cached is a hit).
 *
 * Only a method whose key determines its arguments can be called again from a key (KeyArguments, in the model), and
 * only one method per cache, since a key does not say which method of a shared cache stored it; another method that
 * could be warmed is refused with a warning. A method that cannot be warmed (a @CachedAll bulk method, say) is no news
 * when another method warms its cache: only if none has by the shutdown is it warned about, as nothing is recorded.
 * The file is local for every backend: on tiered the hottest keys are the L1's; on redis there are no live local
 * entries to rank, so a redis cache is refused with a warning. A file whose method no longer exists (renamed,
 * removed, or its key no longer determines its arguments) is skipped with a warning; so is a key whose arguments no
 * longer fit the parameters.
 */
/** The warm restarts of one runtime state: the warmed methods, their recording at shutdown, their reloading. */
public final class WarmRestarts {
    private static final Logger LOGGER = Logs.get("dev.larder.warm");
    private static final String HEADER = "larder-warm 1\t";

    private final LarderConfig config;
    private final Map<String, Bound> bound = new ConcurrentHashMap<>();
    private final List<Thread> warmers = new ArrayList<>();
    /**
     * Per cache with no warmed method yet, why its first refused method cannot warm it: warned about at shutdown only
     * if no method of the cache warmed it meanwhile (a bulk method sharing the cache of a warmed one is no news).
     */
    private final Map<String, String> refusals = new ConcurrentHashMap<>();

    public WarmRestarts(LarderConfig config) {
        this.config = config;
    }

    private record Bound(WarmMethod method, LocalCache local, int keys) {}

    /**
     * A {@code @Cached} method of a cache with {@code larder.cache.<name>.warm} bound to this state: returns its warm
     * method, whose {@link WarmMethod#seen} the handle calls on a miss, and starts reloading what a previous JVM
     * recorded for the cache; null (with a warning) when the method cannot be warmed.
     *
     * @param method the reflected method, null when it could not be found from the site
     * @param keyArguments as {@link KeyArguments#of}: null when the key does not determine the arguments
     */
    public @Nullable WarmMethod bind(
            String cache,
            String site,
            @Nullable Method method,
            @Nullable String keyArguments,
            LocalCache local,
            boolean keepsLocalCopies) {
        String refused = method == null
                ? "the method could not be found from its site"
                : keyArguments == null
                        ? "its key does not determine its arguments: every parameter must be one whole key part"
                        : !keepsLocalCopies ? "the redis backend keeps no local entries to rank by use" : null;
        if (refused != null) {
            String warning = "Cache '" + cache + "' is not warmed across restarts by " + site + ": " + refused;
            if (!keepsLocalCopies) {
                LOGGER.log(Level.WARNING, warning); // no method of the cache can be warmed
            } else if (!bound.containsKey(cache)) {
                refusals.putIfAbsent(cache, warning); // unless another method of the cache warms it
            }
            return null;
        }
        WarmMethod warm = new WarmMethod(cache, site, method, KeyArguments.indexes(keyArguments));
        Bound mine = new Bound(warm, local, config.cacheWarm(cache));
        Bound first = bound.putIfAbsent(cache, mine);
        if (first != null) {
            if (!first.method.site.equals(site)) {
                LOGGER.log(
                        Level.WARNING,
                        "Cache '" + cache + "' is warmed through " + first.method.site + " only, not " + site
                                + ": a recorded key does not say which method of a shared cache stored it");
            }
            return first.method.site.equals(site) ? first.method : null;
        }
        refusals.remove(cache);
        startWarming(mine);
        return warm;
    }

    /** Records the hottest keys of every warmed cache; called at a clean shutdown. Never throws. */
    public void record() {
        refusals.forEach((cache, warning) -> {
            if (!bound.containsKey(cache)) {
                LOGGER.log(Level.WARNING, warning + "; no method of the cache warms it");
            }
        });
        for (Bound b : bound.values()) {
            try {
                write(b);
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "Cache '" + b.method.cache + "' could not record its hottest keys", e);
            }
        }
    }

    /** Stops reloading. */
    public void close() {
        synchronized (warmers) {
            for (Thread warmer : warmers) {
                warmer.interrupt();
            }
        }
    }

    private Path file(String cache) {
        return config.warmDir().resolve(URLEncoder.encode(cache, StandardCharsets.UTF_8) + ".keys");
    }

    private void write(Bound b) throws IOException {
        WarmMethod m = b.method;
        StringBuilder out =
                new StringBuilder(HEADER).append(WarmText.escape(m.site)).append('\n');
        int skipped = 0;
        for (Object key : b.local.hottest(b.keys)) {
            String line = line(m, KeyParts.of(key));
            if (line == null) {
                skipped++;
            } else {
                out.append(line).append('\n');
            }
        }
        if (skipped > 0) {
            LOGGER.log(
                    Level.WARNING,
                    "Cache '" + m.cache + "': " + skipped + " hot keys not recorded: a part is not a string, number,"
                            + " boolean, character, enum constant or UUID");
        }
        Path target = file(m.cache);
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".warm", ".tmp");
        Files.writeString(temporary, out, StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The recorded line of a key: its parts as the method's arguments in parameter order, tab-separated. */
    private static @Nullable String line(WarmMethod m, @Nullable Object[] parts) {
        if (parts.length != m.arguments.length) {
            return null;
        }
        String[] byParameter = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String text = WarmText.write(parts[i]);
            if (text == null) {
                return null;
            }
            byParameter[m.arguments[i]] = text;
        }
        return String.join("\t", byParameter);
    }

    private void startWarming(Bound b) {
        Path path = file(b.method.cache);
        List<String> lines;
        try {
            if (!Files.exists(path)) {
                return;
            }
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            Files.delete(path); // this JVM owns them now; its own shutdown records afresh
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cache '" + b.method.cache + "' could not read its recorded keys", e);
            return;
        }
        if (lines.isEmpty() || !lines.get(0).startsWith(HEADER)) {
            LOGGER.log(Level.WARNING, "Cache '" + b.method.cache + "': " + path + " is not a file of recorded keys");
            return;
        }
        String recordedSite = WarmText.unescape(lines.get(0).substring(HEADER.length()));
        List<String> keys = lines.subList(1, lines.size());
        CacheCounters counters = b.local.counters();
        counters.warming(keys.size());
        if (!recordedSite.equals(b.method.site)) {
            LOGGER.log(
                    Level.WARNING,
                    "Cache '" + b.method.cache + "': " + keys.size() + " recorded keys of " + recordedSite
                            + " skipped: that method no longer exists; the cache's method is now " + b.method.site);
            keys.forEach(k -> counters.warmedOne());
            return;
        }
        Thread warmer = new Thread(() -> warm(b.method, List.copyOf(keys), counters), "larder-warm-" + b.method.cache);
        warmer.setDaemon(true);
        synchronized (warmers) {
            warmers.add(warmer);
        }
        warmer.start();
    }

    /** Calls the method once per recorded key, at most {@code larder.warm.rate} calls a second. */
    private void warm(WarmMethod m, List<String> keys, CacheCounters counters) {
        long interval = TimeUnit.SECONDS.toNanos(1) / config.warmRate();
        int mismatched = 0;
        int failed = 0;
        try {
            Object target = m.awaitTarget();
            boolean needsTarget = !Modifier.isStatic(m.method.getModifiers());
            m.method.trySetAccessible();
            long next = System.nanoTime();
            for (String key : keys) {
                if ((needsTarget && target == null) || Thread.currentThread().isInterrupted()) {
                    return;
                }
                // Pacing, not synchronisation: the rate bounds the load warming puts on the system of record.
                for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
                // From this call's start, not the schedule's: a slow call is not made up for by a burst after it
                next = Math.max(next, System.nanoTime()) + interval;
                Object[] args = arguments(m.method, key);
                if (args == null) {
                    mismatched++;
                } else if (!call(m.method, target, args)) {
                    failed++;
                }
                counters.warmedOne();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (mismatched + failed > 0) {
                LOGGER.log(
                        Level.WARNING,
                        "Cache '" + m.cache + "': " + mismatched + " recorded keys skipped (their arguments no longer"
                                + " fit " + m.site + "), " + failed + " failed to load");
            }
        }
    }

    private static @Nullable Object[] arguments(Method method, String line) {
        Class<?>[] types = method.getParameterTypes();
        String[] texts = line.isEmpty() ? new String[0] : line.split("\t", -1);
        if (texts.length != types.length) {
            return null;
        }
        Object[] args = new Object[types.length];
        try {
            for (int i = 0; i < types.length; i++) {
                args[i] = WarmText.read(texts[i], types[i]);
            }
        } catch (WarmText.Mismatch e) {
            return null;
        }
        return args;
    }

    private static boolean call(Method method, @Nullable Object target, Object[] args) {
        try {
            method.invoke(target, args);
            return true;
        } catch (InvocationTargetException | IllegalAccessException | IllegalArgumentException e) {
            return false;
        }
    }
}
