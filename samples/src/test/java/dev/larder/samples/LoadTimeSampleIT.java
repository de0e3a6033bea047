package dev.larder.samples;

/**
 * The sample in load-time mode: failsafe runs this class in a JVM started with {@code -javaagent:larder-agent.jar}
 * (see the {@code load-time} execution in this module's pom), so the run with Larder uses plain {@link Catalog}, woven
 * as it loaded. Without the agent the sample refuses to start and every test fails saying so.
 */
class LoadTimeSampleIT extends BookshopSampleContract {
    @Override
    LarderMode mode() {
        return LarderMode.LOAD_TIME;
    }
}
