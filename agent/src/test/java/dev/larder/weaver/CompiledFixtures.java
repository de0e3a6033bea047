package dev.larder.weaver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Fixtures compiled from source at test time (for other releases and class-file versions than the build's), each class
 * of package {@code demo} woven as it is defined, then called: defining a woven class verifies its frames.
 */
@Timeout(60)
abstract class CompiledFixtures {
    static final Dialects BOTH = new Dialects(true, true);

    @TempDir
    Path dir;

    final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUpLarder() {
        Larder.configure(LarderConfig.builder().set("larder.metrics", "none").build());
    }

    @AfterEach
    void tearDownLarder() {
        Larder.shutdown();
    }

    /** Compiles {@code source} (package demo) with the given javac options into a fresh directory. */
    Path compile(String name, String source, String... options) throws IOException {
        Path root = Files.createTempDirectory(dir, "c");
        Path file = root.resolve("src/demo/" + name + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        Path classes = Files.createDirectories(root.resolve("classes"));
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of(
                "-proc:none",
                "-nowarn",
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                classes.toString(),
                file.toString()));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
        return classes;
    }

    /** A loader defining demo.* from {@code classes}, each class passed through {@code rewrite} then woven. */
    WeavingClassLoader loader(Path classes, UnaryOperator<byte[]> rewrite) throws IOException {
        URLClassLoader files = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        LarderWeaver weaver = new LarderWeaver(Rules.none(), BOTH, (type, errors) -> problems.addAll(errors));
        return new WeavingClassLoader(files, "demo.", weaver, rewrite);
    }

    /**
     * Sets the class file's major version, dropping its frames (for versions older than 50); 0 leaves the class file as
     * compiled.
     */
    static UnaryOperator<byte[]> version(int major) {
        if (major == 0) {
            return UnaryOperator.identity();
        }
        return bytes -> {
            ClassWriter writer = new ClassWriter(0);
            new ClassReader(bytes)
                    .accept(
                            new ClassVisitor(Opcodes.ASM9, writer) {
                                @Override
                                public void visit(int v, int access, String n, String sig, String sup, String[] itfs) {
                                    super.visit(major, access, n, sig, sup, itfs);
                                }
                            },
                            major < 50 ? ClassReader.SKIP_FRAMES : 0);
            return writer.toByteArray();
        };
    }

    static Object call(Object target, String name, Object... args) throws Throwable {
        Class<?> type = target instanceof Class<?> c ? c : target.getClass();
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name) && !method.isSynthetic() && method.getParameterCount() == args.length) {
                method.setAccessible(true);
                try {
                    return method.invoke(Modifier.isStatic(method.getModifiers()) ? null : target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(name);
    }

    static Object create(Class<?> type) throws Exception {
        var c = type.getDeclaredConstructor();
        c.setAccessible(true);
        return c.newInstance();
    }

    static int runs(Class<?> type) throws Exception {
        return ((java.util.concurrent.atomic.AtomicInteger)
                        type.getField("RUNS").get(null))
                .get();
    }
}
