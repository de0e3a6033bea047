package dev.larder.it.agent.app;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A {@code java.util.logging.manager} that hands out loggers of its own and registers none, as those that bridge to
 * another logging framework do (Log4j's, JBoss's): each line goes to standard error as {@code BRIDGE LEVEL logger:
 * first line of the message}, and {@code -Dbridge.mute=true} silences Larder's loggers.
 */
public class BridgingLogManager extends LogManager {
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();

    @Override
    public boolean addLogger(Logger logger) {
        return false;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, Bridged::new);
    }

    @Override
    public Enumeration<String> getLoggerNames() {
        return Collections.enumeration(loggers.keySet());
    }

    private static final class Bridged extends Logger {
        Bridged(String name) {
            super(name, null);
        }

        @Override
        public boolean isLoggable(Level level) {
            return !(getName().startsWith("dev.larder") && Boolean.getBoolean("bridge.mute"));
        }

        @Override
        public void log(LogRecord record) {
            if (isLoggable(record.getLevel())) {
                String message =
                        String.valueOf(record.getMessage()).lines().findFirst().orElse("");
                System.err.println("BRIDGE " + record.getLevel() + " " + getName() + ": " + message);
            }
        }
    }
}
