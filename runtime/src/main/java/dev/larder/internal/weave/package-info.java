/**
 * What woven code (the load-time agent and the build-time plugin) calls: one site object per woven method and
 * annotation, created once in the woven class's static initializer by {@link dev.larder.internal.weave.WovenMethods}
 * and held in a synthetic {@code private static final} field. Reflection happens there, once; the methods the woven
 * code calls per invocation do none.
 */
@NullMarked
package dev.larder.internal.weave;

import org.jspecify.annotations.NullMarked;
