/**
 * Tag invalidation. Each tag has the moment of its last invalidation on one clock; a tagged entry keeps the clock
 * reading taken before its load ran, and is stale once one of its tags was invalidated after that reading. So an
 * invalidation makes every entry carrying the tag stale at once, in every cache, without finding them, and a load
 * that started before it never makes a fresh one.
 */
@NullMarked
package dev.larder.internal.tag;

import org.jspecify.annotations.NullMarked;
