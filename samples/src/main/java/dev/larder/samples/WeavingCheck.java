package dev.larder.samples;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Checks before a run that {@link Catalog} is cached the way {@code --mode} says, so that the sample never reports a
 * run of plain {@code Catalog} as "with Larder", nor a doubly cached one.
 *
 * <p>A woven class is recognised by what both weavers (the agent and {@code larder-maven-plugin}, one weaver) add to it:
 * a synthetic {@code private static final} site field per annotated method, named {@code larder$site$…}.
 */
final class WeavingCheck {
    private static final String SITE_FIELD_PREFIX = "larder$site$";
    private static final String AGENT_CLASS = "dev/larder/agent/LarderAgent.class";

    private WeavingCheck() {}

    /**
     * Returns normally when the mode matches how this JVM caches {@link Catalog}.
     *
     * @throws IllegalStateException saying what was found and how to run the mode asked for
     */
    static void require(LarderMode mode) {
        boolean woven = isWoven(Catalog.class);
        boolean agent = agentLoaded();
        switch (mode) {
            case COMPILE_TIME -> {
                if (woven) {
                    throw new IllegalStateException("--mode compile-time, but Catalog is woven ("
                            + (agent ? "the Larder agent is active" : "its class file was woven at build time")
                            + "), so Catalog_Cached would cache twice: run with --mode "
                            + (agent ? LarderMode.LOAD_TIME.flag() : LarderMode.BUILD_TIME.flag())
                            + ", or without the weaver");
                }
            }
            case LOAD_TIME -> {
                if (!agent) {
                    throw new IllegalStateException("--mode load-time, but the Larder agent is not active: run java"
                            + " with -javaagent:agent/target/larder-agent-<version>.jar, or use"
                            + " mvn -q -Psample-agent -DskipTests package"
                            + (woven ? " (Catalog is woven at build time here: that is --mode build-time)" : ""));
                }
                if (!woven) {
                    throw new IllegalStateException("--mode load-time, but the Larder agent did not weave Catalog:"
                            + " see the agent's log above for why");
                }
            }
            case BUILD_TIME -> {
                if (agent) {
                    throw new IllegalStateException("--mode build-time, but the Larder agent is active: run without"
                            + " -javaagent, or use --mode load-time");
                }
                if (!woven) {
                    throw new IllegalStateException("--mode build-time, but Catalog's class file is not woven: put"
                            + " the classes woven by larder-maven-plugin's weave goal first on the class path, or use"
                            + " mvn -q -Psample-woven -DskipTests package");
                }
            }
        }
    }

    static boolean isWoven(Class<?> type) {
        for (Field field : type.getDeclaredFields()) {
            if (field.isSynthetic()
                    && Modifier.isStatic(field.getModifiers())
                    && field.getName().startsWith(SITE_FIELD_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    /** The JVM appends an agent's jar to the system class path, so its entry class is found there. */
    private static boolean agentLoaded() {
        return ClassLoader.getSystemClassLoader().getResource(AGENT_CLASS) != null;
    }
}
