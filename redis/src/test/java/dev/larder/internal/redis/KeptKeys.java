package dev.larder.internal.redis;

/** Test access, from other packages, to how many keys a cache keeps for replay (its writes Redis did not take). */
public final class KeptKeys {
    private KeptKeys() {}

    public static int count(RemoteCache cache) {
        return cache.keptCount();
    }
}
