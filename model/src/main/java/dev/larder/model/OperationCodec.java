package dev.larder.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One operation and its site as one string constant, so that woven code passes a single constant instead of a dozen
 * positional arguments. Each field is its length, {@code ':'} and its text, so any text survives; durations are
 * nanoseconds, {@code ""} for an unset TTL; a fraction ({@code refreshAt}, {@code refreshBeta}, a TTL jitter) is
 * {@code 'x'} and the hexadecimal bits of its {@code double}, {@code ""} for an unset jitter; fields added later come
 * last (constants written before they existed decode without). Fractions written as decimal text by earlier versions
 * still decode. The bits are exact and cost no floating-point formatting or parsing while woven classes load.
 * Stateless and thread-safe.
 */
public final class OperationCodec {
    private OperationCodec() {}

    /** A decoded constant. */
    public record Decoded(String site, Operation operation) {}

    public static String encode(String site, Operation operation) {
        List<String> fields = new ArrayList<>();
        if (operation instanceof Operation.Cached c) {
            fields.addAll(List.of("C", site, c.cache(), c.key(), nanos(c.ttl()), String.valueOf(c.cacheNull())));
            fields.addAll(List.of(c.result().name(), fraction(c.refreshAt()), fraction(c.refreshBeta())));
            fields.add(fraction(c.ttlJitter()));
            fields.add(c.keyArguments() == null ? "-" : c.keyArguments());
            fields.add(TagTemplates.join(c.tags()));
        } else if (operation instanceof Operation.CachedAll a) {
            fields.addAll(
                    List.of("A", site, a.cache(), a.key(), nanos(a.ttl()), String.valueOf(a.cacheNull()), a.keys()));
        } else if (operation instanceof Operation.WriteThrough w) {
            fields.addAll(List.of("T", site, w.cache(), w.key(), w.value(), nanos(w.ttl()), fraction(w.ttlJitter())));
        } else if (operation instanceof Operation.WriteBehind w) {
            fields.addAll(List.of("B", site, w.cache(), w.key(), w.value(), nanos(w.ttl()), nanos(w.delay())));
            fields.addAll(List.of(
                    String.valueOf(w.batchSize()),
                    w.batchMethod(),
                    String.valueOf(w.coalesce()),
                    String.valueOf(w.maxRetries()),
                    fraction(w.ttlJitter())));
        } else {
            Operation.Invalidate i = (Operation.Invalidate) operation;
            fields.addAll(List.of("I", site, i.cache(), i.key(), String.valueOf(i.all()), String.valueOf(i.before())));
            fields.add(TagTemplates.join(i.tags()));
        }
        StringBuilder out = new StringBuilder();
        for (String field : fields) {
            out.append(field.length()).append(':').append(field);
        }
        return out.toString();
    }

    /**
     * @throws IllegalArgumentException when {@code encoded} is not what {@link #encode} writes
     */
    public static Decoded decode(String encoded) {
        List<String> f = fields(encoded);
        String site = f.get(1);
        Operation operation = switch (f.get(0)) {
            case "C" ->
                new Operation.Cached(
                        f.get(2),
                        f.get(3),
                        duration(f.get(4)),
                        Boolean.parseBoolean(f.get(5)),
                        resultKind(f.get(6), encoded),
                        fraction(f.get(7)),
                        fraction(f.get(8)),
                        fraction(f, 9),
                        f.size() > 10 && !f.get(10).equals("-") ? f.get(10) : null,
                        tags(f, 11));
            case "A" ->
                new Operation.CachedAll(
                        f.get(2), f.get(3), duration(f.get(4)), Boolean.parseBoolean(f.get(5)), f.get(6));
            case "T" -> new Operation.WriteThrough(f.get(2), f.get(3), f.get(4), duration(f.get(5)), fraction(f, 6));
            case "B" ->
                new Operation.WriteBehind(
                        f.get(2),
                        f.get(3),
                        f.get(4),
                        duration(f.get(5)),
                        Duration.ofNanos(Long.parseLong(f.get(6))),
                        Integer.parseInt(f.get(7)),
                        f.get(8),
                        Boolean.parseBoolean(f.get(9)),
                        Integer.parseInt(f.get(10)),
                        fraction(f, 11));
            case "I" ->
                new Operation.Invalidate(
                        f.get(2), f.get(3), Boolean.parseBoolean(f.get(4)), Boolean.parseBoolean(f.get(5)), tags(f, 6));
            default -> throw new IllegalArgumentException("not an encoded operation: " + encoded);
        };
        return new Decoded(site, operation);
    }

    private static List<String> fields(String encoded) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        try {
            while (i < encoded.length()) {
                int colon = encoded.indexOf(':', i);
                int end = colon + 1 + Integer.parseInt(encoded.substring(i, colon));
                fields.add(encoded.substring(colon + 1, end));
                i = end;
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an encoded operation: " + encoded, e);
        }
        return fields;
    }

    /** The tags field, absent from constants written before tags existed. */
    private static List<String> tags(List<String> fields, int index) {
        return index < fields.size() ? TagTemplates.split(fields.get(index)) : List.of();
    }

    private static String nanos(@Nullable Duration duration) {
        return duration == null ? "" : String.valueOf(duration.toNanos());
    }

    private static String fraction(@Nullable Double fraction) {
        return fraction == null ? "" : fraction(fraction.doubleValue());
    }

    private static String fraction(double fraction) {
        return "x".concat(Long.toHexString(Double.doubleToRawLongBits(fraction)));
    }

    private static @Nullable Double fraction(List<String> fields, int at) {
        return at >= fields.size() || fields.get(at).isEmpty() ? null : fraction(fields.get(at));
    }

    /** A fraction as {@link #fraction(double)} writes it, or as decimal text (constants of earlier versions). */
    private static double fraction(String field) {
        return !field.isEmpty() && field.charAt(0) == 'x'
                ? Double.longBitsToDouble(Long.parseUnsignedLong(field, 1, field.length(), 16))
                : Double.parseDouble(field);
    }

    /** By name, without {@code Enum.valueOf}, which reflects on the enum's first use. */
    private static ResultKind resultKind(String name, String encoded) {
        for (ResultKind kind : ResultKind.values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("not an encoded operation: " + encoded);
    }

    private static @Nullable Duration duration(String nanos) {
        return nanos.isEmpty() ? null : Duration.ofNanos(Long.parseLong(nanos));
    }
}
