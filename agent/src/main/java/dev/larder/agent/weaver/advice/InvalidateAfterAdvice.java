package dev.larder.agent.weaver.advice;

import dev.larder.internal.weave.InvalidateSite;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** {@code @Invalidate}: remove after the body returns normally; a thrown exception leaves the cache. */
public final class InvalidateAfterAdvice {
    private InvalidateAfterAdvice() {}

    @Advice.OnMethodExit
    static void exit(
            @Site InvalidateSite site,
            @Advice.AllArguments Object[] args,
            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned) {
        site.invalidate(args, returned);
    }
}
