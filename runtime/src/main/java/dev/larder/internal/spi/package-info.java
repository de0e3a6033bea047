/**
 * What an optional Larder module plugs into the runtime, found with {@link java.util.ServiceLoader}: today
 * {@code dev.larder:larder-redis}, through {@link dev.larder.internal.spi.RedisProvider}. The runtime names no class of
 * such a module, so it links and runs without it; asking for what the module provides without it on the class path is
 * a {@link dev.larder.ConfigurationException} that names the artifact to add.
 */
@NullMarked
package dev.larder.internal.spi;

import org.jspecify.annotations.NullMarked;
