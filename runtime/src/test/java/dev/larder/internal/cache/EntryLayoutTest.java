package dev.larder.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.larder.internal.advisor.SizeAdvisor;
import dev.larder.internal.metrics.CacheCounters;
import dev.larder.internal.tag.TagClock;
import dev.larder.internal.tag.TagStamp;
import java.lang.management.ManagementFactory;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * What an entry costs in memory, and which caches pay for the refresh-ahead fields. Sizes are what this JVM allocates
 * per entry (the thread's allocated-bytes counter, which counts every object exactly); with compressed references, as
 * on any heap below 32 GB, an object's header is 12 bytes and objects are 8-byte aligned.
 */
class EntryLayoutTest {
    private static final int ENTRIES = 10_000;

    @Test
    void aPlainEntryIsTwentyFourBytes() {
        assertThat(bytesEach(i -> new Entry("v", i, Entry.NO_EXPIRY))).isEqualTo(24);
    }

    @Test
    void aPlainEntryOfASampledKeyIsThirtyTwoBytes() {
        assertThat(bytesEach(i -> new SampledEntry("v", 0, Entry.NO_EXPIRY, i + 1)))
                .isEqualTo(32);
    }

    @Test
    void anEntryThatKeepsWriteAndLoadTimesIsFortyEightBytes() {
        assertThat(bytesEach(i -> new RefreshEntry("v", 0, Entry.NO_EXPIRY, i, i)))
                .isEqualTo(48);
    }

    @Test
    void aTaggedEntryIsThirtyTwoBytes() {
        TagStamp stamp = TagClock.stamp(TagClock.now(), new String[] {"layout"});
        assertThat(bytesEach(i -> new TaggedEntry("v", 0, Entry.NO_EXPIRY, i, stamp)))
                .isEqualTo(32);
    }

    @Test
    void onlySampledKeysGetTheLargerPlainEntry() {
        SizeAdvisor advisor = new SizeAdvisor(1_000_000, () -> 0, Runnable::run);
        LocalCache cache = new LocalCache("layout-sampled", 100, new CacheCounters("layout-sampled"), advisor);
        int sampled = 0;
        for (int key = 0; key < 10_000; key++) {
            Entry entry = cache.put(key, "v", Entry.NO_EXPIRY);
            boolean isSampled = advisor.sampleOf(key) != 0;
            assertThat(entry.getClass()).isEqualTo(isSampled ? SampledEntry.class : Entry.class);
            assertThat(entry.sample()).isEqualTo(advisor.sampleOf(key));
            sampled += isSampled ? 1 : 0;
        }
        assertThat(sampled).as("about 1 in 256 keys at 1,000,000 entries").isBetween(10, 100);
    }

    @Test
    void entriesKeepWriteTimesOnlyOnceARefreshAheadMethodReadsTheCache() {
        LocalCache cache = new LocalCache("layout", 100, new CacheCounters("layout"));
        Entry before = cache.put("a", "A", Entry.NO_EXPIRY);
        assertThat(before.getClass()).isEqualTo(Entry.class);
        assertThat(before.writtenAt()).isEqualTo(Entry.UNKNOWN);
        assertThat(before.loadNanos()).isZero();

        cache.keepWriteTimes();
        InFlight load = cache.newLoad();
        cache.register("b", load);
        Entry after = cache.entryFor("b", load, "B", Entry.NO_EXPIRY, 1234);
        assertThat(after).isInstanceOf(RefreshEntry.class);
        assertThat(after.writtenAt()).isNotEqualTo(Entry.UNKNOWN);
        assertThat(after.loadNanos()).isEqualTo(1234);
    }

    /** Bytes allocated per object made by {@code make}, each kept in an array made beforehand so none is elided. */
    private static long bytesEach(IntFunction<Entry> make) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Entry[] kept = new Entry[ENTRIES];
        make.apply(0); // loads and initialises the class outside the measurement
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < ENTRIES; i++) {
            kept[i] = make.apply(i);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(kept[ENTRIES - 1]).isNotNull();
        return Math.round((double) allocated / ENTRIES);
    }
}
