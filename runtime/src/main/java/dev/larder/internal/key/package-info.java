/**
 * Key templates, local keys and their encoding for remote tiers.
 *
 * <p>{@link dev.larder.model.KeyTemplate} parses a template; its {@link dev.larder.internal.key.KeyShape} is
 * the literal skeleton that, with the placeholders' values, makes a key through {@link dev.larder.internal.key.Keys}
 * (generated code) or {@link dev.larder.internal.key.KeyRenderer} (woven code), which produce equal keys for equal
 * values. {@link dev.larder.internal.key.KeyEncoder} turns a key into the string stored in Redis, and {@link
 * dev.larder.model.TemplateValidator} checks a template against a method signature for every mode.
 */
@NullMarked
package dev.larder.internal.key;

import org.jspecify.annotations.NullMarked;
