package dev.larder.internal.warm;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * The one warmed {@code @Cached} method of a cache: the reflected method, which argument each key part is, and the
 * object to call it on, which is the first object whose call of the method missed (Larder never constructs one). Held
 * weakly, so warming keeps no object alive. Thread-safe.
 */
public final class WarmMethod {
    final String cache;
    final String site;
    final Method method;
    /** The parameter index of each key part, in key order. */
    final int[] arguments;

    private final CountDownLatch targetSeen = new CountDownLatch(1);
    private volatile @Nullable WeakReference<Object> target;

    WarmMethod(String cache, String site, Method method, int[] arguments) {
        this.cache = cache;
        this.site = site;
        this.method = method;
        this.arguments = arguments.clone();
    }

    /** A call of the method missed on {@code object}: the first such object (while alive) is the one warming calls. */
    public void seen(Object object) {
        WeakReference<Object> current = target;
        if (current == null || current.get() == null) {
            target = new WeakReference<>(object);
            targetSeen.countDown();
        }
    }

    /**
     * The object to call the method on, waiting until a call has missed; null if it was collected meanwhile, and for a
     * static method, which needs none and so does not wait.
     */
    @Nullable
    Object awaitTarget() throws InterruptedException {
        if (Modifier.isStatic(method.getModifiers())) {
            return null;
        }
        targetSeen.await();
        WeakReference<Object> current = target;
        return current == null ? null : current.get();
    }
}
