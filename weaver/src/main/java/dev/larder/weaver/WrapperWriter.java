package dev.larder.weaver;

import dev.larder.model.Guard;
import dev.larder.model.KeyTemplate;
import dev.larder.model.Operation;
import dev.larder.model.Placeholder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Label;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * Writes the code of a woven method: the method keeps its name, signature and annotations, and its original body
 * moves, untouched, to a private synthetic method {@code name$larder$body}, which the woven code calls. For a
 * {@code @Cached} method with parameters {@code (int id, String tenant)} the woven code is, in Java terms:
 *
 * <pre>{@code
 * Object key = HANDLE.key(id, tenant);               // property paths go through null-safe helper methods
 * Object value = HANDLE.get(key);
 * return value != CachedHandle.MISS ? (R) value : find$larder$miss(id, tenant, key);
 * }</pre>
 *
 * and the miss, out of line so that a caller inlines only the hit, is written by {@link MissWriter}. {@code
 * @Invalidate(before = true)} runs first, the other {@code @Invalidate}s after a normal return, the hit included;
 * {@code @WriteThrough} stores what the body returned; {@code @WriteBehind} hands the call to the runtime instead of
 * running the body. An operation with a {@code condition} calls it first, once, into a local, and acts only when it is
 * true (a declined {@code @Cached} or {@code @WriteBehind} calls the body instead); operations without one are written
 * exactly as they were before conditions existed.
 */
final class WrapperWriter {
    /** No local: a void result, or no argument array. */
    private static final int NONE = -1;

    /** A site field of the woven class, the operation it serves and the operation's conditions. */
    record SiteRef(
            String field, String descriptor, @Nullable String handleField, Operation operation, Guard guard) {
        SiteRef(String field, String descriptor, @Nullable String handleField, Operation operation) {
            this(field, descriptor, handleField, operation, Guard.NONE);
        }
    }

    private final WovenCode code;
    private final MethodPlan plan;
    private final List<SiteRef> sites;
    private final PathHelpers helpers;
    private final Type[] parameters;
    private final Type returnType;

    private WrapperWriter(WovenCode code, MethodPlan plan, List<SiteRef> sites, PathHelpers helpers) {
        this.code = code;
        this.plan = plan;
        this.sites = sites;
        this.helpers = helpers;
        this.parameters = plan.method().parameterTypes();
        this.returnType = plan.method().returnType();
    }

    /**
     * Writes the whole code attribute of the woven method to {@code code}, a generator for the method itself; {@code
     * line} is the body's first line, or 0.
     */
    static void write(WovenCode code, MethodPlan plan, List<SiteRef> sites, PathHelpers helpers, int line) {
        new WrapperWriter(code, plan, sites, helpers).write(line);
    }

    private void write(int line) {
        code.visitCode();
        if (line > 0) {
            code.visitLineNumber(line, code.mark());
        }
        Map<SiteRef, Integer> conditions = conditions();
        SiteRef main = null;
        boolean needsArgs = false;
        for (SiteRef site : sites) {
            if (site.operation() instanceof Operation.Invalidate) {
                needsArgs = true;
            } else {
                main = site;
                needsArgs |= !(site.operation() instanceof Operation.Cached cached) || inlineKey(cached.key()) == null;
            }
        }
        int args = NONE;
        if (needsArgs) {
            args = code.newLocal(RuntimeCalls.OBJECTS);
            code.pushArguments();
            code.storeLocal(args);
        }
        for (SiteRef site : sites) {
            if (site.operation() instanceof Operation.Invalidate i && i.before()) {
                Label skip = beginGuard(conditions.get(site));
                invalidate(site, args, NONE);
                endGuard(skip);
            }
        }
        int result = NONE;
        Integer condition = main == null ? null : conditions.get(main);
        Label declined = null;
        if (main == null) {
            result = callBody();
        } else if (main.operation() instanceof Operation.Cached cached) {
            if (condition != null) {
                // Declined: the body runs as if uncached, before the hit path reads or counts anything
                Label use = code.newLabel();
                code.loadLocal(condition);
                code.ifZCmp(GeneratorAdapter.NE, use);
                code.callOwn(Host.body(plan.method()));
                code.returnValue();
                code.mark(use);
            }
            result = cached(main, cached, args);
        } else if (main.operation() instanceof Operation.WriteThrough) {
            result = callBody();
            declined = beginGuard(condition);
            boolean target = usesTarget(((Operation.WriteThrough) main.operation()).key());
            code.loadSite(main);
            if (target) {
                code.loadTarget();
            }
            code.loadLocal(args);
            code.loadBoxed(result);
            code.invokeVirtual(RuntimeCalls.WRITE_THROUGH_SITE, target ? RuntimeCalls.PUT_TARGET : RuntimeCalls.PUT);
            endGuard(declined);
        } else {
            declined = beginGuard(condition);
            code.loadSite(main);
            code.loadTarget();
            code.loadLocal(args);
            code.invokeVirtual(RuntimeCalls.WRITE_BEHIND_SITE, RuntimeCalls.WRITE);
            code.pop();
            if (declined != null) {
                // Declined: the body runs now, in the caller's thread, uncached
                Label written = code.newLabel();
                code.goTo(written);
                code.mark(declined);
                callBody();
                code.mark(written);
            }
        }
        for (SiteRef site : sites) {
            if (site.operation() instanceof Operation.Invalidate i && !i.before()) {
                Label skip = beginGuard(conditions.get(site));
                invalidate(site, args, result);
                endGuard(skip);
            }
        }
        if (result != NONE) {
            code.loadLocal(result);
        }
        code.returnValue();
        code.endMethod();
    }

    /**
     * Calls the condition of every operation that has one, first of all and once, into a local each: the operation's
     * code then runs only when its local is true.
     */
    private Map<SiteRef, Integer> conditions() {
        Map<SiteRef, Integer> conditions = new IdentityHashMap<>();
        for (SiteRef site : sites) {
            if (site.guard().hasCondition()) {
                code.callCondition(site.guard().condition(), true, NONE);
                int local = code.newLocal(Type.BOOLEAN_TYPE);
                code.storeLocal(local);
                conditions.put(site, local);
            }
        }
        return conditions;
    }

    /** Jumps past the code that follows when the condition local is false; null without a condition. */
    private @Nullable Label beginGuard(@Nullable Integer condition) {
        if (condition == null) {
            return null;
        }
        Label skip = code.newLabel();
        code.loadLocal(condition);
        code.ifZCmp(GeneratorAdapter.EQ, skip);
        return skip;
    }

    private void endGuard(@Nullable Label skip) {
        if (skip != null) {
            code.mark(skip);
        }
    }

    /** The hit in line, the miss through the miss method; returns the local holding the result. */
    private int cached(SiteRef site, Operation.Cached cached, int args) {
        List<Placeholder> inline = inlineKey(cached.key());
        if (inline != null) {
            code.loadHandle(site);
            pushInlineKey(inline);
        } else {
            boolean target = usesTarget(cached.key());
            code.loadSite(site);
            if (target) {
                code.loadTarget();
            }
            code.loadLocal(args);
            code.invokeVirtual(RuntimeCalls.CACHED_SITE, target ? RuntimeCalls.SITE_KEY_TARGET : RuntimeCalls.SITE_KEY);
        }
        int key = code.newLocal(RuntimeCalls.OBJECT);
        code.storeLocal(key);
        code.loadHandle(site);
        code.loadLocal(key);
        code.invokeVirtual(RuntimeCalls.HANDLE, RuntimeCalls.GET);
        int value = code.newLocal(RuntimeCalls.OBJECT);
        code.storeLocal(value);
        int result = code.newLocal(returnType);
        Label hit = code.newLabel();
        Label done = code.newLabel();
        code.loadLocal(value);
        code.getStatic(RuntimeCalls.HANDLE, RuntimeCalls.MISS, RuntimeCalls.OBJECT);
        code.ifCmp(RuntimeCalls.OBJECT, GeneratorAdapter.NE, hit);
        // The miss goes to a method of its own, so that the method a caller inlines is only the hit.
        if (!plan.method().isStatic()) {
            code.loadThis();
        }
        code.loadArgs();
        code.loadLocal(key);
        code.invokeOwn(Host.miss(plan.method()), plan.method().isStatic());
        code.storeLocal(result);
        code.goTo(done);
        code.mark(hit);
        code.loadLocal(value);
        code.castOrUnbox(returnType);
        code.storeLocal(result);
        code.mark(done);
        return result;
    }

    /**
     * The placeholders, when every one reads a parameter (with or without a property path); else null, so that
     * {@code {this...}} and {@code {result...}} go through the site.
     */
    private @Nullable List<Placeholder> inlineKey(String key) {
        if (key.isEmpty()) {
            return null;
        }
        List<Placeholder> placeholders = KeyTemplate.parse(key).placeholders();
        for (Placeholder placeholder : placeholders) {
            if (!plan.parameterNames().contains(placeholder.root())) {
                return null;
            }
        }
        return placeholders.isEmpty() ? null : placeholders;
    }

    /**
     * {@code handle.key(parts)} with the handle on the stack: {@code key(a)} to {@code key(a, b, c)}, each part boxed,
     * except an {@code int} or {@code long} parameter first of two ({@code key(int, Object)} and {@code key(long,
     * Object)} make the same key as the boxed form, without the box); more parts go in an array, {@code key(Object...)}.
     */
    private void pushInlineKey(List<Placeholder> parts) {
        Type first = unboxedFirstPart(parts);
        if (parts.size() > 3) {
            code.push(parts.size());
            code.newArray(RuntimeCalls.OBJECT);
            for (int i = 0; i < parts.size(); i++) {
                code.dup();
                code.push(i);
                pushPart(parts.get(i), true);
                code.arrayStore(RuntimeCalls.OBJECT);
            }
        } else {
            for (Placeholder part : parts) {
                pushPart(part, part != parts.get(0) || first == RuntimeCalls.OBJECT);
            }
        }
        code.invokeVirtual(RuntimeCalls.HANDLE, RuntimeCalls.handleKey(parts.size(), first));
    }

    /** For two parts whose first is an {@code int} or {@code long} parameter itself: its type; else Object. */
    private Type unboxedFirstPart(List<Placeholder> parts) {
        if (parts.size() != 2 || parts.get(0).path().size() != 1) {
            return RuntimeCalls.OBJECT;
        }
        Type type = parameters[plan.parameterNames().indexOf(parts.get(0).root())];
        return type.getSort() == Type.INT || type.getSort() == Type.LONG ? type : RuntimeCalls.OBJECT;
    }

    /** One key part: the parameter (boxed when {@code box}), or its property path through a helper. */
    private void pushPart(Placeholder placeholder, boolean box) {
        int index = plan.parameterNames().indexOf(placeholder.root());
        Type type = parameters[index];
        code.loadArg(index);
        if (placeholder.path().size() == 1) {
            if (box) {
                code.valueOf(type);
            }
            return;
        }
        List<ClassFileTypeModel.Accessor> accessors = new ArrayList<>();
        ClassFileTypeModel model = plan.parameterTypes().get(placeholder.root());
        for (String property : placeholder.path().subList(1, placeholder.path().size())) {
            Optional<ClassFileTypeModel.Accessor> accessor = model.accessor(property);
            if (accessor.isEmpty()) { // the planner resolved every path: this is a bug
                throw new IllegalStateException("unresolved property " + property);
            }
            accessors.add(accessor.get());
            model = model.of(accessor.get().type());
        }
        code.invokeOwn(helpers.helper(type, accessors), true);
    }

    /** Calls the body; returns the local holding its result, or {@link #NONE} for void. */
    private int callBody() {
        code.callOwn(Host.body(plan.method()));
        if (returnType.getSort() == Type.VOID) {
            return NONE;
        }
        int result = code.newLocal(returnType);
        code.storeLocal(result);
        return result;
    }

    private void invalidate(SiteRef site, int args, int result) {
        boolean target = usesTarget(((Operation.Invalidate) site.operation()).key());
        code.loadSite(site);
        if (target) {
            code.loadTarget();
        }
        code.loadLocal(args);
        code.loadBoxed(result);
        code.invokeVirtual(
                RuntimeCalls.INVALIDATE_SITE, target ? RuntimeCalls.INVALIDATE_TARGET : RuntimeCalls.INVALIDATE);
    }

    /**
     * Whether a key template reads {@code {this...}}: only then does the woven code pass the target, so that the
     * calls of other templates stay as they were. The planner refused {@code {this}} on static methods.
     */
    private static boolean usesTarget(String key) {
        return !key.isEmpty() && KeyTemplate.parse(key).usesTarget();
    }
}
