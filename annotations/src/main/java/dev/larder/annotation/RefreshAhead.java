package dev.larder.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Refreshes hot entries before they expire. Used together with {@link Cached}.
 *
 * <p>A read that finds an entry older than {@code at × ttl} returns the current value at once and triggers one
 * background reload of that key; there is never more than one reload of a key at a time. Entries nobody reads are left
 * to expire, so only hot keys are refreshed. A reload that fails leaves the current value in place until it expires.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RefreshAhead {

    /** The fraction of the TTL after which a read schedules a refresh; strictly between 0 and 1. */
    double at() default 0.8;

    /**
     * When greater than 0, the refresh moment is randomised per read with the XFetch rule (Vattani et al., VLDB 2015):
     * a read refreshes when {@code age + loadTime × beta × -ln(random) ≥ at × ttl}, so that many JVMs do not refresh a
     * hot key at the same instant and slow loads start earlier. {@code 1} is the usual choice; 0 turns it off.
     */
    double beta() default 0;
}
