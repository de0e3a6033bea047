package dev.larder.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tags} attribute of {@code @Cached} and {@code @Invalidate} as one text: front ends hand list attributes
 * to {@link Declaration} joined by {@link #SEPARATOR}, and the rules file writes them comma-separated. Stateless.
 */
public final class TagTemplates {
    /** Joins the elements of a list attribute in a {@link Declaration}: a line break is no part of a tag. */
    public static final String SEPARATOR = "\n";

    private TagTemplates() {}

    /** The tags of an attribute's text, {@code ""} giving none. */
    public static List<String> split(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = text.indexOf(SEPARATOR, start);
            tags.add(end < 0 ? text.substring(start) : text.substring(start, end));
            if (end < 0) {
                return List.copyOf(tags);
            }
            start = end + SEPARATOR.length();
        }
    }

    /** The attribute's text for {@code tags}. */
    public static String join(List<String> tags) {
        return String.join(SEPARATOR, tags);
    }
}
