package dev.larder.weaver;

import dev.larder.model.Declaration;
import dev.larder.model.Problem;
import java.util.List;

/**
 * The Larder declarations that apply to one method, and where they come from: {@code declaringType} is the type whose
 * method carries them (the method itself, an overridden superclass method, an implemented interface method, or the
 * woven type for a rules line); default cache names and {@code @CacheDefaults} come from it. {@code problems} are
 * those found before the model was asked: Spring or JCache annotations that cannot become declarations.
 */
record Found(
        ClassInfo declaringType,
        List<Declaration> declarations,
        String defaultCache,
        String defaultTtl,
        List<Problem> problems) {
    Found {
        declarations = List.copyOf(declarations);
        problems = List.copyOf(problems);
    }

    Found(ClassInfo declaringType, List<Declaration> declarations, String defaultCache, String defaultTtl) {
        this(declaringType, declarations, defaultCache, defaultTtl, List.of());
    }
}
