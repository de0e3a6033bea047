package dev.larder.internal.config;

import dev.larder.model.EditDistance;
import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Finds the known name a mistyped one was most likely meant to be: a configuration key ({@code larder.lcoal.maxSize})
 * or a cache name ({@code Items} for {@code items}). Case is ignored.
 */
public final class KeySuggestions {
    // Two edits catch a swapped pair of letters or a missing and a doubled one, without suggesting unrelated keys.
    private static final int MOST_EDITS = 2;

    private KeySuggestions() {}

    /** The candidate nearest to {@code key}, or {@code null} when none is within a couple of edits. */
    public static @Nullable String closest(String key, Collection<String> candidates) {
        String lower = key.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = MOST_EDITS + 1;
        for (String candidate : candidates) {
            int distance = EditDistance.between(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }
}
