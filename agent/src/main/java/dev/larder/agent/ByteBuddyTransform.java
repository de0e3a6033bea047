package dev.larder.agent;

import dev.larder.agent.weaver.LarderWeaver;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;
import org.jspecify.annotations.Nullable;

/**
 * Weaves one loading class with Byte Buddy: describes it from its bytes (never loading anything), lets the {@link
 * LarderWeaver} add its advice and writes the class anew. Created when the first candidate class loads, so an
 * application with nothing to weave never loads Byte Buddy. Type descriptions of supertypes and parameter types are
 * cached per class loader; the class files are located through a weak reference to the loader, so a cache never
 * keeps its loader alive. Thread-safe.
 */
final class ByteBuddyTransform {
    private final LarderWeaver weaver;
    // Only declared methods change and no auxiliary types are added, so the inherited method graph and the
    // implementation context, which resolve the whole hierarchy, are skipped, as in disableClassFormatChanges().
    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
            .with(Implementation.Context.Disabled.Factory.INSTANCE);
    private final Map<ClassLoader, TypePool.CacheProvider> caches = Collections.synchronizedMap(new WeakHashMap<>());

    ByteBuddyTransform(LarderWeaver weaver) {
        this.weaver = weaver;
    }

    /** The woven class file, or null when the class has nothing to weave. */
    byte @Nullable [] transform(ClassLoader loader, String name, byte[] bytes) {
        TypePool.CacheProvider shared = caches.computeIfAbsent(loader, l -> new TypePool.CacheProvider.Simple());
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(name, bytes), ClassFileLocator.ForClassLoader.WeaklyReferenced.of(loader));
        // The loading class is described from the bytes at hand, which another agent may have changed, not cached.
        TypePool pool = new TypePool.Default(
                new TypePool.CacheProvider.Discriminating(
                        ElementMatchers.is(name), new TypePool.CacheProvider.Simple(), shared),
                locator,
                TypePool.Default.ReaderMode.EXTENDED);
        TypeDescription type = pool.describe(name).resolve();
        DynamicType.Builder<?> original = byteBuddy.redefine(type, locator);
        DynamicType.Builder<?> woven = weaver.weave(original, type);
        return woven == original ? null : woven.make(pool).getBytes();
    }
}
