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
 */
record MethodScope(
        ExecutableElement method,
        TypeElement declaringType,
        Map<String, ElementTypeModel> parameters,
        Optional<ElementTypeModel> result) {}
