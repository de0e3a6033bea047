package dev.larder.agent;

import java.nio.charset.StandardCharsets;

/**
 * Sees a class that turns Spring's own caching on ({@code @EnableCaching}) while the agent weaves Spring's cache
 * annotations: each method would then be cached twice, by Spring's proxy and by Larder. Warns once, unless Spring
 * Boot's {@code spring.cache.type=none} is visible as a system property or environment variable.
 */
final class DoubleCaching {
    private static final byte[] ENABLE_CACHING =
            "Lorg/springframework/cache/annotation/EnableCaching;".getBytes(StandardCharsets.US_ASCII);

    private DoubleCaching() {}

    /** Whether the class file names {@code @EnableCaching}: a plain byte search, run only on weaving candidates. */
    static boolean enables(byte[] classFile) {
        outer:
        for (int i = 0; i + ENABLE_CACHING.length <= classFile.length; i++) {
            for (int j = 0; j < ENABLE_CACHING.length; j++) {
                if (classFile[i + j] != ENABLE_CACHING[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Logs the warning, unless Spring's caching is visibly off. */
    static void warn(String className) {
        String type = System.getProperty("spring.cache.type", System.getenv("SPRING_CACHE_TYPE"));
        if ("none".equalsIgnoreCase(type)) {
            return;
        }
        AgentStartup.log().log(
                System.Logger.Level.WARNING,
                className + " turns on Spring's caching (@EnableCaching) and the Larder agent weaves Spring's"
                        + " cache annotations (spring=true): methods would be cached twice. Turn Spring's"
                        + " off: with Spring Boot, spring.cache.type=none; else remove @EnableCaching");
    }
}
