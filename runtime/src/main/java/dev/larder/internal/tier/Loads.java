package dev.larder.internal.tier;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Ending many {@link Load}s at once, for a bulk lookup. */
public final class Loads {
    private Loads() {}

    /**
     * Ends each load with its value, as {@link Load#complete} does, but stores in Redis every value that goes there
     * under a lease in one round trip. Each load ends exactly once; one already ended throws {@link
     * IllegalStateException}, as {@link Load#complete} does.
     */
    public static void completeAll(List<Load> loads, List<@Nullable Object> values) {
        SingleFlightTier.completeAll(loads, values);
    }
}
