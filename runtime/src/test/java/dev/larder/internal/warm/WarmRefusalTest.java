package dev.larder.internal.warm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.LarderConfig;
import dev.larder.internal.cache.LocalCache;
import dev.larder.internal.metrics.CacheCounters;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A method that cannot be warmed (a {@code @CachedAll} bulk method) sharing a cache that another method warms is no
 * news; only a cache that no method warms is warned about, once, at the shutdown that records nothing for it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WarmRefusalTest {
    private static final String SINGLE = "Books#find(int)";
    private static final String BULK = "Books#findAll(java.util.Set)";

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("dev.larder.warm");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record.getMessage());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @TempDir
    Path dir;

    private WarmRestarts warm;
    private LocalCache cache;

    /** The warmed methods' class: a single-key method and a bulk method of the same cache. */
    static final class Books {
        static String find(int id) {
            return "book " + id;
        }

        static Map<Integer, String> findAll(Set<Integer> ids) {
            return Map.of();
        }
    }

    @BeforeEach
    void start() {
        logger.addHandler(capture);
        warm = new WarmRestarts(LarderConfig.builder()
                .set("larder.cache.books.warm", "10")
                .set("larder.warm.dir", dir.toString())
                .build());
        cache = new LocalCache("books", 100, new CacheCounters("books"));
    }

    @AfterEach
    void stop() {
        warm.close();
        logger.removeHandler(capture);
    }

    @Test
    void bulkMethodBoundBeforeTheWarmedMethodOfItsCacheIsNotWarnedAbout() throws Exception {
        assertThat(bindBulk()).isNull();
        assertThat(bindSingle()).isNotNull();
        warm.record();

        assertThat(warnings).isEmpty();
        assertThat(dir.resolve("books.keys")).exists();
    }

    @Test
    void bulkMethodBoundAfterTheWarmedMethodOfItsCacheIsNotWarnedAbout() throws Exception {
        assertThat(bindSingle()).isNotNull();
        assertThat(bindBulk()).isNull();
        warm.record();

        assertThat(warnings).isEmpty();
    }

    @Test
    void cacheThatNoMethodWarmsIsWarnedAboutAtShutdownNamingTheMethodAndWhy() throws Exception {
        assertThat(bindBulk()).isNull();
        assertThat(warnings)
                .as("at start: a method warming the cache may still bind")
                .isEmpty();
        warm.record();

        assertThat(warnings)
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("Cache 'books' is not warmed across restarts by " + BULK)
                .contains("its key does not determine its arguments")
                .contains("no method of the cache warms it");
        assertThat(dir.resolve("books.keys")).doesNotExist();
    }

    @Test
    void secondMethodThatCouldWarmTheCacheIsStillWarnedAboutAtOnce() throws Exception {
        assertThat(bindSingle()).isNotNull();
        Method other = Books.class.getDeclaredMethod("find", int.class);
        assertThat(warm.bind("books", "Books#other(int)", other, "0", cache, true))
                .isNull();

        assertThat(warnings)
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("is warmed through " + SINGLE + " only, not Books#other(int)");
    }

    private WarmMethod bindSingle() throws NoSuchMethodException {
        Method find = Books.class.getDeclaredMethod("find", int.class);
        return warm.bind("books", SINGLE, find, "0", cache, true);
    }

    private WarmMethod bindBulk() throws NoSuchMethodException {
        Method findAll = Books.class.getDeclaredMethod("findAll", Set.class);
        return warm.bind("books", BULK, findAll, null, cache, true);
    }
}
