package dev.larder.weaver;

import dev.larder.model.Guard;
import dev.larder.model.Operation;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * Writes the miss method of a woven {@code @Cached} method ({@link Host#miss}): one load of the key, shared with
 * concurrent callers, the body run by the caller that owns it, its result or failure handed to the waiters. In Java
 * terms:
 *
 * <pre>{@code
 * R find$larder$miss(int id, String tenant, Object key) {
 *     Object value = HANDLE.begin(this, key, null);  // or SITE.refresher(this, args) with @RefreshAhead
 *     if (!(value instanceof CachedHandle.Ticket)) return (R) value;   // another caller's load, or a hit in Redis
 *     R result;
 *     try { result = find$larder$body(id, tenant); } catch (Throwable t) { HANDLE.fail(value, t); throw t; }
 *     HANDLE.complete(value, result);                // SITE.complete(value, args, result) with tags;
 *                                                    // with unless: HANDLE.handOff(value, result) when it holds
 *     return result;
 * }
 * }</pre>
 */
final class MissWriter {
    private MissWriter() {}

    /** Writes the whole code attribute of the miss method to {@code code}, a generator for the miss method. */
    static void write(WovenCode code, MethodInfo method, WrapperWriter.SiteRef site) {
        Operation.Cached cached = (Operation.Cached) site.operation();
        Type returnType = method.returnType();
        int key = method.parameterTypes().length; // the argument after the woven method's own
        code.visitCode();
        code.loadHandle(site);
        code.loadTarget(); // the object a warm restart calls the method on
        code.loadArg(key);
        if (cached.refreshAt() != 0) {
            code.loadSite(site);
            code.loadTarget();
            code.pushArguments();
            code.invokeVirtual(RuntimeCalls.CACHED_SITE, RuntimeCalls.REFRESHER);
        } else {
            code.visitInsn(Opcodes.ACONST_NULL);
        }
        code.invokeVirtual(RuntimeCalls.HANDLE, RuntimeCalls.BEGIN_ON);
        int value = code.newLocal(RuntimeCalls.OBJECT);
        code.storeLocal(value);
        Label owned = code.newLabel();
        code.loadLocal(value);
        code.instanceOf(RuntimeCalls.TICKET);
        code.ifZCmp(GeneratorAdapter.NE, owned);
        code.loadLocal(value); // another caller's load, or its failure rethrown by begin
        code.castOrUnbox(returnType);
        code.returnValue();

        code.mark(owned);
        Label start = code.newLabel();
        Label end = code.newLabel();
        Label handler = code.newLabel();
        code.visitTryCatchBlock(start, end, handler, null);
        code.mark(start);
        code.callOwn(Host.body(method));
        Guard guard = site.guard();
        int result;
        if (guard.hasUnless()) {
            // Inside the try: an exception from the unless method fails the load, as the body's would
            result = code.newLocal(returnType);
            code.storeLocal(result);
            code.callCondition(guard.unless(), guard.unlessTakesArguments(), result);
            int uncached = code.newLocal(Type.BOOLEAN_TYPE);
            code.storeLocal(uncached);
            code.mark(end);
            Label stored = code.newLabel();
            code.loadLocal(uncached);
            code.ifZCmp(GeneratorAdapter.EQ, stored);
            code.loadHandle(site);
            code.loadLocal(value);
            code.loadBoxed(result);
            code.invokeVirtual(RuntimeCalls.HANDLE, RuntimeCalls.HAND_OFF);
            code.loadLocal(result);
            code.returnValue();
            code.mark(stored);
        } else {
            code.mark(end);
            result = code.newLocal(returnType);
            code.storeLocal(result);
        }
        if (cached.tags().isEmpty()) {
            code.loadHandle(site);
            code.loadLocal(value);
            code.loadBoxed(result);
            code.invokeVirtual(RuntimeCalls.HANDLE, RuntimeCalls.COMPLETE);
        } else {
            code.loadSite(site); // SITE.complete(value, args, result): the site renders the call's tags
            code.loadLocal(value);
            code.pushArguments();
            code.loadBoxed(result);
            code.invokeVirtual(RuntimeCalls.CACHED_SITE, RuntimeCalls.SITE_COMPLETE);
        }
        code.loadLocal(result);
        code.returnValue();

        code.mark(handler);
        int thrown = code.newLocal(RuntimeCalls.THROWABLE);
        code.storeLocal(thrown);
        code.loadHandle(site);
        code.loadLocal(value);
        code.loadLocal(thrown);
        code.invokeVirtual(RuntimeCalls.HANDLE, RuntimeCalls.FAIL);
        code.loadLocal(thrown);
        code.throwException();
        code.endMethod();
    }
}
