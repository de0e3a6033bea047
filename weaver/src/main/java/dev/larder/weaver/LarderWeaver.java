package dev.larder.weaver;

import dev.larder.model.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;

/**
 * Weaves Larder's caching into the methods of one class file, in place: no subclass, no proxy, so {@code new
 * Foo()}, self-invocation and calls through any reference are all cached. Each woven method keeps its name,
 * signature and annotations and gets small code that calls the runtime and, when the body must run, its original
 * code, moved untouched to a private synthetic method {@code name$larder$body} (see {@link WrapperWriter}); stack
 * traces show both. Independent of {@code java.lang.instrument}: the agent applies it as classes load, a build tool
 * to class files. Only ASM is used, and the class hierarchy is read from class files, never loaded.
 *
 * <p>Per woven method and annotation the class gets a synthetic {@code static final} site field, created at the start
 * of the type initializer through {@link dev.larder.internal.weave.WovenMethods}.
 *
 * <p>A method whose declarations are invalid is reported to the {@link Problems} and left as it is; the other
 * methods of the class are still woven. Thread-safe: a weaver holds only immutable state.
 */
public final class LarderWeaver {
    /** The prefix of the fields a woven class carries: their presence marks a class as woven already. */
    static final String SITE_FIELD = "larder$site$";

    private static final String HANDLE_FIELD = "larder$handle$";

    /** Receives what could not be woven. */
    @FunctionalInterface
    public interface Problems {
        /**
         * @param type the binary name of the type being woven
         * @param errors the problems of one method, each naming the method
         */
        void report(String type, List<String> errors);

        /**
         * Told what was woven into one class; by default ignored.
         *
         * @param type the binary name of the woven type
         * @param methods one line per woven method: its signature, operations and caches
         */
        default void woven(String type, List<String> methods) {}
    }

    private final Rules rules;
    private final TypeScan scan;
    private final Problems problems;

    public LarderWeaver(Rules rules, Problems problems) {
        this(rules, Dialects.NONE, problems);
    }

    /** @param dialects the other libraries' caching annotations to honour besides Larder's */
    public LarderWeaver(Rules rules, Dialects dialects, Problems problems) {
        this.rules = rules;
        this.scan = new TypeScan(Objects.requireNonNull(rules, "rules"), Objects.requireNonNull(dialects, "dialects"));
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    /** Whether the class file was woven already (its site fields are there). */
    public static boolean isWoven(byte[] classFile) {
        return TypeScan.isWoven(ClassInfoReader.read(classFile));
    }

    /**
     * The woven class file, or null when there is nothing to weave: no method with valid declarations, or the class
     * was woven already.
     *
     * @param files where supertypes and parameter types are read from
     */
    public byte @Nullable [] weave(byte[] classFile, ClassFiles files) {
        return weave(classFile, files, problems);
    }

    /**
     * As {@link #weave(byte[], ClassFiles)}, reporting this class's problems to {@code problems} instead of the
     * weaver's own receiver, so that a caller can tell whether this class had any.
     */
    public byte @Nullable [] weave(byte[] classFile, ClassFiles files, Problems problems) {
        ClassInfo type = files.describe(classFile);
        if (TypeScan.isWoven(type)) {
            return null;
        }
        List<String> unmatched = rules.unmatched(type);
        if (!unmatched.isEmpty()) {
            problems.report(type.name(), unmatched);
        }
        List<String> typeProblems = scan.typeProblems(type);
        if (!typeProblems.isEmpty()) {
            problems.report(type.name(), typeProblems);
        }
        List<WovenClassVisitor.Woven> methods = new ArrayList<>();
        List<SiteInitializer.SiteField> fields = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (TypeScan.Match match : scan.scan(type, files, classFile)) {
            Planner.Result result = Planner.plan(type, match.method(), match.found(), files);
            if (!result.errors().isEmpty()) {
                problems.report(type.name(), result.errors());
                continue;
            }
            methods.add(plan(result.plan(), fields));
            described.add(WovenDescription.of(result.plan()));
        }
        if (methods.isEmpty()) {
            return null;
        }
        problems.woven(type.name(), described);
        ClassReader reader = new ClassReader(classFile);
        WovenClassWriter writer = new WovenClassWriter(reader, files);
        reader.accept(new WovenClassVisitor(writer, type, WovenClassVisitor.byNameAndDescriptor(methods), fields), 0);
        return writer.toByteArray();
    }

    private static WovenClassVisitor.Woven plan(MethodPlan plan, List<SiteInitializer.SiteField> fields) {
        String bodyCopy = plan.needsBodyCopy() ? Host.body(plan.method()).getName() : "";
        List<WrapperWriter.SiteRef> sites = new ArrayList<>();
        for (Operation operation : plan.operations()) {
            String name = SITE_FIELD + fields.size();
            String descriptor = siteType(operation).getDescriptor();
            String handle = operation instanceof Operation.Cached ? HANDLE_FIELD + fields.size() : null;
            fields.add(new SiteInitializer.SiteField(
                    name,
                    descriptor,
                    factory(operation),
                    SiteInitializer.constants(operation, plan, bodyCopy),
                    handle));
            sites.add(new WrapperWriter.SiteRef(name, descriptor, handle, operation, plan.guard(operation)));
        }
        return new WovenClassVisitor.Woven(plan, sites);
    }

    private static Type siteType(Operation operation) {
        if (operation instanceof Operation.Cached) {
            return RuntimeCalls.CACHED_SITE;
        } else if (operation instanceof Operation.WriteThrough) {
            return RuntimeCalls.WRITE_THROUGH_SITE;
        } else if (operation instanceof Operation.WriteBehind) {
            return RuntimeCalls.WRITE_BEHIND_SITE;
        }
        return RuntimeCalls.INVALIDATE_SITE;
    }

    private static String factory(Operation operation) {
        if (operation instanceof Operation.Cached) {
            return "cached";
        } else if (operation instanceof Operation.WriteThrough) {
            return "writeThrough";
        } else if (operation instanceof Operation.WriteBehind) {
            return "writeBehind";
        }
        return "invalidate";
    }
}
