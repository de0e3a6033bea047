package dev.larder.processor.internal;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * A method declaration with valid Larder annotations: what every override of it in a generated class does.
 *
 * @param declaration the annotated method, whose parameter names the templates use
 * @param site the method as the runtime names it, {@code com.acme.Catalog#find(int)}
 * @param steps invalidations before, the main operation (if any), then invalidations after, in that order
 */
public record AnnotatedMethod(ExecutableElement declaration, String site, List<Step> steps) {
    public AnnotatedMethod {
        steps = List.copyOf(steps);
    }
}
