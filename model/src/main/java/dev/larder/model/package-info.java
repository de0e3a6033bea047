/**
 * The one model of a cached method, shared by every mode. A front end (the annotation processor over javac elements,
 * the weaver over class files and rules lines) presents a method as a {@link dev.larder.model.MethodSource};
 * {@link dev.larder.model.MethodModel} validates its annotations with every rule and message, written once, into
 * {@link dev.larder.model.Operation}s, from which the runtime's specs ({@link dev.larder.model.CachedSpec}, ...) are
 * made, or into {@link dev.larder.model.Problem}s that the front end reports in its own medium. Key templates and
 * durations are parsed here, once.
 *
 * <p>Code in this package uses loops rather than lambdas and streams: the weaver runs it while the application's
 * classes load, where the first use of each lambda costs a generated class.
 */
@NullMarked
package dev.larder.model;

import org.jspecify.annotations.NullMarked;
