package dev.larder.internal.tier;

import org.jspecify.annotations.Nullable;

/**
 * What a load hands to the callers waiting on it when they must not return its value: they may have started after a
 * write that the load's value is older than, so they run the method themselves.
 */
record Superseded(@Nullable Object value) {}
