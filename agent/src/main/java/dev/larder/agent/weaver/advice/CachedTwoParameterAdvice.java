package dev.larder.agent.weaver.advice;

import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.weave.CachedSite;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code @Cached} whose key is two parameters (a template such as {@code {id}:{tenant}}, the default for two
 * parameters) and which has no refresh-ahead: as {@link CachedParameterAdvice}, the key is built from the parameters
 * directly, so a hit allocates no argument array.
 */
public final class CachedTwoParameterAdvice {
    private CachedTwoParameterAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(
            @Site CachedSite site,
            @KeyPart Object first,
            @SecondKeyPart Object second,
            @Advice.Local("larderTicket") Object ticket) {
        Object key = site.handle.key(first, second);
        Object value = site.handle.get(key);
        if (value == CachedHandle.MISS) {
            value = site.handle.begin(key, null);
            if (value instanceof CachedHandle.Ticket) {
                ticket = value;
                return null;
            }
        }
        return CachedSite.mask(value);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit(
            @Site CachedSite site,
            @Advice.Enter Object entered,
            @Advice.Local("larderTicket") Object ticket,
            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
            @Advice.Thrown Throwable thrown) {
        if (ticket != null) {
            if (thrown == null) {
                site.handle.complete(ticket, returned);
            } else {
                site.handle.fail(ticket, thrown);
            }
        } else if (entered != null) {
            returned = CachedSite.unmask(entered);
        }
    }
}
