package dev.larder.agent.weaver.advice;

import dev.larder.internal.weave.InvalidateSite;
import net.bytebuddy.asm.Advice;

/** {@code @Invalidate(before = true)}: remove before the body runs, so also when it throws. */
public final class InvalidateBeforeAdvice {
    private InvalidateBeforeAdvice() {}

    @Advice.OnMethodEnter
    static void enter(@Site InvalidateSite site, @Advice.AllArguments Object[] args) {
        site.invalidate(args, null);
    }
}
