package dev.larder.internal.log;

import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The loggers of Larder's code, asked for as the application's own code would ask for them.
 *
 * <p>From the agent's jar, the JVM's bootstrap loader defines the runtime (see the agent's {@code AgentJar}), and
 * {@link System#getLogger} takes a caller of that loader for part of the JDK: it hands out a system logger, which a
 * {@code java.util.logging} manager bridging to another framework (Log4j's, JBoss's) never sees, so the application's
 * logging would neither show nor silence Larder's lines. A logger is then asked of the {@link System.LoggerFinder}
 * for the system class loader's unnamed module instead, on first use, as {@code System.getLogger} defers a system
 * logger's: an application's start does not pay for the logging system until something is logged.
 */
public final class Logs {
    private Logs() {}

    /** The logger named {@code name}. */
    public static System.Logger get(String name) {
        return Logs.class.getClassLoader() != null ? System.getLogger(name) : new Deferred(name);
    }

    /** Finds its logger when first asked anything. */
    private static final class Deferred implements System.Logger {
        private final String name;
        private volatile System.@Nullable Logger logger;

        Deferred(String name) {
            this.name = name;
        }

        private System.Logger logger() {
            System.Logger found = logger;
            if (found == null) {
                found = System.LoggerFinder.getLoggerFinder()
                        .getLogger(name, ClassLoader.getSystemClassLoader().getUnnamedModule());
                logger = found;
            }
            return found;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return logger().isLoggable(level);
        }

        @Override
        public void log(Level level, String message) {
            logger().log(level, message);
        }

        @Override
        public void log(Level level, Supplier<String> message) {
            logger().log(level, message);
        }

        @Override
        public void log(Level level, String message, Throwable thrown) {
            logger().log(level, message, thrown);
        }

        @Override
        public void log(Level level, @Nullable ResourceBundle bundle, String message, @Nullable Throwable thrown) {
            logger().log(level, bundle, message, thrown);
        }

        @Override
        public void log(Level level, @Nullable ResourceBundle bundle, String format, Object... params) {
            logger().log(level, bundle, format, params);
        }
    }
}
