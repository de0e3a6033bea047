package dev.larder.weaver;

import dev.larder.model.Declaration;
import dev.larder.model.ForeignMethod;
import dev.larder.model.JCache;
import dev.larder.model.Sites;
import dev.larder.model.SpringCache;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Opcodes;

/**
 * Finds the declarations that apply to each method a type declares: a rules line naming it, else its own
 * annotations, else those of the nearest method it overrides or implements (superclasses first, then interfaces,
 * nearest first), as in every mode. Supertypes in JDK packages are never read.
 */
final class TypeScan {
    private final Rules rules;
    private final Dialects dialects;

    TypeScan(Rules rules) {
        this(rules, Dialects.NONE);
    }

    /** @param dialects the other libraries' annotations honoured where a method has no Larder annotation */
    TypeScan(Rules rules, Dialects dialects) {
        this.rules = rules;
        this.dialects = dialects;
    }

    /** Whether the class was woven already (at build time): weaving twice would cache twice. */
    static boolean isWoven(ClassInfo type) {
        for (ClassInfo.FieldInfo field : type.fields()) {
            if (field.name().startsWith(LarderWeaver.SITE_FIELD)) {
                return true;
            }
        }
        return false;
    }

    /** What is wrong with the type's own annotations: Spring's method annotations on the class itself. */
    List<String> typeProblems(ClassInfo type) {
        List<String> problems = new ArrayList<>();
        if (dialects.spring()) {
            for (AnnotationInfo annotation : type.annotations()) {
                SpringCache.onClass(type.displayName(), annotation.typeName())
                        .ifPresent(p -> problems.add(p.message()));
            }
        }
        return problems;
    }

    /** A method to weave and what applies to it. */
    record Match(MethodInfo method, Found found) {}

    /** The methods of {@code type} to weave, each with what applies to it, in declaration order. */
    List<Match> scan(ClassInfo type, ClassFiles files) {
        return scan(type, files, null);
    }

    /**
     * As {@link #scan(ClassInfo, ClassFiles)}; {@code classFile}, the type's class file, is where parameter names are
     * read from a LocalVariableTable when a Spring key names them and the class was compiled without {@code
     * -parameters}.
     */
    List<Match> scan(ClassInfo type, ClassFiles files, byte @Nullable [] classFile) {
        List<Match> found = new ArrayList<>();
        for (MethodInfo method : type.methods()) {
            if (!method.isMethod() || method.isGenerated()) {
                continue;
            }
            List<Declaration> ruled = rules.declarations(type.name(), method);
            if (!ruled.isEmpty()) {
                found.add(new Match(method, found(type, ruled)));
                continue;
            }
            List<Declaration> own = Annotations.declarations(method.annotations());
            if (!own.isEmpty()) {
                if (!method.isAbstract()) { // on an abstract method they are for the implementations, woven there
                    found.add(new Match(method, withJCache(type, method, found(type, own))));
                }
            } else if (ForeignAnnotations.any(dialects, method.annotations())) {
                if (!method.isAbstract()) {
                    MethodInfo named = withLocalNames(method, classFile);
                    found.add(new Match(named, foreign(dialects, type, named, type, method)));
                }
            } else if (!method.isStatic() && !method.isPrivate() && !method.isAbstract()) {
                Match inherited = inherited(type, method, files, classFile);
                if (inherited != null) {
                    found.add(inherited);
                }
            }
        }
        return found;
    }

    private static Found found(ClassInfo declaring, List<Declaration> declarations) {
        return new Found(
                declaring,
                declarations,
                Annotations.typeDefault(declaring.annotations(), "cache"),
                Annotations.typeDefault(declaring.annotations(), "ttl"));
    }

    /** Larder's annotations win over Spring's, which are ignored; with JCache's, which applies would be a guess. */
    private Found withJCache(ClassInfo type, MethodInfo method, Found own) {
        if (!dialects.jcache() || !ForeignAnnotations.any(new Dialects(false, true), method.annotations())) {
            return own;
        }
        String site = Sites.of(type.displayName(), method.name(), Planner.parameterTypeNames(method));
        return new Found(
                own.declaringType(),
                own.declarations(),
                own.defaultCache(),
                own.defaultTtl(),
                List.of(JCache.withLarder(site)));
    }

    private static Found foreign(
            Dialects dialects, ClassInfo type, MethodInfo woven, ClassInfo declaring, MethodInfo annotated) {
        ForeignMethod.Translation translation =
                ForeignAnnotations.translate(dialects, type, woven, declaring, annotated);
        return new Found(declaring, translation.declarations(), "", "", translation.problems());
    }

    /** The method with its parameter names from the LocalVariableTable when javac did not record them. */
    private MethodInfo withLocalNames(MethodInfo method, byte @Nullable [] classFile) {
        if (method.namesRecorded() || classFile == null) {
            return method;
        }
        return LocalVariableNames.of(classFile, method)
                .map(method::withParameterNames)
                .orElse(method);
    }

    private @Nullable Match inherited(
            ClassInfo type, MethodInfo method, ClassFiles files, byte @Nullable [] classFile) {
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        enqueueSupertypes(type, queue);
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (JdkPackages.contain(name) || !seen.add(name)) {
                continue;
            }
            Optional<ClassInfo> current = files.find(name);
            if (current.isEmpty()) {
                continue;
            }
            for (MethodInfo candidate : current.get().methods()) {
                if (candidate.isMethod()
                        && !candidate.isPrivate()
                        && !candidate.isStatic()
                        && !candidate.isGenerated()
                        && overrides(type, method, candidate)) {
                    List<Declaration> declarations = Annotations.declarations(candidate.annotations());
                    if (!declarations.isEmpty()) {
                        return new Match(method, found(current.get(), declarations));
                    }
                    // Spring honours its annotations on the methods a class implements; JCache (CDI) does not.
                    Dialects spring = new Dialects(dialects.spring(), false);
                    if (ForeignAnnotations.any(spring, candidate.annotations())) {
                        MethodInfo named = withLocalNames(method, classFile);
                        return new Match(named, foreign(spring, type, named, current.get(), candidate));
                    }
                }
            }
            enqueueSupertypes(current.get(), queue);
        }
        return null;
    }

    /**
     * Whether {@code method} of {@code type} overrides {@code candidate}: the same parameter types, or, when a
     * generic supertype's type variables are narrowed ({@code load(T)} as {@code load(String)}), a bridge method in
     * {@code type} with the candidate's parameter types standing for the one method of that name and arity.
     */
    private static boolean overrides(ClassInfo type, MethodInfo method, MethodInfo candidate) {
        if (candidate.sameSignature(method)) {
            return true;
        }
        int arity = method.parameterTypes().length;
        if (!candidate.name().equals(method.name()) || candidate.parameterTypes().length != arity) {
            return false;
        }
        boolean bridged = false;
        int sameShape = 0;
        for (MethodInfo other : type.methods()) {
            if (!other.name().equals(method.name()) || other.parameterTypes().length != arity) {
                continue;
            }
            if (other.is(Opcodes.ACC_BRIDGE)) {
                bridged |= other.sameSignature(candidate);
            } else if (!other.isGenerated()) {
                sameShape++;
            }
        }
        return bridged && sameShape == 1;
    }

    private static void enqueueSupertypes(ClassInfo type, Deque<String> queue) {
        if (type.superName() != null) {
            queue.add(type.superName());
        }
        queue.addAll(type.interfaces());
    }
}
