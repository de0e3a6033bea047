package dev.larder.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.benchmarks.contenders.Directory_Cached;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Bytes per cache entry, 1,000,000 entries, Larder compile-time against hand-written Caffeine on the same keys and
 * values, measured as the growth of the heap used after full collections. Each contender and key shape fills a cache
 * in a JVM of its own (serial collector, fixed heap), so nothing else on the heap moves between the two readings. The
 * value is one string shared by every entry, so the figure is the cache's own cost: its map node, its policy's node,
 * the key object it builds and, for Larder, its entry record.
 */
public final class MemoryPerEntry {
    static final int ENTRIES = 1_000_000;
    private static final String VALUE = "v";
    private static final String[] TENANTS = new String[16];

    static {
        for (int i = 0; i < TENANTS.length; i++) {
            TENANTS[i] = "tenant-" + i;
        }
    }

    /** What fills the cache. */
    enum Contender {
        CAFFEINE("Caffeine, hand-written"),
        CAFFEINE_EXPIRING("Caffeine + expireAfterWrite, hand-written"),
        LARDER("Larder compile-time");

        final String label;

        Contender(String label) {
            this.label = label;
        }
    }

    /** The key shape. */
    enum Shape {
        ONE_INT("one `int`"),
        INT_STRING("`(int, String)`");

        final String label;

        Shape(String label) {
            this.label = label;
        }
    }

    /** One measurement. */
    record Figure(Contender contender, Shape shape, double bytesPerEntry) {}

    private record IdAndTenant(int id, String tenant) {}

    private MemoryPerEntry() {}

    /** With a contender and a shape: measures that one and prints {@code bytes=<n>}; without: all, as markdown. */
    public static void main(String[] args) throws Exception {
        if (args.length == 2) {
            double bytes = measure(Contender.valueOf(args[0]), Shape.valueOf(args[1]));
            System.out.println("bytes=" + bytes);
            return;
        }
        System.out.println(markdown(run()));
    }

    /** Measures every contender and shape, each in a new JVM. */
    static List<Figure> run() throws IOException, InterruptedException {
        List<Figure> figures = new ArrayList<>();
        for (Shape shape : Shape.values()) {
            for (Contender contender : Contender.values()) {
                figures.add(new Figure(contender, shape, fork(contender, shape)));
            }
        }
        return figures;
    }

    private static double fork(Contender contender, Shape shape) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xms1g",
                        "-Xmx1g",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        MemoryPerEntry.class.getName(),
                        contender.name(),
                        shape.name())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(contender + " " + shape + " failed:\n" + output);
        }
        for (String line : output.split("\n")) {
            if (line.startsWith("bytes=")) {
                return Double.parseDouble(line.substring(6));
            }
        }
        throw new IllegalStateException(contender + " " + shape + " printed no figure:\n" + output);
    }

    private static double measure(Contender contender, Shape shape) {
        Filler filler = filler(contender, shape);
        filler.fill(0); // creates the cache and everything it holds whatever its size
        long before = usedAfterGc();
        for (int i = 1; i <= ENTRIES; i++) {
            filler.fill(i);
        }
        filler.settle();
        long after = usedAfterGc();
        Reference.reachabilityFence(filler);
        return (double) (after - before) / ENTRIES;
    }

    /** Adds the entry of one key. */
    private interface Filler {
        void fill(int id);

        /** Lets the cache finish the bookkeeping its writes left pending. */
        default void settle() {}
    }

    private static Filler filler(Contender contender, Shape shape) {
        if (contender == Contender.LARDER) {
            Larder.configure(LarderConfig.builder()
                    .set("larder.local.maxSize", Integer.toString(ENTRIES + 1))
                    .build());
            Directory_Cached directory = new Directory_Cached((id, tenant) -> VALUE);
            return shape == Shape.ONE_INT
                    ? directory::byId
                    : id -> directory.byIdAndTenant(id, TENANTS[id & (TENANTS.length - 1)]);
        }
        Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(ENTRIES + 1);
        if (contender == Contender.CAFFEINE_EXPIRING) {
            builder.expireAfterWrite(Duration.ofMinutes(10));
        }
        if (shape == Shape.ONE_INT) {
            Cache<Integer, String> cache = builder.build();
            return new Filler() {
                @Override
                public void fill(int id) {
                    cache.get(id, key -> VALUE);
                }

                @Override
                public void settle() {
                    cache.cleanUp();
                }
            };
        }
        Cache<IdAndTenant, String> cache = builder.build();
        return new Filler() {
            @Override
            public void fill(int id) {
                cache.get(new IdAndTenant(id, TENANTS[id & (TENANTS.length - 1)]), key -> VALUE);
            }

            @Override
            public void settle() {
                cache.cleanUp();
            }
        };
    }

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        // a few collections, keeping the lowest reading: finalisation and reference processing settle in between
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(
                    used,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** The memory section of the benchmark report. */
    static String markdown(List<Figure> figures) {
        StringBuilder md = new StringBuilder("## Memory per entry\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "%,d entries per cache, one string shared by every entry as the value; bytes per entry are the"
                                + " growth of the heap used after full collections (serial collector, 1 GB heap,"
                                + " compressed references), each row in a JVM of its own. Target: Larder at most"
                                + " 1.25 × hand-written Caffeine.\n\n",
                        ENTRIES))
                .append("| key shape | library | bytes per entry | × Caffeine |\n|---|---|---:|---:|\n");
        for (Figure figure : figures) {
            double baseline = figures.stream()
                    .filter(f -> f.shape() == figure.shape() && f.contender() == Contender.CAFFEINE)
                    .findFirst()
                    .orElseThrow()
                    .bytesPerEntry();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.1f | %.2f |\n",
                    figure.shape().label,
                    figure.contender().label,
                    figure.bytesPerEntry(),
                    figure.bytesPerEntry() / baseline));
        }
        return md.append("\n").append(WHAT_LARDER_CARRIES).append("\n").toString();
    }

    /** Why Larder's entry is bigger; stated with the table, as the difference is the same object in every shape. */
    static final String WHAT_LARDER_CARRIES =
            "Larder's entry is Caffeine's (the same map node and policy node, and the same key objects: an `Integer`,"
                    + " or a two-part key of the same size as the hand-written record) plus one `Entry` object of 24"
                    + " bytes (12 of header, the value reference and the expiry deadline), which is the whole"
                    + " difference. The deadline is per entry because methods sharing a cache may have different TTLs,"
                    + " and is checked against a coarse clock so that a hit makes no clock call (the expiring Caffeine"
                    + " row pays 16 bytes for its own timer fields, and a ticker call per hit). Nothing else is kept on"
                    + " every entry: `invalidateAll` takes effect at once by replacing the cache's Caffeine map, so"
                    + " entries carry no epoch, and with the size advisor on only the entries of sampled keys (1 in 256"
                    + " at this size) are 32 bytes, keeping the key's sample so that a hit need not hash its key. A"
                    + " cache that a refresh-ahead method reads stores 48-byte entries instead, which add the write"
                    + " time (the entry's age) and the load time (XFetch's weight).\n";
}
