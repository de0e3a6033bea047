package org.slf4j.impl;

import org.slf4j.ILoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.spi.LoggerFactoryBinder;

/**
 * Binds the SLF4J API that Jedis logs through, relocated inside the agent jar, to no logger: Larder reports Redis
 * failures itself through {@code System.Logger}, and without a binder SLF4J would print a warning at the first Redis
 * connection. Relocated with the API, so it never binds the application's own SLF4J.
 */
public final class StaticLoggerBinder implements LoggerFactoryBinder {
    /** Read by SLF4J 1.7 to check compatibility; not final, as SLF4J requires, so that javac does not inline it. */
    @SuppressWarnings("checkstyle:VisibilityModifier")
    public static String REQUESTED_API_VERSION = "1.7.36";

    private static final StaticLoggerBinder SINGLETON = new StaticLoggerBinder();

    private final ILoggerFactory factory = new NOPLoggerFactory();

    private StaticLoggerBinder() {}

    public static StaticLoggerBinder getSingleton() {
        return SINGLETON;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public String getLoggerFactoryClassStr() {
        return NOPLoggerFactory.class.getName();
    }
}
