package dev.larder;

/**
 * One point of a cache's estimated hit-ratio curve: the hit ratio the cache's lookups so far would have had with
 * {@code maxSize} entries. Estimated by the size advisor ({@code larder.cache.<name>.sizeAdvisor=true}) from a sample
 * of the lookups' keys replayed, with the invalidations, through Caffeine's own eviction policy at scale; values
 * written by write-through or write-behind and expiry are not replayed. Immutable.
 *
 * @param maxSize a candidate maximum size, in entries
 * @param hitRatio the estimated hits divided by lookups at that size, from 0 to 1
 * @param sampledLookups the sampled lookups the estimate rests on: the fewer, the less it can be trusted
 */
public record SizeEstimate(long maxSize, double hitRatio, long sampledLookups) {}
