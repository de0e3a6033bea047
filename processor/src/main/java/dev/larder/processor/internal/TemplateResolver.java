package dev.larder.processor.internal;

import dev.larder.model.KeyTemplate;
import dev.larder.model.Placeholder;
import dev.larder.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.type.TypeMirror;

/**
 * Resolves each placeholder of a template the model has validated to the accessors the generated code calls.
 */
final class TemplateResolver {
    private TemplateResolver() {}

    /** The template of valid text ({@code ""}: the constant key of a method without parameters). */
    static Template resolve(String text, MethodScope scope, Optional<ElementTypeModel> result) {
        if (text.isEmpty()) {
            return new Template(text, List.of(), false);
        }
        KeyTemplate template = KeyTemplate.parse(text);
        List<ValuePath> parts = new ArrayList<>();
        for (Placeholder placeholder : template.placeholders()) {
            parts.add(path(placeholder.path(), scope, result));
        }
        return new Template(template.text(), parts, template.isSingleValue());
    }

    static ValuePath path(List<String> path, MethodScope scope, Optional<ElementTypeModel> result) {
        String root = path.get(0);
        ElementTypeModel start = switch (root) {
            case Placeholder.RESULT -> result.orElseThrow();
            case Target.THIS -> scope.target().orElseThrow();
            default -> scope.parameters().get(root);
        };
        if (root.equals(Target.THIS) && path.get(1).equals(Target.CLASS)) {
            TypeMirror string =
                    start.elements().getTypeElement("java.lang.String").asType();
            return new ValuePath(root, start.type(), List.of(Target.CLASS), string);
        }
        ElementTypeModel current = start;
        List<String> accessors = new ArrayList<>();
        for (String property : path.subList(1, path.size())) {
            current = current.find(property).orElseThrow();
            accessors.add(current.accessor());
        }
        return new ValuePath(root, start.type(), accessors, current.type());
    }
}
