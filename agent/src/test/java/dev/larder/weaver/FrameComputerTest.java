package dev.larder.weaver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * The frames {@link FrameComputer} states are the ones the JVM's verifier checks: each method here is written through
 * it, as the weaver's generators write, defined in a class of its own (defining verifies it) and called.
 */
class FrameComputerTest {
    private static final String OWNER = "dev/larder/weaver/Generated";
    private static final Type OBJECT = Type.getType(Object.class);
    private static final Type STRING = Type.getType(String.class);
    private static final org.objectweb.asm.commons.Method TO_STRING =
            new org.objectweb.asm.commons.Method("toString", "()Ljava/lang/String;");
    private static final org.objectweb.asm.commons.Method HASH_CODE =
            new org.objectweb.asm.commons.Method("hashCode", "()I");

    @Test
    void wideLocalsAndLocalsSetOnEveryPathKeepTheirTypesWherePathsMeet() throws Exception {
        assertWideLocalsAndBranches(Opcodes.V17);
    }

    @Test
    void aClassFileOlderThanJava6GetsFramesItsWriterAccepts() throws Exception {
        assertWideLocalsAndBranches(Opcodes.V1_5); // ASM refuses compressed frames there; the JVM ignores frames
    }

    private static void assertWideLocalsAndBranches(int version) throws Exception {
        // static Object f(long a, double b, boolean pick) {
        //     long sum = a + (long) b; Object result; if (pick) result = "x" + sum; else result = sum; return result; }
        Method method = define(version, "(JDZ)Ljava/lang/Object;", code -> {
            int sum = code.newLocal(Type.LONG_TYPE);
            int result = code.newLocal(OBJECT);
            code.loadArg(0);
            code.loadArg(1);
            code.cast(Type.DOUBLE_TYPE, Type.LONG_TYPE);
            code.math(GeneratorAdapter.ADD, Type.LONG_TYPE);
            code.storeLocal(sum);
            Label boxed = code.newLabel();
            Label done = code.newLabel();
            code.loadArg(2);
            code.ifZCmp(GeneratorAdapter.EQ, boxed);
            code.loadLocal(sum);
            code.invokeStatic(STRING, new org.objectweb.asm.commons.Method("valueOf", "(J)Ljava/lang/String;"));
            code.storeLocal(result);
            code.goTo(done);
            code.mark(boxed);
            code.loadLocal(sum);
            code.valueOf(Type.LONG_TYPE);
            code.storeLocal(result);
            code.mark(done); // a String and a Long in one local declared Object: the frame says Object
            code.loadLocal(sum); // and the long set before the branch is still there
            code.pop2();
            code.loadLocal(result);
            code.returnValue();
        });

        assertThat(method.invoke(null, 40L, 2.5, true)).isEqualTo("42");
        assertThat(method.invoke(null, 40L, 2.5, false)).isEqualTo(42L);
    }

    @Test
    void aHandlerSeesOnlyTheLocalsSetBeforeEveryInstructionOfItsRange() throws Exception {
        // static String f(Object value) { String text; try { text = value.toString(); } catch (Throwable t) {
        //   return "failed"; } return text; }
        Method method = define("(Ljava/lang/Object;)Ljava/lang/String;", code -> {
            Label start = code.newLabel();
            Label end = code.newLabel();
            Label handler = code.newLabel();
            code.visitTryCatchBlock(start, end, handler, null);
            code.mark(start);
            code.loadArg(0);
            code.invokeVirtual(OBJECT, new org.objectweb.asm.commons.Method("toString", "()Ljava/lang/String;"));
            int text = code.newLocal(STRING);
            code.storeLocal(text);
            code.mark(end);
            code.loadLocal(text);
            code.returnValue();
            code.mark(handler);
            code.pop();
            code.push("failed");
            code.returnValue();
        });

        assertThat(method.invoke(null, 7)).isEqualTo("7");
        assertThat(method.invoke(null, (Object) null)).isEqualTo("failed");
    }

    @Test
    void aLocalSetOnOnlyOnePathIsUndefinedWhereThePathsMeet() {
        // static Object f(boolean set) { Object value; if (set) value = "x"; return value; } : javac refuses it,
        // and so must the verifier, or the frame claimed a local that one path never set
        assertThatThrownBy(() -> define("(Z)Ljava/lang/Object;", code -> {
                    int value = code.newLocal(OBJECT);
                    Label skip = code.newLabel();
                    code.loadArg(0);
                    code.ifZCmp(GeneratorAdapter.EQ, skip);
                    code.push("x");
                    code.storeLocal(value);
                    code.mark(skip);
                    code.loadLocal(value);
                    code.returnValue();
                }))
                .isInstanceOf(VerifyError.class);
    }

    @Test
    void aJumpBackwardsIsRefused() {
        assertThatThrownBy(() -> define("()V", code -> {
                    Label top = code.mark();
                    code.goTo(top);
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("backwards");
    }

    @Test
    void aJumpFromBeforeATryRangeIntoItNarrowsTheLocalsTheHandlerSees() throws Exception {
        // static String f(boolean skip, Object v) {
        //   String x; if (!skip) { x = "a"; } try-range { [x set here only when !skip] v.toString();
        //   mid: v.hashCode(); } catch (Throwable t) { return "failed"; } return "ok"; }
        // The handler does not use x: valid code. The handler's frame must not claim x, which is unset at mid.
        Method method = define("(ZLjava/lang/Object;)Ljava/lang/String;", code -> {
            int x = code.newLocal(STRING);
            Label mid = code.newLabel();
            Label start = code.newLabel();
            Label end = code.newLabel();
            Label handler = code.newLabel();
            code.visitTryCatchBlock(start, end, handler, null);
            code.loadArg(0);
            code.ifZCmp(GeneratorAdapter.NE, mid);
            code.push("a");
            code.storeLocal(x);
            code.mark(start);
            code.loadArg(1);
            code.invokeVirtual(OBJECT, TO_STRING);
            code.pop();
            code.mark(mid);
            code.loadArg(1);
            code.invokeVirtual(OBJECT, HASH_CODE);
            code.pop();
            code.mark(end);
            code.push("ok");
            code.returnValue();
            code.mark(handler);
            code.pop();
            code.push("failed");
            code.returnValue();
        });

        assertThat(method.invoke(null, false, 1)).isEqualTo("ok");
        assertThat(method.invoke(null, true, null)).isEqualTo("failed");
    }

    @Test
    void twoJumpTargetsAtOneOffsetWithDifferentLocalsGetOneFrame() throws Exception {
        // static String f(boolean p, boolean q) { String x; if (!p) { x = "a"; if (q) goto a; a: ; } b: return "ok"; }
        // Labels a and b are at one offset; a's frame holds x, b's (reached without x) must not.
        Method method = define("(ZZ)Ljava/lang/String;", code -> {
            int x = code.newLocal(STRING);
            Label a = code.newLabel();
            Label b = code.newLabel();
            code.loadArg(0);
            code.ifZCmp(GeneratorAdapter.NE, b);
            code.push("a");
            code.storeLocal(x);
            code.loadArg(1);
            code.ifZCmp(GeneratorAdapter.NE, a);
            code.mark(a);
            code.mark(b);
            code.push("ok");
            code.returnValue();
        });

        assertThat(method.invoke(null, true, true)).isEqualTo("ok");
        assertThat(method.invoke(null, false, true)).isEqualTo("ok");
    }

    @Test
    void twoEntriesOfOneHandlerShareItsFrame() throws Exception {
        // a multi-catch: try { v.toString(); } catch (IllegalStateException | NullPointerException e) { return "f"; }
        Method method = define("(Ljava/lang/Object;)Ljava/lang/String;", code -> {
            Label start = code.newLabel();
            Label end = code.newLabel();
            Label handler = code.newLabel();
            code.visitTryCatchBlock(start, end, handler, "java/lang/IllegalStateException");
            code.visitTryCatchBlock(start, end, handler, "java/lang/NullPointerException");
            code.mark(start);
            code.loadArg(0);
            code.invokeVirtual(OBJECT, TO_STRING);
            code.mark(end);
            code.returnValue();
            code.mark(handler);
            code.pop();
            code.push("f");
            code.returnValue();
        });

        assertThat(method.invoke(null, 7)).isEqualTo("7");
        assertThat(method.invoke(null, (Object) null)).isEqualTo("f");
    }

    @Test
    void anInstructionNoPathReachesIsRefused() {
        assertThatThrownBy(() -> define("()V", code -> {
                    Label after = code.newLabel();
                    code.goTo(after);
                    code.push("dead");
                    code.pop();
                    code.mark(after);
                    code.returnValue();
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no path reaches");
    }

    /** Defines a class with one static method {@code f}, its code written by {@code body}, and returns the method. */
    private static Method define(String descriptor, Consumer<GeneratorAdapter> body) throws Exception {
        return define(Opcodes.V17, descriptor, body);
    }

    private static Method define(int version, String descriptor, Consumer<GeneratorAdapter> body) throws Exception {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(version, Opcodes.ACC_PUBLIC, OWNER, null, "java/lang/Object", null);
        int access = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC;
        GeneratorAdapter code = new GeneratedCode(
                new FrameComputer(
                        OWNER, access, descriptor, writer.visitMethod(access, "f", descriptor, null, null), version),
                access,
                new org.objectweb.asm.commons.Method("f", descriptor));
        code.visitCode();
        body.accept(code);
        code.endMethod();
        writer.visitEnd();
        byte[] bytes = writer.toByteArray();
        Class<?> type = new ClassLoader(FrameComputerTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(OWNER.replace('/', '.'), bytes, 0, bytes.length);
            }
        }.define();
        for (Method method : type.getMethods()) {
            if (method.getName().equals("f")) {
                return method;
            }
        }
        throw new AssertionError("no method f");
    }
}
