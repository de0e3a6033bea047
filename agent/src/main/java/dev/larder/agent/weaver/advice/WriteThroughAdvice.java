package dev.larder.agent.weaver.advice;

import dev.larder.internal.weave.WriteThroughSite;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** {@code @WriteThrough}: after the body returns normally, store the value; a thrown exception leaves the cache. */
public final class WriteThroughAdvice {
    private WriteThroughAdvice() {}

    @Advice.OnMethodExit
    static void exit(
            @Site WriteThroughSite site,
            @Advice.AllArguments Object[] args,
            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned) {
        site.put(args, returned);
    }
}
