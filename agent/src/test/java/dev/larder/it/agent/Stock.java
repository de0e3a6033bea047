package dev.larder.it.agent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Stock levels with no annotations: a rules file makes them cached, one at a time and in bulk. */
public class Stock {
    public final AtomicInteger runs = new AtomicInteger();
    public final List<Collection<Long>> bulkCalls = new CopyOnWriteArrayList<>();

    public String level(long id) {
        runs.incrementAndGet();
        return "level " + id;
    }

    public Map<Long, String> levels(Set<Long> ids) {
        bulkCalls.add(ids);
        Map<Long, String> found = new LinkedHashMap<>();
        for (Long id : ids) {
            if (id >= 0) {
                found.put(id, "level " + id);
            }
        }
        return found;
    }

    public List<String> notAMap(Set<Long> ids) {
        return new ArrayList<>();
    }
}
