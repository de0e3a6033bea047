package dev.larder.weaver;

import dev.larder.model.KeyTemplate;
import dev.larder.model.Operation;
import dev.larder.model.Placeholder;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Writes the code of a woven method: the method keeps its name, signature and annotations, and its original body
 * moves, untouched, to a private synthetic method {@code name$larder$body}, which the woven method calls. For a
 * {@code @Cached} method with parameters {@code (int id, String tenant)} the woven code is, in Java terms:
 *
 * <pre>{@code
 * Object key = HANDLE.key(id, tenant);               // property paths go through null-safe helper methods
 * Object value = HANDLE.get(key);
 * return value != CachedHandle.MISS ? (R) value : find$larder$miss(id, tenant, key);
 *
 * // find$larder$miss: the rest, out of line, so that a caller inlines only the hit
 * Object value = HANDLE.begin(key, null);             // or SITE.refresher(this, args) with @RefreshAhead
 * if (!(value instanceof CachedHandle.Ticket)) return (R) value;   // another caller's load
 * R result;
 * try { result = find$larder$body(id, tenant); } catch (Throwable t) { HANDLE.fail(value, t); throw t; }
 * HANDLE.complete(value, result);
 * return result;
 * }</pre>
 *
 * {@code @Invalidate(before = true)} runs first, the other {@code @Invalidate}s after a normal return, the hit
 * included; {@code @WriteThrough} stores what the body returned; {@code @WriteBehind} hands the call to the runtime
 * instead of running the body. Frames are written by hand: the code has few branches and known types, and computing
 * them would need the class hierarchy, which a class-file transformer must not load.
 */
final class WrapperWriter {
    static final String CACHED_SITE = "dev/larder/internal/weave/CachedSite";
    static final String WRITE_THROUGH_SITE = "dev/larder/internal/weave/WriteThroughSite";
    static final String WRITE_BEHIND_SITE = "dev/larder/internal/weave/WriteBehindSite";
    static final String INVALIDATE_SITE = "dev/larder/internal/weave/InvalidateSite";
    private static final String HANDLE = "dev/larder/internal/handle/CachedHandle";
    private static final String TICKET = HANDLE + "$Ticket";
    private static final String OBJECT = "java/lang/Object";
    private static final String OBJECTS = "[Ljava/lang/Object;";

    /** A site field of the woven class and the operation it serves. */
    record SiteRef(
            String field, String descriptor, @Nullable String handleField, Operation operation) {}

    /** Where the woven code finds what it calls. */
    interface Context {
        String owner();

        boolean isInterface();

        /** The body method: its name, and how to call it (the miss method is called the same way). */
        String bodyName();

        /** The miss method of a {@code @Cached} method. */
        String missName();

        int bodyInvoke();

        /** A static helper {@code (root)Object} reading a property path null-safely; made once per distinct path. */
        String pathHelper(Type root, List<ClassFileTypeModel.Accessor> accessors);
    }

    private final MethodVisitor mv;
    private final MethodInfo method;
    private final MethodPlan plan;
    private final List<SiteRef> sites;
    private final Context context;
    private final Type[] parameters;
    private final Type returnType;
    private final List<Object> baseLocals = new ArrayList<>();
    private final List<Object> extraLocals = new ArrayList<>();
    private int nextLocal;
    private int argsLocal = -1;

    WrapperWriter(MethodVisitor mv, MethodPlan plan, List<SiteRef> sites, Context context) {
        this.mv = mv;
        this.method = plan.method();
        this.plan = plan;
        this.sites = sites;
        this.context = context;
        this.parameters = method.parameterTypes();
        this.returnType = method.returnType();
        if (!method.isStatic()) {
            baseLocals.add(context.owner());
            nextLocal = 1;
        }
        for (Type parameter : parameters) {
            baseLocals.add(frameType(parameter));
            nextLocal += parameter.getSize();
        }
    }

    /** Writes the whole code attribute; {@code line} is the body's first line, or 0. */
    void write(int line) {
        mv.visitCode();
        Label start = new Label();
        mv.visitLabel(start);
        if (line > 0) {
            mv.visitLineNumber(line, start);
        }
        boolean needsArgs = false;
        SiteRef main = null;
        for (SiteRef site : sites) {
            if (site.operation() instanceof Operation.Invalidate) {
                needsArgs = true;
            } else {
                main = site;
                needsArgs |= !(site.operation() instanceof Operation.Cached cached) || needsArgs(cached);
            }
        }
        if (needsArgs) {
            argsLocal = newLocal(OBJECTS, 1);
            pushArgs();
            mv.visitVarInsn(Opcodes.ASTORE, argsLocal);
        }
        for (SiteRef site : sites) {
            if (site.operation() instanceof Operation.Invalidate i && i.before()) {
                invalidate(site, -1);
            }
        }
        int result = -1;
        if (main == null) {
            result = callBody();
        } else if (main.operation() instanceof Operation.Cached cached) {
            result = cached(main, cached);
        } else if (main.operation() instanceof Operation.WriteThrough) {
            result = callBody();
            mv.visitFieldInsn(Opcodes.GETSTATIC, context.owner(), main.field(), main.descriptor());
            mv.visitVarInsn(Opcodes.ALOAD, argsLocal);
            loadBoxed(result);
            mv.visitMethodInsn(
                    Opcodes.INVOKEVIRTUAL, WRITE_THROUGH_SITE, "put", "(" + OBJECTS + "L" + OBJECT + ";)V", false);
        } else {
            mv.visitFieldInsn(Opcodes.GETSTATIC, context.owner(), main.field(), main.descriptor());
            loadTarget();
            mv.visitVarInsn(Opcodes.ALOAD, argsLocal);
            mv.visitMethodInsn(
                    Opcodes.INVOKEVIRTUAL, WRITE_BEHIND_SITE, "write", "(L" + OBJECT + ";" + OBJECTS + ")Z", false);
            mv.visitInsn(Opcodes.POP);
        }
        for (SiteRef site : sites) {
            if (site.operation() instanceof Operation.Invalidate i && !i.before()) {
                invalidate(site, result);
            }
        }
        if (result >= 0) {
            mv.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), result);
        }
        mv.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
        mv.visitMaxs(0, 0); // computed by the class writer
        mv.visitEnd();
    }

    /** Whether the {@code @Cached} code needs the argument array: its key is not inline. */
    private boolean needsArgs(Operation.Cached cached) {
        return inlineKey(cached.key()) == null;
    }

    /** The placeholders, when every one reads a parameter (with or without a property path); else null. */
    private @Nullable List<Placeholder> inlineKey(String key) {
        if (key.isEmpty()) {
            return null;
        }
        List<Placeholder> placeholders = KeyTemplate.parse(key).placeholders();
        for (Placeholder placeholder : placeholders) {
            if (!plan.parameterNames().contains(placeholder.root())) {
                return null;
            }
        }
        return placeholders.isEmpty() ? null : placeholders;
    }

    private int cached(SiteRef site, Operation.Cached cached) {
        int key = newLocal(OBJECT, 1);
        int value = newLocal(OBJECT, 1);
        List<Placeholder> inline = inlineKey(cached.key());
        if (inline != null) {
            handle(site);
            Type unboxed = unboxedFirstPart(inline);
            for (Placeholder placeholder : inline) {
                pushPart(placeholder, unboxed == null || placeholder != inline.get(0));
            }
            if (unboxed != null) {
                // key(int, Object) and key(long, Object): the same key as the boxed form, without the box
                mv.visitMethodInsn(
                        Opcodes.INVOKEVIRTUAL,
                        HANDLE,
                        "key",
                        "(" + unboxed.getDescriptor() + "L" + OBJECT + ";)L" + OBJECT + ";",
                        false);
            } else if (inline.size() > 3) {
                // more parts than key(a, b, c) takes: the varargs form, from the values just pushed
                packParts(inline.size());
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, HANDLE, "key", "(" + OBJECTS + ")L" + OBJECT + ";", false);
            } else {
                mv.visitMethodInsn(
                        Opcodes.INVOKEVIRTUAL,
                        HANDLE,
                        "key",
                        "(" + ("L" + OBJECT + ";").repeat(inline.size()) + ")L" + OBJECT + ";",
                        false);
            }
        } else {
            mv.visitFieldInsn(Opcodes.GETSTATIC, context.owner(), site.field(), site.descriptor());
            mv.visitVarInsn(Opcodes.ALOAD, argsLocal);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CACHED_SITE, "key", "(" + OBJECTS + ")L" + OBJECT + ";", false);
        }
        mv.visitVarInsn(Opcodes.ASTORE, key);
        handle(site);
        mv.visitVarInsn(Opcodes.ALOAD, key);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, HANDLE, "get", "(L" + OBJECT + ";)L" + OBJECT + ";", false);
        mv.visitVarInsn(Opcodes.ASTORE, value);
        List<Object> looked = List.copyOf(extraLocals);
        Label hit = new Label();
        Label after = new Label();
        mv.visitVarInsn(Opcodes.ALOAD, value);
        mv.visitFieldInsn(Opcodes.GETSTATIC, HANDLE, "MISS", "L" + OBJECT + ";");
        mv.visitJumpInsn(Opcodes.IF_ACMPNE, hit);
        // The miss goes to a method of its own, so that the method a caller inlines is only the hit.
        int slot = 0;
        if (!method.isStatic()) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            slot = 1;
        }
        for (Type parameter : parameters) {
            mv.visitVarInsn(parameter.getOpcode(Opcodes.ILOAD), slot);
            slot += parameter.getSize();
        }
        mv.visitVarInsn(Opcodes.ALOAD, key);
        mv.visitMethodInsn(
                context.bodyInvoke(), context.owner(), context.missName(), missDescriptor(), context.isInterface());
        int result = newLocal(frameType(returnType), returnType.getSize());
        mv.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), result);
        mv.visitJumpInsn(Opcodes.GOTO, after);

        mv.visitLabel(hit);
        frame(looked, null);
        mv.visitVarInsn(Opcodes.ALOAD, value);
        unbox(returnType);
        mv.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), result);

        mv.visitLabel(after);
        frame(extraLocals, null);
        return result;
    }

    /** The miss method's descriptor: the method's parameters and the key, returning what the method returns. */
    String missDescriptor() {
        String descriptor = method.descriptor();
        int close = descriptor.indexOf(')');
        return descriptor.substring(0, close) + "L" + OBJECT + ";" + descriptor.substring(close);
    }

    /**
     * Writes the miss method of a {@code @Cached} method: one load of the key, shared with concurrent callers
     * ({@code begin}), the body run by the caller that owns it, its result or failure handed to the waiters.
     */
    void writeMiss(SiteRef site) {
        Operation.Cached cached = (Operation.Cached) site.operation();
        mv.visitCode();
        int key = nextLocal;
        nextLocal += 1;
        baseLocals.add(OBJECT); // the key is the last parameter
        int value = newLocal(OBJECT, 1);
        handle(site);
        mv.visitVarInsn(Opcodes.ALOAD, key);
        if (cached.refreshAt() != 0) {
            mv.visitFieldInsn(Opcodes.GETSTATIC, context.owner(), site.field(), site.descriptor());
            loadTarget();
            pushArgs();
            mv.visitMethodInsn(
                    Opcodes.INVOKEVIRTUAL,
                    CACHED_SITE,
                    "refresher",
                    "(L" + OBJECT + ";" + OBJECTS + ")Ldev/larder/internal/handle/Loader;",
                    false);
        } else {
            mv.visitInsn(Opcodes.ACONST_NULL);
        }
        mv.visitMethodInsn(
                Opcodes.INVOKEVIRTUAL,
                HANDLE,
                "begin",
                "(L" + OBJECT + ";Ldev/larder/internal/handle/Loader;)L" + OBJECT + ";",
                false);
        mv.visitVarInsn(Opcodes.ASTORE, value);
        Label owned = new Label();
        mv.visitVarInsn(Opcodes.ALOAD, value);
        mv.visitTypeInsn(Opcodes.INSTANCEOF, TICKET);
        mv.visitJumpInsn(Opcodes.IFNE, owned);
        mv.visitVarInsn(Opcodes.ALOAD, value); // another caller's load, or its failure rethrown by begin
        unbox(returnType);
        mv.visitInsn(returnType.getOpcode(Opcodes.IRETURN));

        mv.visitLabel(owned);
        List<Object> begun = List.copyOf(extraLocals);
        frame(begun, null);
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(tryStart, tryEnd, handler, null);
        mv.visitLabel(tryStart);
        pushBodyCall();
        mv.visitLabel(tryEnd);
        int result = newLocal(frameType(returnType), returnType.getSize());
        mv.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), result);
        handle(site);
        mv.visitVarInsn(Opcodes.ALOAD, value);
        loadBoxed(result);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, HANDLE, "complete", "(L" + OBJECT + ";L" + OBJECT + ";)V", false);
        mv.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), result);
        mv.visitInsn(returnType.getOpcode(Opcodes.IRETURN));

        mv.visitLabel(handler);
        frame(begun, "java/lang/Throwable");
        int thrown = nextLocal;
        nextLocal += 1;
        mv.visitVarInsn(Opcodes.ASTORE, thrown);
        handle(site);
        mv.visitVarInsn(Opcodes.ALOAD, value);
        mv.visitVarInsn(Opcodes.ALOAD, thrown);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, HANDLE, "fail", "(L" + OBJECT + ";Ljava/lang/Throwable;)V", false);
        mv.visitVarInsn(Opcodes.ALOAD, thrown);
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@code SITE.handle} on the stack, from its own static field. */
    private void handle(SiteRef site) {
        mv.visitFieldInsn(Opcodes.GETSTATIC, context.owner(), site.handleField(), "L" + HANDLE + ";");
    }

    private void invalidate(SiteRef site, int result) {
        mv.visitFieldInsn(Opcodes.GETSTATIC, context.owner(), site.field(), site.descriptor());
        mv.visitVarInsn(Opcodes.ALOAD, argsLocal);
        loadBoxed(result);
        mv.visitMethodInsn(
                Opcodes.INVOKEVIRTUAL, INVALIDATE_SITE, "invalidate", "(" + OBJECTS + "L" + OBJECT + ";)V", false);
    }

    /** Calls the body; returns the local holding its result, or -1 for void. */
    private int callBody() {
        pushBodyCall();
        if (returnType.getSort() == Type.VOID) {
            return -1;
        }
        int result = newLocal(frameType(returnType), returnType.getSize());
        mv.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), result);
        return result;
    }

    private void pushBodyCall() {
        int slot = 0;
        if (!method.isStatic()) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            slot = 1;
        }
        for (Type parameter : parameters) {
            mv.visitVarInsn(parameter.getOpcode(Opcodes.ILOAD), slot);
            slot += parameter.getSize();
        }
        mv.visitMethodInsn(
                context.bodyInvoke(), context.owner(), context.bodyName(), method.descriptor(), context.isInterface());
    }

    private void loadTarget() {
        if (method.isStatic()) {
            mv.visitInsn(Opcodes.ACONST_NULL);
        } else {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
        }
    }

    /** The value of local {@code local} as an object, or null when there is none ({@code -1}). */
    private void loadBoxed(int local) {
        if (local < 0) {
            mv.visitInsn(Opcodes.ACONST_NULL);
            return;
        }
        mv.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), local);
        box(mv, returnType);
    }

    private void pushArgs() {
        push(parameters.length);
        mv.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
        int slot = method.isStatic() ? 0 : 1;
        for (int i = 0; i < parameters.length; i++) {
            mv.visitInsn(Opcodes.DUP);
            push(i);
            mv.visitVarInsn(parameters[i].getOpcode(Opcodes.ILOAD), slot);
            box(mv, parameters[i]);
            mv.visitInsn(Opcodes.AASTORE);
            slot += parameters[i].getSize();
        }
    }

    /** For two parts whose first is an {@code int} or {@code long} parameter itself: its type; else null. */
    private @Nullable Type unboxedFirstPart(List<Placeholder> parts) {
        if (parts.size() != 2 || parts.get(0).path().size() != 1) {
            return null;
        }
        Type type = parameters[plan.parameterNames().indexOf(parts.get(0).root())];
        return type.getSort() == Type.INT || type.getSort() == Type.LONG ? type : null;
    }

    /** One key part: the parameter (boxed when {@code box}), or its property path through a helper. */
    private void pushPart(Placeholder placeholder, boolean box) {
        int index = plan.parameterNames().indexOf(placeholder.root());
        int slot = method.isStatic() ? 0 : 1;
        for (int i = 0; i < index; i++) {
            slot += parameters[i].getSize();
        }
        Type type = parameters[index];
        mv.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slot);
        if (placeholder.path().size() == 1) {
            if (box) {
                box(mv, type);
            }
            return;
        }
        List<ClassFileTypeModel.Accessor> accessors = new ArrayList<>();
        ClassFileTypeModel model = plan.parameterTypes().get(placeholder.root());
        for (String property : placeholder.path().subList(1, placeholder.path().size())) {
            ClassFileTypeModel.Accessor accessor = model.accessor(property)
                    .orElseThrow(() -> new IllegalStateException("unresolved property " + property));
            accessors.add(accessor);
            model = model.of(accessor.type());
        }
        String helper = context.pathHelper(type, accessors);
        mv.visitMethodInsn(
                Opcodes.INVOKESTATIC,
                context.owner(),
                helper,
                "(" + type.getDescriptor() + ")L" + OBJECT + ";",
                context.isInterface());
    }

    /** Packs the {@code count} values on top of the stack into an {@code Object[]}, in order. */
    private void packParts(int count) {
        int first = nextLocal;
        for (int i = count - 1; i >= 0; i--) {
            mv.visitVarInsn(Opcodes.ASTORE, first + i);
        }
        nextLocal += count;
        push(count);
        mv.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
        for (int i = 0; i < count; i++) {
            mv.visitInsn(Opcodes.DUP);
            push(i);
            mv.visitVarInsn(Opcodes.ALOAD, first + i);
            mv.visitInsn(Opcodes.AASTORE);
        }
        for (int i = 0; i < count; i++) { // the slots are scratch: leave them as they were for later frames
            extraLocals.add(Opcodes.TOP);
        }
    }

    private int newLocal(Object frameType, int size) {
        int local = nextLocal;
        nextLocal += size;
        extraLocals.add(frameType);
        return local;
    }

    /** A full frame: the parameters, then {@code extras}; {@code stackTop} the one stack value, or none. */
    private void frame(List<Object> extras, @Nullable String stackTop) {
        List<Object> locals = new ArrayList<>(baseLocals);
        locals.addAll(extras);
        while (!locals.isEmpty() && locals.get(locals.size() - 1) == Opcodes.TOP) {
            locals.remove(locals.size() - 1);
        }
        Object[] stack = stackTop == null ? new Object[0] : new Object[] {stackTop};
        mv.visitFrame(Opcodes.F_NEW, locals.size(), locals.toArray(), stack.length, stack);
    }

    private void push(int value) {
        if (value <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value <= Byte.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.BIPUSH, value);
        } else {
            mv.visitIntInsn(Opcodes.SIPUSH, value);
        }
    }

    /** How a frame names a local of this type. */
    static Object frameType(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
            case Type.FLOAT -> Opcodes.FLOAT;
            case Type.LONG -> Opcodes.LONG;
            case Type.DOUBLE -> Opcodes.DOUBLE;
            case Type.ARRAY -> type.getDescriptor();
            default -> type.getInternalName();
        };
    }

    /** Boxes the primitive on top of the stack; leaves a reference as it is. */
    static void box(MethodVisitor mv, Type type) {
        String wrapper = wrapper(type);
        if (wrapper != null) {
            mv.visitMethodInsn(
                    Opcodes.INVOKESTATIC, wrapper, "valueOf", "(" + type.getDescriptor() + ")L" + wrapper + ";", false);
        }
    }

    /** Turns the object on top of the stack into {@code type}: a cast, or an unboxing. */
    private void unbox(Type type) {
        String wrapper = wrapper(type);
        if (wrapper != null) {
            mv.visitTypeInsn(Opcodes.CHECKCAST, wrapper);
            mv.visitMethodInsn(
                    Opcodes.INVOKEVIRTUAL, wrapper, type.getClassName() + "Value", "()" + type.getDescriptor(), false);
        } else if (type.getSort() == Type.ARRAY) {
            mv.visitTypeInsn(Opcodes.CHECKCAST, type.getDescriptor());
        } else if (!type.getInternalName().equals(OBJECT)) {
            mv.visitTypeInsn(Opcodes.CHECKCAST, type.getInternalName());
        }
    }

    private static @Nullable String wrapper(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.BYTE -> "java/lang/Byte";
            case Type.CHAR -> "java/lang/Character";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> "java/lang/Integer";
            case Type.FLOAT -> "java/lang/Float";
            case Type.LONG -> "java/lang/Long";
            case Type.DOUBLE -> "java/lang/Double";
            default -> null;
        };
    }
}
