package dev.larder.processor.internal;

import com.palantir.javapoet.CodeBlock;
import dev.larder.model.KeyTemplate;
import dev.larder.model.Literal;
import dev.larder.model.Segment;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The code that renders tag templates: each placeholder's value as {@link String#valueOf(Object)} writes it (a
 * primitive's digits, an array's identity), so the tags equal those the woven modes render from the same values.
 */
final class TagWriter {
    private final PathHelpers paths;

    TagWriter(PathHelpers paths) {
        this.paths = paths;
    }

    /** {@code new String[] {"author:" + String.valueOf(authorIdOf(result)), "catalogue"}}. */
    CodeBlock array(List<Template> tags, String result) {
        List<CodeBlock> rendered = new ArrayList<>();
        for (Template tag : tags) {
            rendered.add(tag(tag, result));
        }
        return CodeBlock.of("new String[] {$L}", CodeBlock.join(rendered, ", "));
    }

    private CodeBlock tag(Template tag, String result) {
        List<CodeBlock> parts = new ArrayList<>();
        int placeholder = 0;
        for (Segment segment : KeyTemplate.parse(tag.text()).segments()) {
            if (segment instanceof Literal literal) {
                parts.add(CodeBlock.of("$S", literal.text()));
            } else {
                ValuePath path = tag.parts().get(placeholder++);
                CodeBlock value = paths.expression(path, path.usesResult() ? result : path.root());
                // String.valueOf(char[]) would read the characters: the woven modes see the array as an Object
                parts.add(
                        isCharArray(path.type())
                                ? CodeBlock.of("$T.valueOf(($T) $L)", String.class, Object.class, value)
                                : CodeBlock.of("$T.valueOf($L)", String.class, value));
            }
        }
        return CodeBlock.join(parts, " + ");
    }

    private static boolean isCharArray(TypeMirror type) {
        return type instanceof ArrayType array && array.getComponentType().getKind() == TypeKind.CHAR;
    }
}
