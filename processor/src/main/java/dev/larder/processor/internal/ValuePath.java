package dev.larder.processor.internal;

import dev.larder.model.Target;
import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * One placeholder of a template, resolved: the parameter (or {@code result}) it starts from and the accessors that
 * follow it, as in {@code user} then {@code getAddress()}, {@code getCity()}.
 *
 * @param root a parameter name, {@code result} or {@code this}
 * @param rootType the declared type of that parameter or result
 * @param accessors the calls or fields that follow, empty for the parameter itself
 * @param type the type of the whole path
 */
public record ValuePath(String root, TypeMirror rootType, List<String> accessors, TypeMirror type) {
    public ValuePath {
        accessors = List.copyOf(accessors);
    }

    public boolean usesResult() {
        return root.equals("result");
    }

    /** {@code {this.path}} or {@code {this.class}}: the object the method is called on. */
    public boolean usesTarget() {
        return root.equals(Target.THIS);
    }

    /** {@code {this.class}}: the runtime class name of the object the method is called on. */
    public boolean isTargetClass() {
        return usesTarget() && accessors.equals(List.of(Target.CLASS));
    }
}
