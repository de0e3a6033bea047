package dev.larder.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The agent's cheap first look at a class as it loads: could it have anything to weave? Yes if its own class file
 * names a Larder method annotation, or if a supertype's does (an overriding method inherits the annotation). Works on
 * raw class-file bytes, so most classes of an application are rejected from a scan of their constant pool; the
 * answer for each supertype is read once per class loader (through {@link ClassLoader#getResourceAsStream}, since a
 * class's supertypes load after it) and cached. A "yes" is confirmed by the weaver. Thread-safe.
 */
final class Candidates {
    private static final int MAX_DEPTH = 64;

    /** Per initiating loader: internal type name → whether it or a supertype names a Larder annotation. */
    private final Map<ClassLoader, ConcurrentMap<String, Boolean>> annotated =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** Whether the class defined from {@code bytes} by {@code loader} may have methods to weave. */
    boolean mayApply(ClassLoader loader, byte[] bytes) {
        ClassFileSummary summary = ClassFileSummary.read(bytes);
        if (summary == null) {
            return true; // a class file this reader does not know: let the weaver decide
        }
        if ((summary.access() & ClassFileSummary.ACC_SYNTHETIC) != 0) {
            return false;
        }
        return summary.annotated() || supertypesAnnotated(loader, summary, 0);
    }

    private boolean supertypesAnnotated(ClassLoader loader, ClassFileSummary summary, int depth) {
        if (summary.superName() != null && annotated(loader, summary.superName(), depth)) {
            return true;
        }
        for (String name : summary.interfaces()) {
            if (annotated(loader, name, depth)) {
                return true;
            }
        }
        return false;
    }

    private boolean annotated(ClassLoader loader, String name, int depth) {
        if (isPlatform(name) || depth > MAX_DEPTH) {
            return false;
        }
        ConcurrentMap<String, Boolean> known = annotated.get(loader);
        if (known == null) { // not computeIfAbsent with a lambda: this runs while the application starts
            known = new ConcurrentHashMap<>();
            ConcurrentMap<String, Boolean> raced = annotated.putIfAbsent(loader, known);
            if (raced != null) {
                known = raced;
            }
        }
        Boolean answer = known.get(name);
        if (answer == null) {
            // Not computeIfAbsent: the walk reads supertypes and fills the same map.
            byte[] bytes = classFile(loader, name);
            ClassFileSummary summary = bytes == null ? null : ClassFileSummary.read(bytes);
            // Unreadable (a newer class-file format) counts as annotated: the weaver decides.
            answer = bytes != null
                    && (summary == null || summary.annotated() || supertypesAnnotated(loader, summary, depth + 1));
            known.put(name, answer);
        }
        return answer;
    }

    private static byte @Nullable [] classFile(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static boolean isPlatform(String internalName) {
        return internalName.startsWith("java/")
                || internalName.startsWith("javax/")
                || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/")
                || internalName.startsWith("com/sun/");
    }
}
