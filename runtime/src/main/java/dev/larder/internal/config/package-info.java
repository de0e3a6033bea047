/**
 * Reading, validating and describing Larder's configuration keys. {@link dev.larder.LarderConfig} is the public face;
 * nothing here carries a compatibility promise.
 */
@NullMarked
package dev.larder.internal.config;

import org.jspecify.annotations.NullMarked;
