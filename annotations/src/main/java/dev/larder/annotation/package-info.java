/**
 * The Larder caching annotations.
 *
 * <p>Put {@link dev.larder.annotation.Cached}, {@link dev.larder.annotation.WriteThrough}, {@link
 * dev.larder.annotation.WriteBehind}, {@link dev.larder.annotation.Invalidate} or {@link
 * dev.larder.annotation.RefreshAhead} on a method; Larder applies the behaviour at compile time (the annotation
 * processor), at build time (the Maven plugin) or at load time (the Java agent). All three behave the same.
 *
 * <h2>Key templates</h2>
 *
 * A key template is text with placeholders in braces. {@code {name}} is a parameter; {@code {name.a.b}} follows
 * getters ({@code getA()} or {@code isA()}), record accessors ({@code a()}) or public fields; {@code {result}} and
 * {@code {result.a}} are the return value where the annotation allows it. Literal text between placeholders is part
 * of the key: {@code "{tenant.id}:{user.id}"}. A {@code null} anywhere along a path makes that part of the key
 * {@code null}. The empty template means every parameter in order, and is the same key as the template that names
 * them separated by {@code ':'}: the default key of {@code find(String tenant, int id)} equals {@code
 * "{tenant}:{id}"}.
 *
 * <h2>Durations</h2>
 *
 * {@code ttl} and {@code delay} accept {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}, an ISO-8601
 * duration such as {@code PT10M}, or {@code 0} for no expiry.
 */
package dev.larder.annotation;
