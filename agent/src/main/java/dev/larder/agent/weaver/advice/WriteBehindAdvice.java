package dev.larder.agent.weaver.advice;

import dev.larder.internal.weave.WriteBehindSite;
import net.bytebuddy.asm.Advice;

/** {@code @WriteBehind}: store the value and queue the body's copy; the body itself is always skipped. */
public final class WriteBehindAdvice {
    private WriteBehindAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(
            @Site WriteBehindSite site, @Advice.This(optional = true) Object self, @Advice.AllArguments Object[] args) {
        return site.write(self, args);
    }
}
