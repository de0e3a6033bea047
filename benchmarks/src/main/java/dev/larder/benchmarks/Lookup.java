package dev.larder.benchmarks;

/**
 * The three cached methods every contender offers, one per key shape. Each contender caches each method in its own
 * cache, keyed as its users would key it; on a miss each calls its {@link Source}.
 */
public interface Lookup {
    /** Key shape "one {@code int}". */
    String byId(int id);

    /** Key shape "two parameters": {@code (int, String)}. */
    String byIdAndTenant(int id, String tenant);

    /** Key shape "a property path": {@code {user.id}} of a bean argument. */
    String byUser(User user);
}
