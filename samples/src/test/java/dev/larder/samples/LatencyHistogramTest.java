package dev.larder.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesOfUniformValuesAreWithinBucketPrecision() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v);
        }
        assertThat(h.count()).isEqualTo(100_000);
        for (double p : new double[] {0.5, 0.9, 0.99, 0.999}) {
            double exact = p * 100_000;
            assertThat((double) h.percentile(p)).as("p%s", p * 100).isCloseTo(exact, within(exact * 0.035));
        }
        assertThat(h.percentile(1.0)).isEqualTo(100_000);
        assertThat(h.percentile(0)).isEqualTo(1);
        assertThat(h.mean()).isCloseTo(50_000.5, within(1e-9));
    }

    @Test
    void tailIsSeenApartFromTheBody() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 990; i++) {
            h.record(1_000);
        }
        for (int i = 0; i < 10; i++) {
            h.record(5_000_000);
        }
        assertThat(h.percentile(0.5)).isCloseTo(1_000, within(30L));
        assertThat(h.percentile(0.99)).isCloseTo(1_000, within(30L));
        assertThat(h.percentile(0.995)).isCloseTo(5_000_000, within(150_000L));
        assertThat(h.max()).isEqualTo(5_000_000);
    }

    @Test
    void addingHistogramsEqualsRecordingIntoOne() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        LatencyHistogram both = new LatencyHistogram();
        for (long v = 1; v < 50_000; v += 7) {
            (v % 2 == 0 ? a : b).record(v * 13);
            both.record(v * 13);
        }
        a.add(b);
        assertThat(a.count()).isEqualTo(both.count());
        assertThat(a.percentile(0.99)).isEqualTo(both.percentile(0.99));
        assertThat(a.buckets()).isDeepEqualTo(both.buckets());
    }

    @Test
    void everyValueFallsInsideItsBucket() {
        for (long v : new long[] {0, 1, 31, 32, 63, 64, 65, 1_000, 123_456_789, Long.MAX_VALUE}) {
            int i = LatencyHistogram.index(v);
            assertThat(LatencyHistogram.lowerBound(i)).isLessThanOrEqualTo(v);
            assertThat(LatencyHistogram.upperBound(i)).isGreaterThanOrEqualTo(v);
        }
    }

    @Test
    void emptyHistogramReportsZero() {
        assertThat(new LatencyHistogram().percentile(0.99)).isZero();
    }
}
