package dev.larder.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.annotation.CacheDefaults;
import dev.larder.annotation.Cached;
import dev.larder.it.agent.Base;
import dev.larder.it.agent.Derived;
import dev.larder.it.agent.LookupImpl;
import java.io.IOException;
import java.io.InputStream;
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
        assertThat(candidates.mayApply(loader, classFile(Annotated.class))).isTrue();
        assertThat(candidates.mayApply(loader, classFile(Base.class))).isTrue();
    }

    @Test
    void mayApply_inheritsFromAnnotatedSuperclassOrInterface() throws IOException {
        assertThat(candidates.mayApply(loader, classFile(Derived.class))).isTrue();
        assertThat(candidates.mayApply(loader, classFile(LookupImpl.class))).isTrue();
    }

    @Test
    void mayApply_rejectsClassesWithoutLarderMethodAnnotations() throws IOException {
        assertThat(candidates.mayApply(loader, classFile(CandidatesTest.class))).isFalse();
        assertThat(candidates.mayApply(loader, classFile(DefaultsOnly.class))).isFalse();
        assertThat(candidates.mayApply(loader, classFile(String.class))).isFalse();
    }

    @Test
    void mayApply_unreadableClassFile() {
        assertThat(candidates.mayApply(loader, new byte[] {1, 2, 3})).isTrue();
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

    private static byte[] classFile(Class<?> type) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = ClassLoader.getSystemResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }
}
