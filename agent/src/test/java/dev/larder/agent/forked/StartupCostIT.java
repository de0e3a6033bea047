package dev.larder.agent.forked;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.annotation.Cached;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.implementation.FixedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's start-up cost: a generated application of 400 classes (one in ten annotated) started with and without
 * the agent, several times each; the ratio of the median wall-clock times is printed. It measures 6.6 to 7.6 on a
 * loaded two-core machine, where the first woven class pays for loading Byte Buddy (about 850 classes, verified and
 * interpreted) while the JIT compiles it; the bound is about twice that, since timings on shared machines vary.
 */
class StartupCostIT {
    private static final int CLASSES = 400;
    private static final int RUNS = 5;

    @TempDir
    Path dir;

    @Test
    void agentStartUpCostStaysBounded() throws Exception {
        Path classes = dir.resolve("classes");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < CLASSES; i++) {
            String name = "dev.larder.samples.generated.Type" + i;
            var method = new ByteBuddy()
                    .subclass(Object.class)
                    .name(name)
                    .defineMethod("value", String.class, Visibility.PUBLIC)
                    .withParameter(String.class, "key");
            var annotated = i % 10 == 0
                    ? method.intercept(FixedValue.value("v" + i))
                            .annotateMethod(AnnotationDescription.Builder.ofType(Cached.class)
                                    .build())
                    : method.intercept(FixedValue.value("v" + i));
            annotated.make().saveIn(classes.toFile());
            names.add(name);
        }
        Path list = Files.write(dir.resolve("classes.txt"), names);
        String classPath = classes + File.pathSeparator + Forked.TEST_CLASSES;
        time(List.of(), classPath, list); // warm the file system cache
        long[] plain = new long[RUNS];
        long[] woven = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            plain[i] = time(List.of(), classPath, list);
            woven[i] = time(List.of(Forked.agent("")), classPath, list);
        }
        double ratio = (double) median(woven) / median(plain);
        System.out.printf(
                "Start-up of %d classes: %d ms without the agent, %d ms with it, ratio %.2f%n",
                CLASSES, median(plain) / 1_000_000, median(woven) / 1_000_000, ratio);
        assertThat(ratio).isLessThan(15);
    }

    private long time(List<String> jvm, String classPath, Path list) throws Exception {
        long start = System.nanoTime();
        Forked.Result result =
                Forked.run(Forked.java(jvm, classPath, "dev.larder.it.agent.app.StartupApp", list.toString()), dir);
        long took = System.nanoTime() - start;
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).as(result.toString()).contains("LOADED " + CLASSES);
        assertThat(result.err()).as(result.toString()).doesNotContain("SEVERE");
        return took;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
