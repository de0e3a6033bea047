package dev.larder.weaver;

import static dev.larder.weaver.Reflect.call;
import static dev.larder.weaver.Reflect.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * A woven class is written without loading any of its types: the frames of the generated code come from the types
 * the generators declare ({@link FrameComputer}), and a body moved to {@code name$larder$body} keeps its own frames,
 * even where two of the application's types meet. The classes here exist only as bytes, under a package no class
 * loader of the test knows, as an application's classes are unknown to the agent's own loader.
 */
class ComputedFramesTest {
    private static final String FROM = "dev/larder/it/agent/Kennel";
    private static final String TO = "dev/larder/it/unseen/Kennel";

    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> unseen = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        Larder.configure(LarderConfig.builder().set("larder.metrics", "none").build());
        for (String suffix : List.of("", "$Animal", "$Cat", "$Dog")) {
            unseen.put(TO + suffix, renamed(FROM + suffix));
        }
    }

    @AfterEach
    void tearDown() {
        Larder.shutdown();
    }

    @Test
    void aBodyJoiningTwoTypesIsWovenWithoutLoadingThem() throws Throwable {
        byte[] woven = weaver().weave(unseen.get(TO), new ClassFiles(this::read));

        assertThat(woven).isNotNull();
        assertThat(problems).isEmpty();
        assertThatThrownBy(() -> Class.forName(TO.replace('/', '.') + "$Cat"))
                .isInstanceOf(ClassNotFoundException.class);
        unseen.put(TO, woven);
        Object kennel = new BytesLoader()
                .loadClass(TO.replace('/', '.'))
                .getConstructor()
                .newInstance(); // defining the class verifies its frames
        assertThat(call(kennel, "call", 2)).isEqualTo("meow 2");
        assertThat(call(kennel, "call", 3)).isEqualTo("woof 3");
        assertThat(call(kennel, "call", 2)).isEqualTo("meow 2");
        assertThat(((AtomicInteger) field(kennel, "runs")).get()).isEqualTo(2);
    }

    @Test
    void theBodyKeepsItsOwnFramesSoItsTypesNeedNoClassFile() {
        unseen.remove(TO + "$Dog"); // the only frame naming Animal is the body's, where Cat and Dog meet

        byte[] woven = weaver().weave(unseen.get(TO), new ClassFiles(this::read));

        assertThat(woven).isNotNull();
        assertThat(problems).isEmpty();
        assertThat(frames(woven, "call$larder$body")).isNotEmpty().isEqualTo(frames(unseen.get(TO), "call"));
    }

    /** Every frame of the method, in order, as ASM reads it from the class file. */
    private static List<String> frames(byte[] classFile, String method) {
        List<String> frames = new ArrayList<>();
        new ClassReader(classFile)
                .accept(
                        new ClassVisitor(Opcodes.ASM9) {
                            @Override
                            public @Nullable MethodVisitor visitMethod(
                                    int access,
                                    String name,
                                    String descriptor,
                                    @Nullable String signature,
                                    String @Nullable [] exceptions) {
                                if (!name.equals(method)) {
                                    return null;
                                }
                                return new MethodVisitor(Opcodes.ASM9) {
                                    @Override
                                    public void visitFrame(
                                            int type, int locals, Object[] local, int stack, Object[] onStack) {
                                        frames.add(type + " " + Arrays.toString(Arrays.copyOf(local, locals)) + " "
                                                + Arrays.toString(Arrays.copyOf(onStack, stack)));
                                    }
                                };
                            }
                        },
                        ClassReader.SKIP_DEBUG);
        return frames;
    }

    private LarderWeaver weaver() {
        return new LarderWeaver(Rules.none(), (type, errors) -> problems.addAll(errors));
    }

    /** The unseen classes, then whatever the test's class path holds (the JDK's and Larder's classes). */
    private byte @Nullable [] read(String internalName) throws IOException {
        byte[] bytes = unseen.get(internalName);
        return bytes != null
                ? bytes
                : ClassFiles.resources(getClass().getClassLoader()).read(internalName);
    }

    private static byte[] renamed(String internalName) throws IOException {
        byte[] bytes;
        try (InputStream in = ComputedFramesTest.class.getResourceAsStream("/" + internalName + ".class")) {
            bytes = in.readAllBytes();
        }
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(bytes)
                .accept(
                        new ClassRemapper(writer, new Remapper(Opcodes.ASM9) {
                            @Override
                            public String map(String name) {
                                return name.startsWith(FROM) ? TO + name.substring(FROM.length()) : name;
                            }
                        }),
                        0);
        return writer.toByteArray();
    }

    /** Defines the unseen classes; everything else from the test's loader. */
    private final class BytesLoader extends ClassLoader {
        BytesLoader() {
            super(ComputedFramesTest.class.getClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = unseen.get(name.replace('.', '/'));
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
