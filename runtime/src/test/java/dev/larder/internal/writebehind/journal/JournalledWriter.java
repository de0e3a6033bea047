package dev.larder.internal.writebehind.journal;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import dev.larder.internal.handle.Handles;
import dev.larder.internal.handle.WriteBehindHandle;
import dev.larder.model.WriteBehindSpec;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A JVM that writes behind through a journal, for {@link KillNineTest}, which kills it with SIGKILL. Its store is a
 * file of its own in the store directory; it prints {@code ack <value>} for each write once the call has returned.
 * Arguments: store directory, name, mode ({@code write}: write until killed or told {@code finish} on standard input;
 * {@code finish}: make one write, which replays what the journal recovered, flush and exit), then {@code key=value}
 * settings.
 */
public final class JournalledWriter {
    private static final int WRITERS = 4;
    private static final long PACE_NANOS = 200_000;

    private JournalledWriter() {}

    /** The store: appends each batch of values as lines with one write, so a kill never tears a line in two. */
    public static final class Store {
        private final FileChannel file;

        Store(Path path) throws IOException {
            file = FileChannel.open(
                    path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }

        public synchronized void saveAll(List<Object> values) throws IOException {
            StringBuilder lines = new StringBuilder();
            for (Object value : values) {
                lines.append(value).append('\n');
            }
            ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                file.write(buffer);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path storeDirectory = Path.of(args[0]);
        String name = args[1];
        String mode = args[2];
        LarderConfig.Builder config = LarderConfig.builder().set("larder.metrics", "none");
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            config.set(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Larder.configure(config.build());
        Store store = new Store(storeDirectory.resolve("store-" + name + ".log"));
        WriteBehindHandle handle = Handles.writeBehind(
                new WriteBehindSpec("kill#save(String)", "kill", "{id}", "", "20ms", 25, false, 1000),
                (target, values) -> ((Store) target).saveAll(values),
                String.class);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        if (mode.equals("finish")) {
            write(handle, store, name + "-final", out);
            Larder.shutdown();
            out.println("done");
            return;
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger next = new AtomicInteger();
        Thread[] writers = new Thread[WRITERS];
        for (int t = 0; t < WRITERS; t++) {
            writers[t] = new Thread(() -> {
                while (!stop.get()) {
                    write(handle, store, name + "-" + next.incrementAndGet(), out);
                    LockSupport.parkNanos(PACE_NANOS); // pacing, so the test machine's cores are not flooded
                }
            });
            writers[t].start();
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("finish"); line = in.readLine()) {
            // only "finish" means anything
        }
        stop.set(true);
        for (Thread writer : writers) {
            writer.join();
        }
        Larder.shutdown();
        out.println("done");
    }

    private static void write(WriteBehindHandle handle, Store store, String value, PrintStream out) {
        handle.write(store, value, value, () -> {
            throw new UncheckedIOException(new IOException("the batch method writes, never the body"));
        });
        out.println("ack " + value);
    }
}
