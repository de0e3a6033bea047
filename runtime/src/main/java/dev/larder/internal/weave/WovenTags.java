package dev.larder.internal.weave;

import dev.larder.internal.key.PathReader;
import dev.larder.model.KeyTemplate;
import dev.larder.model.Literal;
import dev.larder.model.Placeholder;
import dev.larder.model.Segment;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The tag templates of a woven method, compiled once: each placeholder's value as {@link String#valueOf(Object)}
 * writes it, as the generated code renders them, so both modes tag alike. Immutable and thread-safe.
 */
final class WovenTags {
    /** Per tag, its parts: a {@link String} literal or a {@link PathReader}. */
    private final Object[][] tags;

    private WovenTags(Object[][] tags) {
        this.tags = tags;
    }

    /**
     * @param resultType the declared return type, or null where the templates may not read {@code {result}}
     */
    static WovenTags compile(
            List<String> templates, List<String> names, List<Class<?>> parameters, @Nullable Class<?> resultType) {
        Object[][] tags = new Object[templates.size()][];
        for (int i = 0; i < tags.length; i++) {
            List<Object> parts = new ArrayList<>();
            for (Segment segment : KeyTemplate.parse(templates.get(i)).segments()) {
                parts.add(
                        segment instanceof Literal literal
                                ? literal.text()
                                : PathReader.compile(((Placeholder) segment).path(), names, parameters, resultType));
            }
            tags[i] = parts.toArray();
        }
        return new WovenTags(tags);
    }

    boolean isEmpty() {
        return tags.length == 0;
    }

    /** The tags of one call. */
    String[] render(@Nullable Object[] args, @Nullable Object result) {
        String[] rendered = new String[tags.length];
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tags.length; i++) {
            text.setLength(0);
            for (Object part : tags[i]) {
                text.append(part instanceof PathReader reader ? String.valueOf(reader.read(args, result)) : part);
            }
            rendered[i] = text.toString();
        }
        return rendered;
    }
}
