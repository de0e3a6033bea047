package dev.larder.benchmarks;

import dev.larder.benchmarks.contenders.Directory_Cached;
import dev.larder.benchmarks.contenders.HandWrittenCaffeine;
import dev.larder.benchmarks.contenders.LarderEntryPoint;
import dev.larder.benchmarks.contenders.WovenDirectory;
import dev.larder.benchmarks.jetcache.JetCacheSetup;
import dev.larder.benchmarks.spring.SpringSetup;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;

/**
 * Every contender of the benchmarks and the stampede count. Adding one (Larder build-time or load-time, when the
 * weavers land) is a class implementing {@link Lookup} and a constant here; {@link Report}, the stampede count, the
 * tables and the chart pick it up (add the name to the benchmarks' {@code @Param} lists too, for running them alone).
 */
public enum Library {
    CAFFEINE(
            "Caffeine, hand-written",
            Kind.BASELINE,
            true,
            source -> Subject.of(new HandWrittenCaffeine(source, false))),
    CAFFEINE_EXPIRING(
            "Caffeine + expireAfterWrite, hand-written",
            Kind.BASELINE,
            true,
            source -> Subject.of(new HandWrittenCaffeine(source, true))),
    LARDER_COMPILE_TIME("Larder compile-time", Kind.LARDER, true, source -> Subject.of(new Directory_Cached(source))),
    LARDER_BUILD_TIME("Larder build-time", Kind.LARDER, true, source -> Subject.of(new WovenDirectory(source))),
    LARDER_ENTRY_POINT("Larder entry point", Kind.LARDER, true, source -> Subject.of(new LarderEntryPoint(source))),
    SPRING("Spring @Cacheable", Kind.PEER, true, source -> SpringSetup.open(source, false)),
    SPRING_SYNC("Spring @Cacheable(sync = true)", Kind.PEER, false, source -> SpringSetup.open(source, true)),
    JETCACHE("JetCache @Cached", Kind.PEER, true, source -> JetCacheSetup.open(source, false)),
    JETCACHE_PROTECTED(
            "JetCache @Cached + @CachePenetrationProtect",
            Kind.PEER,
            false,
            source -> JetCacheSetup.open(source, true));

    /** The Larder row that targets and speed-ups are stated for: what a user of compile-time mode runs. */
    public static final Library LARDER = LARDER_COMPILE_TIME;

    public enum Kind {
        BASELINE,
        LARDER,
        PEER
    }

    private final String label;
    private final Kind kind;
    private final boolean timed;
    private final Function<Source, Subject> opener;

    Library(String label, Kind kind, boolean timed, Function<Source, Subject> opener) {
        this.label = label;
        this.kind = kind;
        this.timed = timed;
        this.opener = opener;
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the JMH timings include it; the others (variants that only change stampede behaviour) are counted only. */
    public boolean timed() {
        return timed;
    }

    public Subject open(Source source) {
        return opener.apply(source);
    }

    /** The names of the timed contenders, for JMH's {@code library} parameter. */
    public static String[] timedNames() {
        return Arrays.stream(values()).filter(Library::timed).map(Library::name).toArray(String[]::new);
    }

    /** The names of the timed contenders of these kinds. */
    public static String[] timedNames(Set<Kind> kinds) {
        return Arrays.stream(values())
                .filter(library -> library.timed() && kinds.contains(library.kind()))
                .map(Library::name)
                .toArray(String[]::new);
    }
}
