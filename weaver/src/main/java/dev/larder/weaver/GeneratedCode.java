package dev.larder.weaver;

import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * ASM's generator for a method the weaver adds to a woven class, telling its {@link FrameComputer} the type of each
 * local it allocates. Every generator of the weaver writes through one and keeps the shape the frame computer relies
 * on: jumps go forward only, the operand stack is empty at every jump and at every label (a condition is stored in a
 * local or jumped on, never left on the stack across a branch), and a local holds only values of its declared type.
 */
class GeneratedCode extends GeneratorAdapter {
    private final FrameComputer frames;

    GeneratedCode(FrameComputer frames, int access, Method method) {
        super(ClassInfoReader.API, frames, access, method.getName(), method.getDescriptor());
        this.frames = frames;
    }

    @Override
    protected void setLocalType(int local, Type type) {
        super.setLocalType(local, type);
        frames.declare(local, type);
    }
}
