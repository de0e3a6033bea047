package dev.larder.samples;

/**
 * The sample in build-time mode: failsafe runs this class with the classes woven by {@code larder-maven-plugin} (in
 * {@code target/woven-classes}) in place of {@code target/classes}, and no agent (see the {@code build-time} execution in
 * this module's pom), so the run with Larder uses plain {@link Catalog}, woven at build time.
 */
class BuildTimeSampleIT extends BookshopSampleContract {
    @Override
    LarderMode mode() {
        return LarderMode.BUILD_TIME;
    }
}
