package dev.larder.it.agent.app;

import dev.larder.annotation.WriteBehind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes behind to a file, so a test can see after the JVM exited that the shutdown hook flushed. */
public class Journal {
    private final Path file;

    public Journal(Path file) {
        this.file = file;
    }

    @WriteBehind(cache = "journal", key = "{id}", value = "{line}", delay = "1h")
    public void append(String id, String line) throws IOException {
        Files.writeString(
                file,
                id + "=" + line + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
