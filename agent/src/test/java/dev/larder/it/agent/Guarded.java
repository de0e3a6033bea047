package dev.larder.it.agent;

import dev.larder.annotation.Cached;
import java.util.concurrent.atomic.AtomicInteger;

/** Conditions as only woven code can have them (static methods), a misspelt condition, and a method for a rules line. */
public class Guarded {
    public static final AtomicInteger STATIC_RUNS = new AtomicInteger();
    public final AtomicInteger runs = new AtomicInteger();

    /** Cached for positive numbers; a result above 100 is not stored. */
    @Cached(condition = "positive", unless = "large")
    public static int twice(int n) {
        STATIC_RUNS.incrementAndGet();
        return 2 * n;
    }

    static boolean positive(int n) {
        return n > 0;
    }

    static boolean large(int n, int result) {
        return result > 100;
    }

    /** Refused: there is no isSavd; left unwoven. */
    @Cached(condition = "isSavd")
    public String typo(Long id) {
        runs.incrementAndGet();
        return "typo " + id;
    }

    boolean isSaved(Long id) {
        return id != null;
    }

    /** Cached by a rules line naming isSaved and isBlank. */
    public String plain(Long id) {
        runs.incrementAndGet();
        return id == null || id == 0 ? "" : "plain " + id;
    }

    boolean isBlank(String result) {
        return result.isEmpty();
    }
}
