package dev.larder.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.annotation.CacheDefaults;
import dev.larder.annotation.Cached;
import dev.larder.it.agent.Base;
import dev.larder.it.agent.Derived;
import dev.larder.it.agent.LookupImpl;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.CodeSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CandidatesTest {
    private final Candidates candidates = new Candidates();
    private final ClassLoader loader = CandidatesTest.class.getClassLoader();

    static class Annotated {
        @Cached
        String value(String key) {
            return key;
        }
    }

    @CacheDefaults(cache = "defaults")
    static class DefaultsOnly {
        String value(String key) {
            return key;
        }
    }

    @Test
    void mayApply_annotatedMethod() throws IOException {
        assertThat(mayApply(Annotated.class)).isTrue();
        assertThat(mayApply(Base.class)).isTrue();
    }

    @Test
    void mayApply_inheritsFromAnnotatedSuperclassOrInterface() throws IOException {
        assertThat(mayApply(Derived.class)).isTrue();
        assertThat(mayApply(LookupImpl.class)).isTrue();
    }

    @Test
    void mayApply_rejectsClassesWithoutLarderMethodAnnotations() throws IOException {
        assertThat(mayApply(CandidatesTest.class)).isFalse();
        assertThat(mayApply(DefaultsOnly.class)).isFalse();
        assertThat(mayApply(String.class)).isFalse();
    }

    @Test
    void mayApply_unreadableClassFile() {
        assertThat(candidates.mayApply(loader, "Unreadable", new byte[] {1, 2, 3}, null))
                .isTrue();
    }

    @Test
    void isIgnored_jdkByteBuddyAndLarderButFixtures() {
        assertThat(LarderTransformer.isIgnored("java/lang/String")).isTrue();
        assertThat(LarderTransformer.isIgnored("net/bytebuddy/ByteBuddy")).isTrue();
        assertThat(LarderTransformer.isIgnored("dev/larder/agent/shaded/bytebuddy/ByteBuddy"))
                .isTrue();
        assertThat(LarderTransformer.isIgnored("dev/larder/it/agent/Books")).isFalse();
        assertThat(LarderTransformer.isIgnored("com/acme/Books")).isFalse();
    }

    @Test
    void mayApply_remembersTheClassesItSawForTheirSubclasses() throws IOException {
        ClassLoader bare = new ClassLoader(null) {}; // finds none of these class files as resources
        assertThat(candidates.mayApply(bare, internalName(Derived.class), classFile(Derived.class), null))
                .isFalse();

        Candidates fresh = new Candidates();
        assertThat(fresh.mayApply(bare, internalName(Base.class), classFile(Base.class), null))
                .isTrue();
        assertThat(fresh.mayApply(bare, internalName(Derived.class), classFile(Derived.class), null))
                .isTrue();
    }

    @Test
    void mayApply_readsSupertypesBesideTheClass() throws IOException {
        ClassLoader bare = new ClassLoader(null) {};
        assertThat(candidates.mayApply(
                        bare, internalName(Derived.class), classFile(Derived.class), location(Base.class)))
                .isTrue();
    }

    private boolean mayApply(Class<?> type) throws IOException {
        return candidates.mayApply(loader, internalName(type), classFile(type), location(type));
    }

    private static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    private static @Nullable URL location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = ClassLoader.getSystemResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }
}
