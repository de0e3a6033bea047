package dev.larder.agent.weaver.advice;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Binds the parameter that is the second of a two-placeholder key (the first is {@link KeyPart}), so the key is built
 * without an argument array. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface SecondKeyPart {}
