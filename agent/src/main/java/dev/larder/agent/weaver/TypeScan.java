package dev.larder.agent.weaver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.type.TypeList;

/**
 * Finds the declarations that apply to each method a type declares: a rules line naming it, else its own
 * annotations, else those of the nearest method it overrides or implements (superclasses first, then interfaces,
 * nearest first), as in every mode. Supertypes in JDK packages are never read.
 */
final class TypeScan {
    private final Rules rules;

    TypeScan(Rules rules) {
        this.rules = rules;
    }

    /** Cheap test for the agent's type matcher: could {@link #scan} find anything? */
    boolean mayApply(TypeDescription type) {
        for (var field : type.getDeclaredFields()) {
            if (field.getName().startsWith(LarderWeaver.SITE_FIELD)) {
                return false; // woven at build time already: weaving twice would cache twice
            }
        }
        if (rules.names(type.getName())) {
            return true;
        }
        Set<String> seen = new HashSet<>();
        Deque<TypeDefinition> queue = new ArrayDeque<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            TypeDefinition current = queue.poll();
            TypeDescription erasure = current.asErasure();
            if (isPlatform(erasure.getName()) || !seen.add(erasure.getName())) {
                continue;
            }
            for (MethodDescription method : erasure.getDeclaredMethods()) {
                if (Annotations.any(method.getDeclaredAnnotations())) {
                    return true;
                }
            }
            enqueueSupertypes(erasure, queue);
        }
        return false;
    }

    /** The methods of {@code type} to weave, each with what applies to it, in declaration order. */
    Map<MethodDescription.InDefinedShape, Found> scan(TypeDescription type) {
        Map<MethodDescription.InDefinedShape, Found> found = new LinkedHashMap<>();
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            if (!method.isMethod() || method.isBridge() || method.isSynthetic()) {
                continue;
            }
            List<Declaration> ruled = rules.declarations(type.getName(), method);
            if (!ruled.isEmpty()) {
                found.put(method, found(type, ruled));
                continue;
            }
            List<Declaration> own = Annotations.declarations(method.getDeclaredAnnotations());
            if (!own.isEmpty()) {
                if (!method.isAbstract()) { // on an abstract method they are for the implementations, woven there
                    found.put(method, found(type, own));
                }
            } else if (!method.isStatic() && !method.isPrivate() && !method.isAbstract()) {
                Found inherited = inherited(type, method);
                if (inherited != null) {
                    found.put(method, inherited);
                }
            }
        }
        return found;
    }

    private static Found found(TypeDescription declaring, List<Declaration> declarations) {
        return new Found(
                declaring,
                declarations,
                Annotations.typeDefault(declaring.getDeclaredAnnotations(), "cache"),
                Annotations.typeDefault(declaring.getDeclaredAnnotations(), "ttl"));
    }

    private static Found inherited(TypeDescription type, MethodDescription method) {
        TypeList erasures = method.getParameters().asTypeList().asErasures();
        Set<String> seen = new HashSet<>();
        Deque<TypeDefinition> queue = new ArrayDeque<>();
        enqueueSupertypes(type, queue);
        while (!queue.isEmpty()) {
            TypeDefinition current = queue.poll();
            TypeDescription erasure = current.asErasure();
            if (isPlatform(erasure.getName()) || !seen.add(erasure.getName())) {
                continue;
            }
            for (MethodDescription candidate : current.getDeclaredMethods()) {
                if (candidate.isMethod()
                        && !candidate.isPrivate()
                        && !candidate.isStatic()
                        && !candidate.isBridge()
                        && candidate.getName().equals(method.getName())
                        && candidate.getParameters().asTypeList().asErasures().equals(erasures)) {
                    List<Declaration> declarations = Annotations.declarations(candidate.getDeclaredAnnotations());
                    if (!declarations.isEmpty()) {
                        return found(erasure, declarations);
                    }
                }
            }
            enqueueSupertypes(current, queue);
        }
        return null;
    }

    private static void enqueueSupertypes(TypeDefinition type, Deque<TypeDefinition> queue) {
        TypeDefinition superClass = type.getSuperClass();
        if (superClass != null) {
            queue.add(superClass);
        }
        List<TypeDefinition> interfaces = new ArrayList<>(type.getInterfaces());
        queue.addAll(interfaces);
    }

    static boolean isPlatform(String name) {
        return name.startsWith("java.")
                || name.startsWith("javax.")
                || name.startsWith("jdk.")
                || name.startsWith("sun.")
                || name.startsWith("com.sun.");
    }
}
