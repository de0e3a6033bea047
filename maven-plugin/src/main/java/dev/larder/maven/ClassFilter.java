package dev.larder.maven;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which classes may be woven, by binary class name ({@code com.acme.Outer$Inner}): those matching an include pattern
 * (all, when there is none) and no exclude pattern. In a pattern {@code *} matches within one package segment and
 * {@code **} matches anything, dots included: {@code com.acme.**}, {@code **_Cached*}.
 */
final class ClassFilter {
    private final List<Pattern> includes;
    private final List<Pattern> excludes;
    private final String description;

    ClassFilter(List<String> includes, List<String> excludes) {
        this.includes = compile(includes);
        this.excludes = compile(excludes);
        this.description = "includes=" + includes + " excludes=" + excludes;
    }

    static ClassFilter all() {
        return new ClassFilter(List.of(), List.of());
    }

    boolean accepts(String className) {
        Objects.requireNonNull(className, "className");
        return (includes.isEmpty()
                        || includes.stream().anyMatch(p -> p.matcher(className).matches()))
                && excludes.stream().noneMatch(p -> p.matcher(className).matches());
    }

    @Override
    public String toString() {
        return description;
    }

    private static List<Pattern> compile(List<String> globs) {
        return globs.stream().map(ClassFilter::toRegex).map(Pattern::compile).collect(Collectors.toList());
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^.]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
