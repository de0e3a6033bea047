package dev.larder.processor.internal;

import dev.larder.model.KeyTemplate;
import dev.larder.model.TemplateValidator;
import dev.larder.model.TypeModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a key or value template, validates it with the runtime's {@link TemplateValidator} (the rules of every mode)
 * and resolves each placeholder to the accessors the generated code calls. Errors go on the attribute.
 */
final class TemplateResolver {
    private final Reporter reporter;

    TemplateResolver(Reporter reporter) {
        this.reporter = reporter;
    }

    /**
     * @param noResult why {@code {result}} is not allowed here, when {@code result} is empty
     * @return the template, or empty after reporting an error
     */
    Optional<Template> resolve(
            Annotation annotation,
            String attribute,
            String text,
            MethodScope scope,
            Optional<ElementTypeModel> result,
            TemplateValidator.NoResult noResult) {
        String where = "@" + annotation.simpleName() + "(" + attribute + " = \"" + text + "\")";
        KeyTemplate template;
        try {
            template = KeyTemplate.parse(text);
        } catch (IllegalArgumentException e) {
            reporter.error(
                    "LarderKeyTemplate",
                    scope.site() + ": " + where + " is malformed: " + e.getMessage(),
                    annotation,
                    attribute);
            return Optional.empty();
        }
        Map<String, TypeModel> parameters = new LinkedHashMap<>(scope.parameters());
        List<String> errors = TemplateValidator.validate(
                template, parameters, result.map(TypeModel.class::cast), noResult, scope.site());
        if (!errors.isEmpty()) {
            String tag = template.usesResult() && result.isEmpty() ? "LarderNoResult" : "LarderKeyTemplate";
            errors.forEach(error -> reporter.error(tag, error, annotation, attribute));
            return Optional.empty();
        }
        List<ValuePath> parts = new ArrayList<>();
        for (var placeholder : template.placeholders()) {
            parts.add(path(placeholder.path(), scope, result));
        }
        return Optional.of(new Template(template.text(), parts, template.isSingleValue()));
    }

    private static ValuePath path(List<String> path, MethodScope scope, Optional<ElementTypeModel> result) {
        String root = path.get(0);
        ElementTypeModel start = root.equals("result")
                ? result.orElseThrow()
                : scope.parameters().get(root);
        ElementTypeModel current = start;
        List<String> accessors = new ArrayList<>();
        for (String property : path.subList(1, path.size())) {
            current = current.find(property).orElseThrow();
            accessors.add(current.accessor());
        }
        return new ValuePath(root, start.type(), accessors, current.type());
    }
}
