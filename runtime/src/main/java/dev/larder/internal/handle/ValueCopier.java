package dev.larder.internal.handle;

import dev.larder.Codec;
import dev.larder.ValueType;
import dev.larder.model.ResultKind;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Copies the values of a {@code larder.cache.<name>.copy} cache: encodes a value with the codec and decodes the bytes
 * into the method's declared type, so generic collections come back as declared ({@code List<Book>} as a list of
 * books). For {@code Optional} and future results the inner value is copied. Thread-safe when the codec is.
 */
final class ValueCopier {
    private final Codec codec;
    private final ValueType type;
    private final ResultKind result;
    private final String site;

    ValueCopier(Codec codec, ValueType type, ResultKind result, String site) {
        this.codec = codec;
        this.type = type;
        this.result = result;
        this.site = site;
    }

    /**
     * A copy of a value as the method returns it, sharing no mutable state with it.
     *
     * @throws IllegalStateException when the codec cannot encode the value or decode its bytes
     */
    @Nullable
    Object copy(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (result == ResultKind.OPTIONAL) {
            return Optional.ofNullable(copyInner(((Optional<?>) value).orElse(null)));
        }
        if (result == ResultKind.FUTURE) {
            CompletableFuture<?> future = (CompletableFuture<?>) value;
            if (future.isDone() && !future.isCompletedExceptionally()) {
                return CompletableFuture.completedFuture(copyInner(future.join()));
            }
            // Not done yet (a value handed to waiters before it is stored): each caller gets its own copy when it is.
            return future.thenApply(this::copyInner);
        }
        return copyInner(value);
    }

    private @Nullable Object copyInner(@Nullable Object inner) {
        if (inner == null) {
            return null;
        }
        try {
            return codec.decode(codec.encode(inner), type);
        } catch (Exception e) {
            throw new IllegalStateException(
                    site + ": a value of type " + inner.getClass().getName() + " could not be copied as " + type.name()
                            + " through the codec (larder.cache.<name>.copy=true)",
                    e);
        }
    }
}
