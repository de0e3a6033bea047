package dev.larder.it;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * Creates the cached form of a fixture for the mode under test, so that every test runs unchanged in each mode. The
 * mode is system property {@code larderit.mode}:
 *
 * <ul>
 *   <li>{@code generated} (the default): the {@code <Type>_Cached} classes the annotation processor generates;
 *   <li>{@code woven}: the fixture itself, whose bytecode the build plugin or the agent rewrote.
 * </ul>
 *
 * A nested fixture's adapter joins the simple names of the outer and inner types with {@code _}: {@code
 * Configured.Settings} becomes {@code Configured_Settings_Cached}.
 */
public final class Fixtures {
    /** The system property that selects the mode. */
    public static final String MODE_PROPERTY = "larderit.mode";

    /** How the fixtures get their caching behaviour. */
    public enum Mode {
        GENERATED("_Cached"),
        WOVEN("");

        private final String suffix;

        Mode(String suffix) {
            this.suffix = suffix;
        }
    }

    private Fixtures() {}

    /** The mode under test. */
    public static Mode mode() {
        String mode = System.getProperty(MODE_PROPERTY, "generated").trim();
        try {
            return Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "System property " + MODE_PROPERTY + " is '" + mode + "'; expected manual, generated or woven", e);
        }
    }

    /** A new cached instance of a fixture class, made with its no-argument constructor. */
    public static <T> T create(Class<T> fixture) {
        if (fixture.isInterface()) {
            throw new IllegalArgumentException(fixture.getName() + " is an interface: use Fixtures.wrap");
        }
        Class<?> type = mode() == Mode.WOVEN ? fixture : adapter(fixture);
        if (!fixture.isAssignableFrom(type)) {
            throw new IllegalStateException(type.getName() + " does not extend " + fixture.getName());
        }
        try {
            return fixture.cast(type.getDeclaredConstructor().newInstance());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Constructing " + type.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot construct " + type.getName(), e);
        }
    }

    /** The cached form of an implementation of a fixture interface. */
    public static <T> T wrap(Class<T> fixture, T delegate) {
        if (!fixture.isInterface()) {
            throw new IllegalArgumentException(fixture.getName() + " is a class: use Fixtures.create");
        }
        if (mode() == Mode.WOVEN) {
            return delegate;
        }
        Class<?> type = adapter(fixture);
        try {
            Method wrap = type.getMethod("wrap", fixture);
            return fixture.cast(wrap.invoke(null, delegate));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(
                    type.getName() + " has no public static wrap(" + fixture.getSimpleName() + ") method", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Wrapping with " + type.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot call " + type.getName() + ".wrap", e);
        }
    }

    /** The adapter's name: the fixture's package, its simple names from the outermost joined by '_', and the suffix. */
    static String adapterName(Class<?> fixture, Mode mode) {
        String joined = fixture.getSimpleName();
        for (Class<?> outer = fixture.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            joined = outer.getSimpleName() + "_" + joined;
        }
        return fixture.getPackageName() + "." + joined + mode.suffix;
    }

    private static Class<?> adapter(Class<?> fixture) {
        Mode mode = mode();
        String name = adapterName(fixture, mode);
        try {
            return Class.forName(name, true, fixture.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "No generated adapter for " + fixture.getName() + ": class " + name
                            + " is missing (is larder-processor on the annotation processor path?)",
                    e);
        }
    }
}
