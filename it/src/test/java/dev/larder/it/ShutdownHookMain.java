package dev.larder.it;

import dev.larder.it.fixtures.FileSink;

/**
 * Run in a separate JVM by {@link ShutdownHookTest}: queues write-behind writes that only a flush would write, then
 * returns from {@code main} without calling {@code Larder.flush()} or {@code Larder.shutdown()}.
 */
public final class ShutdownHookMain {
    private ShutdownHookMain() {}

    public static void main(String[] args) {
        int writes = Integer.parseInt(args[0]);
        FileSink sink = Fixtures.create(FileSink.class);
        for (int i = 0; i < writes; i++) {
            sink.write("k" + (i % 50), "v" + i);
        }
    }
}
