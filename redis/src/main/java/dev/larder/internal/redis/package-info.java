/**
 * The Redis tier: remote caches shared by JVMs, alone ({@code larder.backend=redis}) or behind a local L1 ({@code
 * tiered}). Jedis and Jackson are optional dependencies: only {@link dev.larder.internal.redis.JedisOps} names Jedis
 * types and only {@link dev.larder.internal.redis.JsonCodec} names Jackson types, and neither is touched unless a
 * Redis backend is configured.
 */
@NullMarked
package dev.larder.internal.redis;

import org.jspecify.annotations.NullMarked;
