package dev.larder.processor.internal;

import com.palantir.javapoet.ClassName;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/** Names in generated code: of the generated type, and fresh names that clash with nothing else in a scope. */
final class Names {
    private final Set<String> taken = new HashSet<>();

    Names(Iterable<String> reserved) {
        reserved.forEach(taken::add);
    }

    /** {@code base}, or {@code base2}, {@code base3}… when taken. */
    String fresh(String base) {
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + i;
        }
        return name;
    }

    /** {@code Outer.Inner} generates {@code Outer_Inner_Cached} in the same package. */
    static ClassName generated(TypeElement type) {
        ClassName name = ClassName.get(type);
        return ClassName.get(name.packageName(), String.join("_", name.simpleNames()) + "_Cached");
    }

    /** {@code findById} becomes {@code FIND_BY_ID}. */
    static String constant(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
