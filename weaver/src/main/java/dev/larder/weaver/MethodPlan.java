package dev.larder.weaver;

import dev.larder.model.Operation;
import java.util.List;
import java.util.Map;

/**
 * A method to weave: its site ({@code com.acme.Catalog#find(int)}), the parameter names read from the class file, and
 * its operations in the order they act: {@code @Invalidate(before = true)}, then the cache operation, then the other
 * {@code @Invalidate}s.
 */
record MethodPlan(
        MethodInfo method,
        String site,
        List<String> parameterNames,
        Map<String, ClassFileTypeModel> parameterTypes,
        List<Operation> operations) {
    MethodPlan {
        parameterTypes = Map.copyOf(parameterTypes);
        parameterNames = List.copyOf(parameterNames);
        operations = List.copyOf(operations);
    }

    boolean needsBodyCopy() {
        for (Operation op : operations) {
            if (op instanceof Operation.WriteBehind
                    || op instanceof Operation.CachedAll
                    || (op instanceof Operation.Cached cached && cached.refreshAt() > 0)) {
                return true;
            }
        }
        return false;
    }
}
