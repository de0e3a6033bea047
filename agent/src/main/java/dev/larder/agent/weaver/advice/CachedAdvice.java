package dev.larder.agent.weaver.advice;

import dev.larder.internal.handle.CachedHandle;
import dev.larder.internal.weave.CachedSite;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code @Cached}, any key. On a hit the enter advice returns the (masked) value, which skips the body, and the exit
 * advice returns it. On a miss this caller either gets the value of another caller's load (skip, as a hit) or a ticket:
 * then the body runs, as the one load of the key, and the exit advice completes the load with its result or
 * exception.
 */
public final class CachedAdvice {
    private CachedAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(
            @Site CachedSite site,
            @Advice.This(optional = true) Object self,
            @Advice.AllArguments Object[] args,
            @Advice.Local("larderTicket") Object ticket) {
        Object key = site.key(args);
        Object value = site.handle.get(key);
        if (value == CachedHandle.MISS) {
            value = site.handle.begin(key, site.refresher(self, args));
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
