/**
 * Larder's Java agent: weaves caching into classes as they load ({@link dev.larder.agent.LarderAgent}).
 *
 * <p>Start-up: the agent starts before the application's {@code main} and sees every class the JVM loads, so it
 * decides much of an application's start-up time. Its code on those paths uses loops and named classes rather than
 * lambdas, method references, streams and {@code computeIfAbsent} with a lambda (the first use of each lambda costs the
 * JVM a generated class at that moment), and no regular expressions or {@code String.format}. It logs its INFO lines
 * on a thread of its own ({@code InfoLines}), once no class has loaded for a second: the first line logged starts the
 * logging system, which the agent thus keeps off the application's start-up. A class that {@code
 * LarderTransformer.transform} needs is loaded before the transformer is installed, since a class loaded inside it
 * passes through it too.
 */
package dev.larder.agent;
