package dev.larder.agent.weaver.advice;

import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.weave.CachedSite;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code @Cached} whose key is one parameter and which has no refresh-ahead: as {@link CachedAdvice}, but the key is
 * the parameter itself, so a hit allocates no argument array (nothing at all for a reference-typed parameter).
 */
public final class CachedParameterAdvice {
    private CachedParameterAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@Site CachedSite site, @KeyPart Object part, @Advice.Local("larderTicket") Object ticket) {
        Object key = site.handle.key(part);
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
