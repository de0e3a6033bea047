package dev.larder.processor.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Finds the methods of a type that Larder annotations apply to: annotated where they are declared, or overriding or
 * implementing an annotated method of a superclass or interface (the nearest annotated declaration wins).
 */
public final class TypeScanner {
    private final Env env;

    public TypeScanner(Env env) {
        this.env = env;
    }

    /** The instance methods of the type, each with the declaration whose annotations apply to it, if any. */
    public List<Member> members(TypeElement type) {
        List<ExecutableElement> methods = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(env.elements().getAllMembers(type))) {
            if (method.getModifiers().contains(Modifier.STATIC)
                    || method.getModifiers().contains(Modifier.PRIVATE)
                    || isObjectMethod(method)) {
                continue;
            }
            methods.add(method);
        }
        // Keep one method per signature: the one that overrides the others.
        methods.removeIf(m ->
                methods.stream().anyMatch(o -> o != m && env.elements().overrides(o, m, type)));
        List<Member> members = new ArrayList<>();
        for (ExecutableElement method : methods) {
            members.add(new Member(method, annotatedDeclaration(method, type)));
        }
        return members;
    }

    /** A method of a type, with the declaration that carries its annotations. */
    public record Member(ExecutableElement method, Optional<ExecutableElement> annotated) {}

    private Optional<ExecutableElement> annotatedDeclaration(ExecutableElement method, TypeElement type) {
        if (Annotation.hasAny(method)) {
            return Optional.of(method);
        }
        for (TypeElement supertype : supertypes(type)) {
            for (ExecutableElement candidate : ElementFilter.methodsIn(supertype.getEnclosedElements())) {
                if (candidate.getSimpleName().equals(method.getSimpleName())
                        && Annotation.hasAny(candidate)
                        && candidate != method
                        && env.elements().overrides(method, candidate, type)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Every supertype, nearest first: the superclass chain before the interfaces. */
    private Set<TypeElement> supertypes(TypeElement type) {
        Set<TypeElement> found = new LinkedHashSet<>();
        List<TypeMirror> queue = new ArrayList<>(env.types().directSupertypes(type.asType()));
        while (!queue.isEmpty()) {
            TypeMirror next = queue.remove(0);
            if (next instanceof DeclaredType declared) {
                Element element = declared.asElement();
                if (element instanceof TypeElement supertype && found.add(supertype)) {
                    queue.addAll(env.types().directSupertypes(next));
                }
            }
        }
        return found;
    }

    private static boolean isObjectMethod(ExecutableElement method) {
        return ((TypeElement) method.getEnclosingElement()).getQualifiedName().contentEquals("java.lang.Object");
    }
}
