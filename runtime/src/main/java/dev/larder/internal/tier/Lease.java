package dev.larder.internal.tier;

import dev.larder.internal.tag.TagStamp;

/**
 * The right of one load to store its value in a remote tier, as that tier took it; opaque to the single-flight core,
 * which only hands it back to the tier's hooks ({@code storeRemote}, {@code holds}, {@code release}, {@code
 * withdraw}). Implemented by the Redis tier's lease ({@code larder-redis}).
 */
public interface Lease {
    /**
     * The load holding this lease is of a tagged method: before its method runs, the remote tier reads what it needs
     * to stamp the value it stores (the remote tag clock). Nothing by default.
     */
    default void tagged() {}

    /** The tags of the value the load is about to store under this lease. Nothing by default. */
    default void tag(TagStamp stamp) {}
}
