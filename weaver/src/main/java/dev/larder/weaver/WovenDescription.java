package dev.larder.weaver;

import dev.larder.model.Operation;
import java.util.ArrayList;
import java.util.List;

/** One woven method as a line of the weaver's report: {@code find(int) cached in 'Catalog.find' key {id}}. */
final class WovenDescription {
    private WovenDescription() {}

    static String of(MethodPlan plan) {
        MethodInfo method = plan.method();
        List<String> operations = new ArrayList<>();
        for (Operation operation : plan.operations()) {
            operations.add(operation(operation));
        }
        return method.name() + "(" + String.join(",", Planner.parameterTypeNames(method)) + ") "
                + String.join(", ", operations);
    }

    private static String operation(Operation operation) {
        if (operation instanceof Operation.Cached c) {
            return (c.refreshAt() > 0 ? "cached with refresh-ahead" : "cached") + " in '" + c.cache() + "' key "
                    + c.key() + tags(c.tags());
        } else if (operation instanceof Operation.CachedAll a) {
            return "cached key by key in '" + a.cache() + "' key " + a.key();
        } else if (operation instanceof Operation.WriteThrough w) {
            return "write-through to '" + w.cache() + "' key " + key(w.key());
        } else if (operation instanceof Operation.WriteBehind w) {
            return "write-behind to '" + w.cache() + "' key " + key(w.key());
        }
        Operation.Invalidate i = (Operation.Invalidate) operation;
        String what = i.cache().isEmpty()
                ? "" // tags alone
                : " in '" + i.cache() + "' " + (i.all() ? "all entries" : "key " + key(i.key()));
        return "invalidate" + (i.before() ? " before" : "") + what + tags(i.tags());
    }

    private static String tags(List<String> tags) {
        return tags.isEmpty() ? "" : " tags " + String.join(", ", tags);
    }

    private static String key(String template) {
        return template.isEmpty() ? "(none: no parameters)" : template;
    }
}
