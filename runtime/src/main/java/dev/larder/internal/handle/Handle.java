package dev.larder.internal.handle;

import dev.larder.internal.key.KeyShape;
import dev.larder.internal.key.Keys;
import dev.larder.internal.state.RuntimeState;
import dev.larder.model.KeyTemplate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The runtime's side of one annotated method: created once per method (a static constant in generated or woven code)
 * and bound to the current runtime state, and bound again when the runtime is reconfigured. The {@code key} methods
 * build the method's key from the values of its template's placeholders, in order.
 */
public abstract class Handle {
    final String site;
    final String cache;
    final KeyTemplate template;
    /** The template's shape, or a failing one while the configuration is broken; see {@link #failWith}. */
    private volatile KeyShape shape;

    Handle(String site, String cache, String key) {
        this.site = site;
        this.cache = cache;
        this.template = parse(site, key);
        this.shape = KeyShape.of(template);
    }

    private static KeyTemplate parse(String site, String key) {
        if (key.isEmpty()) {
            return KeyTemplate.ofParameters(List.of()); // a method without parameters: one constant key
        }
        try {
            return KeyTemplate.parse(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(site + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes every key this handle builds throw {@code failure}, so that each call of the method reports the broken
     * configuration it was created under, until {@link #recover()}. Called by the runtime, never on a hot path.
     */
    public final void failWith(RuntimeException failure) {
        shape = KeyShape.failing(KeyShape.of(template), failure);
    }

    /** Builds keys again after {@link #failWith}: the runtime has started with a valid configuration. */
    public final void recover() {
        shape = KeyShape.of(template);
    }

    /** Binds this handle to a runtime state: its caches, configuration and workers. */
    public abstract void bind(RuntimeState state);

    /** The method, as {@code com.acme.Catalog#find(int)}. */
    public final String site() {
        return site;
    }

    /** The cache name. */
    public final String cache() {
        return cache;
    }

    /** The key of a template with one placeholder. */
    public final Object key(@Nullable Object a) {
        return Keys.of(shape, a);
    }

    /** The key of a template with two placeholders. */
    public final Object key(@Nullable Object a, @Nullable Object b) {
        return Keys.of(shape, a, b);
    }

    /**
     * The key of a template with two placeholders, the first an {@code int}: equal to {@code key((Object) a, b)},
     * built without boxing {@code a}. Generated code calls it for an {@code int} first parameter; it casts a {@code
     * byte}, {@code short} or {@code char} to {@code Object} so that widening never turns it into an {@code int} key.
     */
    public final Object key(int a, @Nullable Object b) {
        return Keys.ofInt(shape, a, b);
    }

    /** As {@link #key(int, Object)}, for a first placeholder that is a {@code long}. */
    public final Object key(long a, @Nullable Object b) {
        return Keys.ofLong(shape, a, b);
    }

    /** The key of a template with three placeholders. */
    public final Object key(@Nullable Object a, @Nullable Object b, @Nullable Object c) {
        return Keys.of(shape, a, b, c);
    }

    /** The key of a template with any number of placeholders. */
    public final Object key(@Nullable Object... parts) {
        return Keys.of(shape, parts);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + site + " -> " + cache + " " + template.text() + "]";
    }
}
