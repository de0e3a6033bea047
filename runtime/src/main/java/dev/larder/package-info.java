/**
 * The Larder runtime API: {@link dev.larder.Larder} and its configuration. Everything under {@code
 * dev.larder.internal} is called by generated and woven code and carries no compatibility promise.
 */
@NullMarked
package dev.larder;

import org.jspecify.annotations.NullMarked;
