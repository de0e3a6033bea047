package dev.larder.agent;

import dev.larder.weaver.JdkPackages;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The agent's cheap first look at a class as it loads: could it have anything to weave? Yes if its own class file
 * names a Larder method annotation, or if a supertype's does (an overriding method inherits the annotation). Works on
 * raw class-file bytes, so most classes of an application are rejected from a scan of their constant pool.
 *
 * <p>The answer for each type is kept per class loader, both for the classes that pass through here and for the
 * supertypes read on their behalf, so a type is looked at once. A class's supertypes load after it, so those not
 * seen yet are read as class files ({@link NeighbourClassFiles}). A "yes" is confirmed by the weaver. Thread-safe.
 */
final class Candidates {
    private static final int MAX_DEPTH = 64;

    /** Descriptor prefixes of the other libraries' annotations switched on, as {@link ClassFileSummary} takes them. */
    private final List<byte[]> prefixes;

    Candidates() {
        this(List.of());
    }

    /** @param descriptorPrefixes see {@link dev.larder.weaver.Dialects#descriptorPrefixes} */
    Candidates(List<String> descriptorPrefixes) {
        this.prefixes = ClassFileSummary.prefixes(descriptorPrefixes);
    }

    /** Per initiating loader: what is known of its types. */
    private final Map<ClassLoader, Known> known = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * One loader's types: internal name → whether it or a supertype names a Larder annotation. Holds no reference to
     * the loader, the weak key it is kept under.
     */
    private static final class Known {
        final ConcurrentMap<String, Boolean> annotated = new ConcurrentHashMap<>();
        final NeighbourClassFiles files = new NeighbourClassFiles();
    }

    /**
     * Whether the class {@code name} defined from {@code bytes} by {@code loader} may have methods to weave.
     *
     * @param location the code source location the class came from, or null if unknown
     */
    boolean mayApply(ClassLoader loader, String name, byte[] bytes, @Nullable URL location) {
        ClassFileSummary summary = ClassFileSummary.read(bytes, prefixes);
        if (summary == null) {
            return true; // a class file this reader does not know: let the weaver decide
        }
        if ((summary.access() & ClassFileSummary.ACC_SYNTHETIC) != 0) {
            return false;
        }
        Known types = known(loader);
        boolean answer = summary.annotated() || supertypesAnnotated(loader, types, summary, location, 0);
        if ((summary.access() & ClassFileSummary.ACC_FINAL) == 0) { // a final class is no one's supertype
            // The loader is defining this class, so this is what it finds for the name from now on.
            types.annotated.put(name, answer);
        }
        return answer;
    }

    private Known known(ClassLoader loader) {
        Known types = known.get(loader);
        if (types == null) { // not computeIfAbsent: see package-info
            types = new Known();
            Known raced = known.putIfAbsent(loader, types);
            if (raced != null) {
                types = raced;
            }
        }
        return types;
    }

    private boolean supertypesAnnotated(
            ClassLoader loader, Known types, ClassFileSummary summary, @Nullable URL location, int depth) {
        if (summary.superName() != null && annotated(loader, types, summary.superName(), location, depth)) {
            return true;
        }
        for (String name : summary.interfaces()) {
            if (annotated(loader, types, name, location, depth)) {
                return true;
            }
        }
        return false;
    }

    private boolean annotated(ClassLoader loader, Known types, String name, @Nullable URL location, int depth) {
        if (JdkPackages.contain(name) || depth > MAX_DEPTH) {
            return false;
        }
        Boolean answer = types.annotated.get(name);
        if (answer == null) {
            // Not computeIfAbsent: the walk reads supertypes and fills the same map.
            NeighbourClassFiles.Found found = types.files.read(loader, name, location);
            ClassFileSummary summary = found == null ? null : ClassFileSummary.read(found.bytes(), prefixes);
            // Unreadable (a newer class-file format) counts as annotated: the weaver decides.
            answer = found != null
                    && (summary == null
                            || summary.annotated()
                            || supertypesAnnotated(loader, types, summary, found.location(), depth + 1));
            types.annotated.put(name, answer);
        }
        return answer;
    }
}
