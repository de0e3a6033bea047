package dev.larder.samples;

/** The sample in compile-time mode: the run with Larder goes through the generated {@code Catalog_Cached}. */
class BookshopSampleTest extends BookshopSampleContract {
    @Override
    LarderMode mode() {
        return LarderMode.COMPILE_TIME;
    }
}
