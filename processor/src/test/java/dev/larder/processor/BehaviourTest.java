package dev.larder.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.larder.processor.Sources.compile;
import static dev.larder.processor.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compiles a fixture with the processor and runs the generated class in this JVM. The full behaviour contract lives in
 * module {@code it}; these tests prove that the generated code is wired to the runtime.
 */
class BehaviourTest {

    private static final JavaFileObject COUNTER = source(
            "Counter",
            "public class Counter {",
            "  public int loads;",
            "  @Cached(cache = \"behaviour.counter\") public String find(int id) { loads++; return \"v\" + id; }",
            "  public String twice(int id) { find(id); return find(id); }",
            "  @Invalidate(cache = \"behaviour.counter\") public void forget(int id) {}",
            "}");

    @Test
    void cachedMethodRunsOncePerKeyAndSelfCallsGoThroughTheCache() throws Exception {
        Object counter = instantiate("com.acme.Counter_Cached");
        Class<?> type = counter.getClass();

        assertThat(type.getMethod("twice", int.class).invoke(counter, 1)).isEqualTo("v1");
        assertThat(type.getMethod("find", int.class).invoke(counter, 1)).isEqualTo("v1");
        assertThat(type.getField("loads").getInt(counter)).isEqualTo(1);

        type.getMethod("forget", int.class).invoke(counter, 1);
        assertThat(type.getMethod("find", int.class).invoke(counter, 1)).isEqualTo("v1");
        assertThat(type.getField("loads").getInt(counter)).isEqualTo(2);
    }

    private static Object instantiate(String className) throws Exception {
        Compilation compilation = compile(COUNTER);
        assertThat(compilation).succeededWithoutWarnings();
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                String path = file.toUri().getPath();
                String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length())
                        .replace(".class", "")
                        .replace('/', '.');
                classes.put(name, bytes(file));
            }
        }
        ClassLoader loader = new ClassLoader(BehaviourTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        return loader.loadClass(className).getConstructor().newInstance();
    }

    private static byte[] bytes(JavaFileObject file) {
        try (InputStream in = file.openInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
