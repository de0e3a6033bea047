package dev.larder.internal.cache;

import dev.larder.internal.clock.CoarseTicker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** The live keys of a cache ranked by a {@link UseSketch}'s estimates, keeping the top {@code n} in a bounded heap. */
final class UseRanking {
    private UseRanking() {}

    private record Ranked(Object key, int uses) {}

    /** Up to {@code n} keys of live entries, most used first. */
    static List<Object> hottest(Map<Object, Entry> entries, UseSketch sketch, int n) {
        if (n <= 0) {
            return List.of();
        }
        long now = CoarseTicker.now();
        // The least used of the best n so far on top, to be replaced by a key used more
        PriorityQueue<Ranked> best =
                new PriorityQueue<>(Math.min(n, 1 << 16), (a, b) -> Integer.compare(a.uses, b.uses));
        for (Map.Entry<Object, Entry> entry : entries.entrySet()) {
            if (entry.getValue().expiredAt(now)) {
                continue;
            }
            int uses = sketch.estimate(entry.getKey());
            if (best.size() < n) {
                best.add(new Ranked(entry.getKey(), uses));
            } else if (uses > best.peek().uses) {
                best.poll();
                best.add(new Ranked(entry.getKey(), uses));
            }
        }
        List<Object> keys = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            keys.add(best.poll().key);
        }
        Collections.reverse(keys);
        return keys;
    }
}
