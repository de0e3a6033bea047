package dev.larder.weaver;

import dev.larder.model.Guard;
import dev.larder.model.Operation;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A method to weave: its site ({@code com.acme.Catalog#find(int)}), the parameter names read from the class file, and
 * its operations in the order they act: {@code @Invalidate(before = true)}, then the cache operation, then the other
 * {@code @Invalidate}s, each with its conditions at the same index of {@code guards}.
 */
record MethodPlan(
        MethodInfo method,
        String site,
        List<String> parameterNames,
        Map<String, ClassFileTypeModel> parameterTypes,
        List<Operation> operations,
        List<Guard> guards) {
    MethodPlan {
        parameterTypes = Map.copyOf(parameterTypes);
        parameterNames = List.copyOf(parameterNames);
        operations = List.copyOf(operations);
        guards = List.copyOf(guards);
    }

    /** A plan whose operations have no conditions. */
    MethodPlan(
            MethodInfo method,
            String site,
            List<String> parameterNames,
            Map<String, ClassFileTypeModel> parameterTypes,
            List<Operation> operations) {
        this(
                method,
                site,
                parameterNames,
                parameterTypes,
                operations,
                Collections.nCopies(operations.size(), Guard.NONE));
    }

    /** The conditions of one of the plan's operations. */
    Guard guard(Operation operation) {
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i) == operation) {
                return guards.get(i);
            }
        }
        throw new IllegalArgumentException(operation + " is not an operation of " + site);
    }

    boolean needsBodyCopy() {
        for (Operation op : operations) {
            if (op instanceof Operation.WriteBehind
                    || (op instanceof Operation.Cached cached && cached.refreshAt() > 0)) {
                return true;
            }
        }
        return false;
    }
}
