package dev.larder.internal.writebehind;

/** The deferred body of one write-behind call: runs the original method body with that call's arguments. */
@FunctionalInterface
public interface Writer {
    void write() throws Throwable;
}
