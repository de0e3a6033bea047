package dev.larder.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder of woven classes: what makes an entry usable, and what makes it a miss. */
class WovenClassCacheTest {
    private static final String NAME = "com/acme/Catalog";
    private static final byte[] CLASS_FILE = bytes("the class file");
    private static final byte[] WOVEN = bytes("the woven class file");

    @TempDir
    Path folder;

    /** Class files by internal name, as a class loader would find them; changed by the tests. */
    private final Map<String, byte[]> loader = new HashMap<>();

    private final RecordingSource recording = new RecordingSource(loader::get);

    @Test
    void findsWhatWasStoredWhileNothingItReadChanged() throws IOException {
        WovenClassCache cache = storedAfterReadingABaseAndAMissingClass();

        WovenClassCache.Entry entry = cache.find(NAME, CLASS_FILE, loader::get);

        assertThat(entry).isNotNull();
        assertThat(entry.woven()).isEqualTo(WOVEN);
        assertThat(new WovenClassCache(folder, "agent 1").find(NAME, CLASS_FILE, loader::get))
                .as("another JVM with the same agent")
                .isNotNull();
    }

    @Test
    void remembersThatWeavingLeftAClassAsItWas() {
        WovenClassCache cache = new WovenClassCache(folder, "agent 1");
        cache.store(NAME, CLASS_FILE, Map.of(), null);

        WovenClassCache.Entry entry = cache.find(NAME, CLASS_FILE, loader::get);

        assertThat(entry).isNotNull();
        assertThat(entry.woven()).isNull();
    }

    @Test
    void missesWhenTheClassFileChanged() {
        WovenClassCache cache = new WovenClassCache(folder, "agent 1");
        cache.store(NAME, CLASS_FILE, Map.of(), WOVEN);

        assertThat(cache.find(NAME, bytes("the class file, recompiled"), loader::get))
                .isNull();
        assertThat(cache.find("com/acme/Other", CLASS_FILE, loader::get)).isNull();
    }

    @Test
    void missesWhenAClassFileTheWeaveReadChangedAppearedOrWentAway() throws IOException {
        WovenClassCache cache = storedAfterReadingABaseAndAMissingClass();

        loader.put("com/acme/Base", bytes("base, now with @Cached"));
        assertThat(cache.find(NAME, CLASS_FILE, loader::get)).as("changed").isNull();

        loader.put("com/acme/Base", bytes("base"));
        loader.put("com/acme/Missing", bytes("missing no more"));
        assertThat(cache.find(NAME, CLASS_FILE, loader::get)).as("appeared").isNull();

        loader.remove("com/acme/Missing");
        loader.remove("com/acme/Base");
        assertThat(cache.find(NAME, CLASS_FILE, loader::get)).as("went away").isNull();

        loader.put("com/acme/Base", bytes("base"));
        assertThat(cache.find(NAME, CLASS_FILE, loader::get))
                .as("all back as they were")
                .isNotNull();
    }

    @Test
    void storingAClassDeletesTheEntriesOfItsEarlierVersionsOnly() throws IOException {
        WovenClassCache cache = new WovenClassCache(folder, "agent 1");
        byte[] recompiled = bytes("the class file, recompiled");
        cache.store(NAME, CLASS_FILE, Map.of(), WOVEN);
        cache.store(NAME + "Page", CLASS_FILE, Map.of(), WOVEN);
        cache.store(NAME + "$Inner", CLASS_FILE, Map.of(), WOVEN);

        cache.store(NAME, recompiled, Map.of(), WOVEN);

        assertThat(cache.find(NAME, CLASS_FILE, loader::get)).isNull();
        assertThat(cache.find(NAME, recompiled, loader::get)).isNotNull();
        assertThat(cache.find(NAME + "Page", CLASS_FILE, loader::get)).isNotNull();
        assertThat(cache.find(NAME + "$Inner", CLASS_FILE, loader::get)).isNotNull();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).hasSize(3);
        }
    }

    @Test
    void missesForAnotherAgentBuildOrRulesFile() {
        new WovenClassCache(folder, "agent 1|rules=a").store(NAME, CLASS_FILE, Map.of(), WOVEN);

        assertThat(new WovenClassCache(folder, "agent 2|rules=a").find(NAME, CLASS_FILE, loader::get))
                .isNull();
        assertThat(new WovenClassCache(folder, "agent 1|rules=b").find(NAME, CLASS_FILE, loader::get))
                .isNull();
    }

    @Test
    void openKeysEntriesByTheRulesFile() throws IOException {
        Path rules = Files.writeString(folder.resolve("larder.rules"), "com.acme.Catalog#find cached\n");
        Path entries = folder.resolve("woven");
        WovenClassCache.open(entries, rules, "agent 1").store(NAME, CLASS_FILE, Map.of(), WOVEN);

        assertThat(WovenClassCache.open(entries, rules, "agent 1").find(NAME, CLASS_FILE, loader::get))
                .isNotNull();
        Files.writeString(rules, "com.acme.Catalog#find cached ttl=5m\n");
        assertThat(WovenClassCache.open(entries, rules, "agent 1").find(NAME, CLASS_FILE, loader::get))
                .isNull();
        assertThat(WovenClassCache.open(entries, null, "agent 1").find(NAME, CLASS_FILE, loader::get))
                .isNull();
    }

    @Test
    void aDamagedEntryIsAMissAndIsReplaced() throws IOException {
        WovenClassCache cache = new WovenClassCache(folder, "agent 1");
        cache.store(NAME, CLASS_FILE, Map.of(), WOVEN);
        Path entry = onlyEntry();
        byte[] whole = Files.readAllBytes(entry);

        Files.write(entry, Arrays.copyOf(whole, whole.length - 3));
        assertThat(cache.find(NAME, CLASS_FILE, loader::get)).as("truncated").isNull();

        byte[] hugeLength = whole.clone();
        int lengthOfWoven = whole.length - WOVEN.length - 4;
        hugeLength[lengthOfWoven] = 0x7F;
        Files.write(entry, hugeLength);
        assertThat(cache.find(NAME, CLASS_FILE, loader::get))
                .as("a length past the end")
                .isNull();

        Files.write(entry, bytes("not an entry at all"));
        assertThat(cache.find(NAME, CLASS_FILE, loader::get)).as("foreign").isNull();

        cache.store(NAME, CLASS_FILE, Map.of(), WOVEN);
        assertThat(cache.find(NAME, CLASS_FILE, loader::get)).as("stored again").isNotNull();
    }

    @Test
    void aFolderThatCannotBeWrittenLosesNothingButTheCache() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("file"), "x");
        WovenClassCache cache = new WovenClassCache(notAFolder, "agent 1");

        cache.store(NAME, CLASS_FILE, Map.of(), WOVEN);

        assertThat(cache.find(NAME, CLASS_FILE, loader::get)).isNull();
        assertThat(Files.readString(notAFolder)).isEqualTo("x");
    }

    @Test
    void jvmsWritingTheSameEntryAtOnceLeaveOneWholeEntry() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 20; round++) {
                WovenClassCache cache = new WovenClassCache(folder, "agent " + round);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<WovenClassCache.Entry>> results = Stream.generate(() -> pool.submit(() -> {
                            start.await();
                            cache.store(NAME, CLASS_FILE, Map.of(), WOVEN);
                            return cache.find(NAME, CLASS_FILE, loader::get);
                        }))
                        .limit(writers)
                        .toList();
                start.countDown();
                for (Future<WovenClassCache.Entry> result : results) {
                    WovenClassCache.Entry entry = result.get();
                    assertThat(entry).as("round " + round).isNotNull();
                    assertThat(entry.woven()).isEqualTo(WOVEN);
                }
                assertThat(onlyEntry()).isNotNull();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** An entry whose weave read {@code com/acme/Base} and looked for {@code com/acme/Missing}, which is absent. */
    private WovenClassCache storedAfterReadingABaseAndAMissingClass() throws IOException {
        WovenClassCache cache = new WovenClassCache(folder, "agent 1");
        loader.put("com/acme/Base", bytes("base"));
        recording.read("com/acme/Base");
        recording.read("com/acme/Missing");
        cache.store(NAME, CLASS_FILE, recording.reads(), WOVEN);
        return cache;
    }

    private Path onlyEntry() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> entries =
                    files.filter(f -> f.toString().endsWith(".woven")).toList();
            assertThat(entries).hasSize(1);
            return entries.get(0);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
