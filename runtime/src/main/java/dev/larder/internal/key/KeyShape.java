package dev.larder.internal.key;

import dev.larder.model.KeyTemplate;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The literal skeleton of a key template: the texts before, between and after its placeholders. Placeholder names
 * are not part of it, so {@code {a}:{b}} and {@code {x}:{y}} have equal shapes and produce equal keys for equal
 * values. Immutable; shapes are interned, so equal shapes are normally the same instance and {@link #equals} is
 * usually an identity check. The hash code is computed once.
 */
public final class KeyShape {
    private static final ConcurrentMap<List<String>, KeyShape> INTERNED = new ConcurrentHashMap<>();

    /** The shape of {@code {x}}: one value and no literal text. */
    public static final KeyShape SINGLE_VALUE = intern(List.of("", ""));

    private final List<String> literals;
    private final int hash;
    private final int placeholderCount;
    private final boolean singleValue;
    private final @Nullable Object constantKey;
    private final String encodingSpecials;
    private final @Nullable RuntimeException failure;

    private KeyShape(List<String> literals) {
        this.failure = null;
        this.literals = literals;
        this.hash = literals.hashCode();
        this.placeholderCount = literals.size() - 1; // a field: every key built checks it
        this.singleValue = literals.size() == 2
                && literals.get(0).isEmpty()
                && literals.get(1).isEmpty();
        this.encodingSpecials = encodingSpecials(literals);
        // a template without placeholders has one key; built once so that its hits allocate nothing
        this.constantKey = literals.size() == 1 ? new CompositeKey.OfN(this, new Object[0]) : null;
    }

    /** The interned shape of a template: templates with the same literals share it. */
    public static KeyShape of(KeyTemplate template) {
        return intern(template.literals());
    }

    /**
     * A shape of {@code of}'s literals with which every key fails with {@code failure}: a handle created while the
     * configuration is broken keys its calls with it, so each call throws the configuration's error (see {@link
     * Keys}). Not interned; equal to no other shape.
     */
    public static KeyShape failing(KeyShape of, RuntimeException failure) {
        return new KeyShape(of.literals, Objects.requireNonNull(failure, "failure"));
    }

    private KeyShape(List<String> literals, RuntimeException failure) {
        this.failure = failure;
        this.literals = literals;
        this.hash = System.identityHashCode(this);
        this.placeholderCount = -1; // no number of parts matches: every key is refused
        this.singleValue = false;
        this.encodingSpecials = KeyEncoder.ALWAYS_ESCAPED;
        this.constantKey = null;
    }

    /** The error every key of this shape fails with, or null for a shape that makes keys. */
    @Nullable
    RuntimeException failure() {
        return failure;
    }

    /** The one key of a shape without placeholders. */
    Object constantKey() {
        return Objects.requireNonNull(constantKey, "constantKey");
    }

    /**
     * The shared shape with these literals: {@code literals.get(i)} precedes placeholder {@code i} and the last one
     * follows the last placeholder, so a template with {@code n} placeholders has {@code n + 1} literals, empty where
     * there is no text.
     */
    public static KeyShape intern(List<String> literals) {
        List<String> copy = List.copyOf(literals);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a key shape has at least one literal (possibly empty)");
        }
        KeyShape shape = INTERNED.get(copy);
        if (shape == null) { // not computeIfAbsent with a constructor reference: this runs as the application starts
            KeyShape created = new KeyShape(copy);
            shape = INTERNED.putIfAbsent(copy, created);
            if (shape == null) {
                shape = created;
            }
        }
        return shape;
    }

    /** The shape of {@code {a}:{b}:…} with {@code count} placeholders, the default template's shape. */
    public static KeyShape ofParameters(int count) {
        return KeyShape.of(KeyTemplate.ofParameters(Collections.nCopies(count, "p")));
    }

    /**
     * The characters {@link KeyEncoder} escapes in values of this shape: the fixed ones and the first character of
     * each literal between two placeholders, so that a value never runs into the literal that follows it.
     */
    String encodingSpecials() {
        return encodingSpecials;
    }

    private static String encodingSpecials(List<String> literals) {
        StringBuilder specials = new StringBuilder(KeyEncoder.ALWAYS_ESCAPED);
        for (int i = 1; i < literals.size() - 1; i++) {
            String literal = literals.get(i);
            if (!literal.isEmpty() && specials.indexOf(literal.substring(0, 1)) < 0) {
                specials.append(literal.charAt(0));
            }
        }
        return specials.toString();
    }

    /** The literal texts, one more than there are placeholders. */
    public List<String> literals() {
        return literals;
    }

    public String literal(int index) {
        return literals.get(index);
    }

    public int placeholderCount() {
        return placeholderCount;
    }

    /** Exactly one placeholder and no literal text: keys of this shape are the value itself. */
    public boolean isSingleValue() {
        return singleValue;
    }

    @Override
    public boolean equals(Object o) {
        return o == this
                || (o instanceof KeyShape other
                        && hash == other.hash
                        && failure == null
                        && other.failure == null
                        && literals.equals(other.literals));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The skeleton with anonymous placeholders: {@code user:{}:{}}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(literals.get(0));
        for (int i = 1; i < literals.size(); i++) {
            text.append("{}").append(literals.get(i));
        }
        return text.toString();
    }
}
