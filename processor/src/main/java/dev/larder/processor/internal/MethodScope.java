package dev.larder.processor.internal;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * What templates of one annotated method may name.
 *
 * @param parameters the parameters in order, by source name
 * @param result the return type, empty for {@code void}
 * @param target what {@code {this}} reads: the annotated class as its generated subclass sees it, or for an interface
 *     the public members of the implementation the wrapper delegates to; empty for a static method
 */
record MethodScope(
        ExecutableElement method,
        TypeElement declaringType,
        Map<String, ElementTypeModel> parameters,
        Optional<ElementTypeModel> result,
        Optional<ElementTypeModel> target) {}
