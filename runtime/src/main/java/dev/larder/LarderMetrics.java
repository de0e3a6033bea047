package dev.larder;

import dev.larder.internal.metrics.MicrometerSupport;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Publishes Larder's caches in a Micrometer registry of the application's. Separate from {@link Larder} so that only
 * an application that has Micrometer ever links a Micrometer type.
 *
 * <p>Each cache gets the meters of Micrometer's own cache binders, tagged {@code cache=<name>} and {@code
 * cache.manager=larder}: {@code cache.gets} ({@code result=hit|miss}), {@code cache.puts}, {@code cache.evictions},
 * {@code cache.size}, {@code cache.load} ({@code result=success|failure}) and {@code cache.load.duration}; and Larder's
 * own figures as {@code larder.*} meters tagged {@code cache} (refresh-ahead, waits, write-behind, backend calls and
 * errors, the circuit breaker). With Micrometer on the class path the same meters go to Micrometer's global registry
 * unless {@code larder.metrics=none}.
 */
public final class LarderMetrics {
    private LarderMetrics() {}

    /**
     * Publishes every cache in {@code registry}: the caches in use now and those first used later. Meters read
     * Larder's counters when the registry reads them; the cache calls themselves do no more work. Thread-safe;
     * binding the same registry again does nothing. The registry's Micrometer may be in a class loader below
     * Larder's own (the agent's runtime, an application in a nested jar).
     *
     * @throws IllegalArgumentException when the registry's class loader has no Micrometer that this runtime can link
     */
    public static void bindTo(MeterRegistry registry) {
        MicrometerSupport.bindTo(Objects.requireNonNull(registry, "registry"));
    }
}
