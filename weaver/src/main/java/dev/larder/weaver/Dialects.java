package dev.larder.weaver;

import java.util.ArrayList;
import java.util.List;

/**
 * Which other libraries' caching annotations the weaver honours besides Larder's own, each switched on explicitly:
 * Spring Cache's ({@code @Cacheable}, {@code @CachePut}, {@code @CacheEvict}, {@code @Caching}, {@code @CacheConfig})
 * and JCache's ({@code @CacheResult}, {@code @CachePut}, {@code @CacheRemove}, {@code @CacheRemoveAll}, {@code
 * @CacheDefaults}). They are read by name from class files: neither library is needed. A method with Larder's own
 * annotations keeps them: Spring's on the same method are ignored, and JCache's are an error.
 *
 * @param spring whether Spring Cache's annotations are honoured
 * @param jcache whether JCache's annotations are honoured
 */
public record Dialects(boolean spring, boolean jcache) {
    /** Larder's annotations only. */
    public static final Dialects NONE = new Dialects(false, false);

    /** Whether any other library's annotations are honoured. */
    public boolean any() {
        return spring || jcache;
    }

    /**
     * The internal-name prefixes of the annotation types honoured besides Larder's, as class files spell them in
     * descriptors: {@code Lorg/springframework/cache/annotation/}.
     */
    public List<String> descriptorPrefixes() {
        List<String> prefixes = new ArrayList<>();
        if (spring) {
            prefixes.add("Lorg/springframework/cache/annotation/");
        }
        if (jcache) {
            prefixes.add("Ljavax/cache/annotation/");
        }
        return List.copyOf(prefixes);
    }

    @Override
    public String toString() {
        return "spring=" + spring + ",jcache=" + jcache;
    }
}
