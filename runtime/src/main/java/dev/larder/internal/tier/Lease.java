package dev.larder.internal.tier;

/**
 * The right of one load to store its value in a remote tier, as that tier took it; opaque to the single-flight core,
 * which only hands it back to the tier's hooks ({@code storeRemote}, {@code holds}, {@code release}, {@code
 * withdraw}). Implemented by the Redis tier's lease ({@code larder-redis}).
 */
public interface Lease {}
