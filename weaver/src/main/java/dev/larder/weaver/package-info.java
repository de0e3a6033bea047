/**
 * Larder's weaver: reads class files and rules, and weaves caching into methods in place ({@link
 * dev.larder.weaver.LarderWeaver}), for the agent as classes load and for the Maven plugin at build time.
 *
 * <p>Start-up: the agent runs this code on the thread that loads each class, while the application starts. It uses
 * loops and named classes rather than lambdas, method references and streams (the first use of each lambda costs the
 * JVM a generated class at that moment), and no regular expressions or {@code String.format}, but for the messages of
 * a problem and the reading of a rules file.
 */
package dev.larder.weaver;
