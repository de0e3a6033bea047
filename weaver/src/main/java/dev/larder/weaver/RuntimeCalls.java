package dev.larder.weaver;

import java.util.Arrays;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.Method;

/**
 * The runtime types and methods that woven code names, each declared once. Types are named, never loaded: the weaver
 * runs while classes load.
 */
final class RuntimeCalls {
    static final Type OBJECT = Type.getObjectType("java/lang/Object");
    static final Type OBJECTS = Type.getType("[Ljava/lang/Object;");
    static final Type THROWABLE = Type.getObjectType("java/lang/Throwable");

    static final Type HANDLE = Type.getObjectType("dev/larder/internal/handle/CachedHandle");
    static final Type TICKET = Type.getObjectType("dev/larder/internal/handle/CachedHandle$Ticket");
    static final Type LOADER = Type.getObjectType("dev/larder/internal/handle/Loader");
    static final Type CACHED_SITE = Type.getObjectType("dev/larder/internal/weave/CachedSite");
    static final Type WRITE_THROUGH_SITE = Type.getObjectType("dev/larder/internal/weave/WriteThroughSite");
    static final Type BULK_SITE = Type.getObjectType("dev/larder/internal/weave/BulkSite");
    /** {@code BulkSite.getAll(target, args)}: the whole {@code @CachedAll} call. */
    static final Method GET_ALL = new Method("getAll", OBJECT, new Type[] {OBJECT, OBJECTS});

    static final Type WRITE_BEHIND_SITE = Type.getObjectType("dev/larder/internal/weave/WriteBehindSite");
    static final Type INVALIDATE_SITE = Type.getObjectType("dev/larder/internal/weave/InvalidateSite");

    /** {@code CachedHandle.MISS}: what {@link #GET} returns when the caller must load. */
    static final String MISS = "MISS";

    /** {@code CachedHandle.get(key)}: the hit path. */
    static final Method GET = new Method("get", OBJECT, new Type[] {OBJECT});
    /** {@code CachedHandle.begin(key, refresher)}: the value, or a {@link #TICKET} to run the body under. */
    static final Method BEGIN = new Method("begin", OBJECT, new Type[] {OBJECT, LOADER});
    /** {@code CachedHandle.begin(target, key, refresher)}: as {@link #BEGIN}, naming the object called. */
    static final Method BEGIN_ON = new Method("begin", OBJECT, new Type[] {OBJECT, OBJECT, LOADER});
    /** {@code CachedHandle.complete(ticket, value)}. */
    static final Method COMPLETE = new Method("complete", Type.VOID_TYPE, new Type[] {OBJECT, OBJECT});
    /** {@code CachedSite.complete(Object ticket, Object[] args, Object value)}: a tagged method's load ends. */
    static final Method SITE_COMPLETE = new Method("complete", Type.VOID_TYPE, new Type[] {OBJECT, OBJECTS, OBJECT});
    /** {@code CachedHandle.fail(ticket, thrown)}. */
    static final Method FAIL = new Method("fail", Type.VOID_TYPE, new Type[] {OBJECT, THROWABLE});
    /** {@code CachedHandle.handOff(ticket, value)}: a result {@code unless} keeps out of the cache. */
    static final Method HAND_OFF = new Method("handOff", Type.VOID_TYPE, new Type[] {OBJECT, OBJECT});

    /** {@code CachedSite.key(args)}: a key template that is not plain parameters. */
    static final Method SITE_KEY = new Method("key", OBJECT, new Type[] {OBJECTS});
    /** {@code CachedSite.key(target, args)}: a key template that reads {@code {this...}}. */
    static final Method SITE_KEY_TARGET = new Method("key", OBJECT, new Type[] {OBJECT, OBJECTS});
    /** {@code CachedSite.refresher(target, args)}. */
    static final Method REFRESHER = new Method("refresher", LOADER, new Type[] {OBJECT, OBJECTS});
    /** {@code WriteThroughSite.put(args, result)}. */
    static final Method PUT = new Method("put", Type.VOID_TYPE, new Type[] {OBJECTS, OBJECT});
    /** {@code WriteThroughSite.put(target, args, result)}: a key template that reads {@code {this...}}. */
    static final Method PUT_TARGET = new Method("put", Type.VOID_TYPE, new Type[] {OBJECT, OBJECTS, OBJECT});
    /** {@code WriteBehindSite.write(target, args)}. */
    static final Method WRITE = new Method("write", Type.BOOLEAN_TYPE, new Type[] {OBJECT, OBJECTS});
    /** {@code InvalidateSite.invalidate(args, result)}. */
    static final Method INVALIDATE = new Method("invalidate", Type.VOID_TYPE, new Type[] {OBJECTS, OBJECT});
    /** {@code InvalidateSite.invalidate(target, args, result)}: a key template that reads {@code {this...}}. */
    static final Method INVALIDATE_TARGET =
            new Method("invalidate", Type.VOID_TYPE, new Type[] {OBJECT, OBJECTS, OBJECT});

    private RuntimeCalls() {}

    /**
     * {@code CachedHandle.key(...)} for a key of {@code parts} parameter values: {@code key(a)}, {@code key(a, b)},
     * {@code key(a, b, c)} or {@code key(Object...)}; {@code first} is the type of an unboxed first part ({@code int}
     * or {@code long}, in a two-part key), else {@link #OBJECT}.
     */
    static Method handleKey(int parts, Type first) {
        if (parts > 3) {
            return new Method("key", OBJECT, new Type[] {OBJECTS});
        }
        Type[] arguments = new Type[parts];
        Arrays.fill(arguments, OBJECT);
        arguments[0] = first;
        return new Method("key", OBJECT, arguments);
    }
}
