/**
 * The Larder runtime API: {@link dev.larder.Larder} and its configuration. Everything under {@code
 * dev.larder.internal} is called by generated and woven code and carries no compatibility promise.
 *
 * <p>Start-up: the runtime starts on an application's first cached call, on that call's thread, and each class's
 * first call makes its handles, so configuration, caches, counters and handles are built while the application
 * starts. Code on that path, in this module, uses loops and named classes rather than lambdas, method references and
 * streams (the first use of each lambda costs the JVM a generated class at that moment), and no regular expressions.
 * That is why named classes implementing {@code Function} and the like stand where a lambda would be expected.
 */
@NullMarked
package dev.larder;

import org.jspecify.annotations.NullMarked;
