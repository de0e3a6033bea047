package dev.larder.internal.config;

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
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein distance, two rows at a time. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
