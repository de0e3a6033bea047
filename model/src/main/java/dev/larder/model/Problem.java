package dev.larder.model;

import org.jspecify.annotations.Nullable;

/**
 * Why a method's annotations cannot be applied, for a front end to report in its own medium (a compiler error on the
 * attribute, a weaver error naming the method).
 *
 * @param tag a stable word users can search for, such as {@code LarderKeyTemplate}
 * @param declaration the annotation it concerns, or null when it concerns the method as a whole
 * @param attribute the attribute it concerns, or {@code ""} for the whole annotation
 * @param message the message, starting with the site: {@code com.acme.Catalog#find(int): ...}
 */
public record Problem(String tag, @Nullable Declaration declaration, String attribute, String message) {
    /** The message with its tag: {@code [LarderKeyTemplate] com.acme.Catalog#find(int): ...}. */
    public String tagged() {
        return "[" + tag + "] " + message;
    }
}
