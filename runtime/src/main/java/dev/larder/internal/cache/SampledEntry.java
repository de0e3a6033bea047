package dev.larder.internal.cache;

import org.jspecify.annotations.Nullable;

/**
 * A plain entry of a key the size advisor samples: it also keeps the key's sample, so that a hit on it shows itself to
 * the advisor without hashing the key. 32 bytes with compressed references; only sampled keys pay for it (1 in 256 at
 * a maximum size of 1,000,000), the others are a 24-byte {@link Entry}. Final, so that a hit tells the two apart by the
 * entry's class alone (see {@link LocalCache#sampleHit}).
 */
final class SampledEntry extends Entry {
    private final int sample;

    SampledEntry(@Nullable Object value, long writtenAt, long ttlNanos, int sample) {
        super(value, writtenAt, ttlNanos);
        this.sample = sample;
    }

    @Override
    int sample() {
        return sample;
    }
}
