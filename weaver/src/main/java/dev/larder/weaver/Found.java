package dev.larder.weaver;

import dev.larder.model.Declaration;
import java.util.List;

/**
 * The Larder declarations that apply to one method, and where they come from: {@code declaringType} is the type whose
 * method carries them (the method itself, an overridden superclass method, an implemented interface method, or the
 * woven type for a rules line); default cache names and {@code @CacheDefaults} come from it.
 */
record Found(ClassInfo declaringType, List<Declaration> declarations, String defaultCache, String defaultTtl) {
    Found {
        declarations = List.copyOf(declarations);
    }
}
