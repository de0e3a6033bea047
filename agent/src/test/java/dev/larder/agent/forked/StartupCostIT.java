package dev.larder.agent.forked;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.annotation.Cached;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The agent's start-up cost: a generated application of 400 classes (one in ten annotated) started with and without
 * the agent, several times each; the ratio of the median wall-clock times is printed. It measures about 2.5 on an idle
 * two-core machine and up to 3.2 on a loaded one: the runtime's start (Caffeine's above all) and weaving 40 classes with
 * ASM, against an application that does nothing else. The bound leaves room for shared machines and fails if weaving
 * grows back to its former cost (about 5, when Byte Buddy's type machinery loaded with the first woven class).
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
            Path file = classes.resolve(name.replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, classFile(name, i));
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
        assertThat(ratio).isLessThan(6);
    }

    /** {@code public class TypeN { public String value(String key) { return "vN"; } }}, one in ten {@code @Cached}. */
    private static byte[] classFile(String name, int i) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(
                Opcodes.V17,
                Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER,
                name.replace('.', '/'),
                null,
                "java/lang/Object",
                null);
        MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor value =
                writer.visitMethod(Opcodes.ACC_PUBLIC, "value", "(Ljava/lang/String;)Ljava/lang/String;", null, null);
        value.visitParameter("key", 0);
        if (i % 10 == 0) {
            value.visitAnnotation(Type.getDescriptor(Cached.class), true).visitEnd();
        }
        value.visitCode();
        value.visitLdcInsn("v" + i);
        value.visitInsn(Opcodes.ARETURN);
        value.visitMaxs(0, 0);
        value.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
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
