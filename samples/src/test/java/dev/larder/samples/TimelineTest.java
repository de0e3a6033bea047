package dev.larder.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void withoutATerminalTheBarPrintsALineEveryFewSecondsAndNoCarriageReturns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Timeline timeline = new Timeline("with Larder", 1_000, null, out);
        for (long millis = 0; millis <= 12_000; millis += 250) { // a sample every 250 ms for 12 s
            timeline.sample(millis * 1_000_000, millis / 12);
        }
        timeline.finish();

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).doesNotContain("\r");
        // at 0, 5 and 10 s, and the last sample at the end
        assertThat(printed.lines()).hasSize(4);
        assertThat(printed.lines().reduce((first, last) -> last).orElseThrow()).contains("1,000/1,000 ops");
    }
}
