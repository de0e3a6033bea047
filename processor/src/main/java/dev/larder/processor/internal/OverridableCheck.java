package dev.larder.processor.internal;

import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Reports annotated methods that the generated subclass cannot override: the generated code overrides the method, so
 * the method and its type must allow it.
 */
final class OverridableCheck {
    private static final String TAG = "LarderNotOverridable";
    private final Reporter reporter;

    OverridableCheck(Reporter reporter) {
        this.reporter = reporter;
    }

    void check(ExecutableElement method, TypeElement type, String annotation) {
        String name = method.getSimpleName().toString();
        for (Modifier modifier : new Modifier[] {Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL}) {
            if (method.getModifiers().contains(modifier)) {
                reporter.error(
                        TAG,
                        annotation + " method " + name + " must not be " + modifier
                                + ": Larder overrides it in a generated subclass; remove '" + modifier + "'",
                        method);
            }
        }
        if (type.getKind() == ElementKind.ENUM || type.getKind() == ElementKind.RECORD) {
            reporter.error(
                    TAG,
                    annotation + " method " + name + " is in "
                            + type.getKind().toString().toLowerCase(java.util.Locale.ROOT) + " " + type.getSimpleName()
                            + ", which cannot be subclassed; move it to a class",
                    method);
        } else if (type.getKind() == ElementKind.CLASS && type.getModifiers().contains(Modifier.FINAL)) {
            reporter.error(
                    TAG,
                    annotation + " method " + name + " is in final class " + type.getSimpleName()
                            + ": Larder generates a subclass; remove 'final' from the class",
                    method);
        }
        checkReachable(method, type, annotation);
        if (type.getKind() == ElementKind.CLASS && !hasUsableConstructor(type)) {
            reporter.error(
                    "LarderConstructor",
                    annotation + " method " + name + " is in class " + type.getSimpleName()
                            + ", which has no non-private constructor for the generated subclass to call; add a"
                            + " package-private, protected or public constructor",
                    method);
        }
    }

    private void checkReachable(ExecutableElement method, TypeElement type, String annotation) {
        TypeElement current = type;
        while (true) {
            if (current.getNestingKind() == NestingKind.LOCAL || current.getNestingKind() == NestingKind.ANONYMOUS) {
                reporter.error(
                        TAG,
                        annotation + " method " + method.getSimpleName()
                                + " is in a local or anonymous class; move it to a top-level or static nested class",
                        method);
                return;
            }
            if (current.getModifiers().contains(Modifier.PRIVATE)) {
                reporter.error(
                        TAG,
                        annotation + " method " + method.getSimpleName() + " is in private type "
                                + current.getSimpleName() + "; make the type package-private or wider",
                        method);
                return;
            }
            if (current.getNestingKind() != NestingKind.MEMBER) {
                return;
            }
            if (current.getKind() == ElementKind.CLASS
                    && !current.getModifiers().contains(Modifier.STATIC)) {
                reporter.error(
                        TAG,
                        annotation + " method " + method.getSimpleName() + " is in inner class "
                                + current.getSimpleName() + "; make the class static",
                        method);
                return;
            }
            current = (TypeElement) current.getEnclosingElement();
        }
    }

    private static boolean hasUsableConstructor(TypeElement type) {
        return ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                .anyMatch(c -> !c.getModifiers().contains(Modifier.PRIVATE));
    }
}
