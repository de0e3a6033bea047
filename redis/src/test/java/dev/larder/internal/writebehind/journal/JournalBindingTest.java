package dev.larder.internal.writebehind.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.ConfigurationException;
import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.handle.WriteBehindHandle;
import dev.larder.model.WriteBehindSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class JournalBindingTest {
    @TempDir
    Path dir;

    @AfterEach
    void resetLarder() {
        Larder.configure(LarderConfig.builder().set("larder.metrics", "none").build());
    }

    private static LarderConfig journal(Path dir) {
        return LarderConfig.builder()
                .set("larder.metrics", "none")
                .set("larder.writeBehind.journal", "file:" + dir)
                .build();
    }

    @Test
    void methodWithoutBatchMethodIsRejectedWhileOthersBind() {
        List<Object> stored = new CopyOnWriteArrayList<>();
        WriteBehindHandle withoutBatch = Handles.writeBehind(
                new WriteBehindSpec("binding#note(String)", "binding.notes", "{id}", "", "0ms", 10, false, 3),
                null,
                String.class);
        WriteBehindHandle withBatch = Handles.writeBehind(
                new WriteBehindSpec("binding#save(String)", "binding.rows", "{id}", "", "0ms", 10, false, 3),
                (target, values) -> stored.addAll(values),
                String.class);
        Larder.configure(journal(dir)); // does not throw: the other method binds

        assertThatThrownBy(() -> withoutBatch.write(this, "k", "v", () -> {}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("binding#note(String)")
                .hasMessageContaining("batchMethod");
        withBatch.write(this, "k", "v", () -> {});
        Larder.flush();
        assertThat(stored).containsExactly("v");
    }
}
