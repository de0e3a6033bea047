package dev.larder;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what Larder logs under a logger name (through {@code System.Logger}, which goes to java.util.logging in
 * tests), with the parameters formatted in. Close it to detach.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private LogCapture(String name) {
        this.logger = Logger.getLogger(name);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Starts collecting what is logged under {@code name} and the loggers below it. */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    /** Every line logged so far at WARNING or above: the message with parameters and the thrown exception's text. */
    public List<String> warnings() {
        List<String> lines = new ArrayList<>();
        synchronized (records) {
            for (LogRecord record : records) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    lines.add(text(record));
                }
            }
        }
        return lines;
    }

    private static String text(LogRecord record) {
        String message = record.getMessage();
        Object[] parameters = record.getParameters();
        if (parameters != null && parameters.length > 0) {
            message = java.text.MessageFormat.format(message, parameters);
        }
        Throwable thrown = record.getThrown();
        return thrown == null ? message : message + " " + thrown;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
