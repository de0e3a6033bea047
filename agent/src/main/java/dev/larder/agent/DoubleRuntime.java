package dev.larder.agent;

import java.lang.instrument.Instrumentation;

/**
 * Refuses an attach to an application that already runs Larder's runtime from its own class path. Attaching appends
 * the agent's jar to the bootstrap class path (its {@code Boot-Class-Path}), and class loaders ask the bootstrap
 * loader first: the runtime classes the application had loaded would stay its own, every one it loads afterwards would
 * come from the agent's jar, and the two halves cannot reach each other's package-private members. Started with the
 * application ({@code -javaagent}), the agent's copy is the only one from the start.
 */
final class DoubleRuntime {
    private DoubleRuntime() {}

    /** Whether the runtime is loaded outside the bootstrap loader while the agent is in it; logs the refusal if so. */
    static boolean loaded(Instrumentation instrumentation) {
        if (DoubleRuntime.class.getClassLoader() != null) {
            return false; // the agent is on the system class path (a renamed jar): class paths resolve as ever
        }
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (type.getClassLoader() != null && isRuntime(type.getName())) {
                AgentStartup.log().log(
                        System.Logger.Level.ERROR,
                        "Larder agent not attached: the application already runs Larder's runtime ("
                                + type.getName() + ", from " + type.getClassLoader()
                                + "), and an attached agent would split it in two. Start the application with"
                                + " -javaagent instead, or without larder-runtime on its class path");
                return true;
            }
        }
        return false;
    }

    /** A class of the runtime's packages: {@code dev.larder} itself and {@code dev.larder.internal.*}. */
    static boolean isRuntime(String className) {
        return className.startsWith("dev.larder.internal.")
                || (className.startsWith("dev.larder.") && className.indexOf('.', "dev.larder.".length()) < 0);
    }
}
