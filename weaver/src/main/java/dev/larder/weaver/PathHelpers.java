package dev.larder.weaver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;

/**
 * The null-safe property-path helpers of one woven class: {@code static Object larder$path$N(Root root)} returns null
 * when any step is null, else the last value, boxed. One helper per distinct path, however many keys use it. Not
 * thread-safe: one instance per woven class.
 */
final class PathHelpers {
    private static final String PREFIX = "larder$path$";

    private record Helper(Method method, List<ClassFileTypeModel.Accessor> accessors) {}

    private final Host host;
    private final Map<String, Helper> helpers = new LinkedHashMap<>();

    PathHelpers(Host host) {
        this.host = host;
    }

    /** The helper reading {@code accessors} from a {@code root}, named now and written by {@link #writeAll}. */
    Method helper(Type root, List<ClassFileTypeModel.Accessor> accessors) {
        StringBuilder path = new StringBuilder(root.getDescriptor());
        for (ClassFileTypeModel.Accessor accessor : accessors) {
            path.append('.').append(accessor.name()).append(accessor.descriptor());
        }
        String signature = path.toString();
        Helper helper = helpers.get(signature);
        if (helper == null) {
            Method method = new Method(PREFIX + helpers.size(), RuntimeCalls.OBJECT, new Type[] {root});
            helper = new Helper(method, List.copyOf(accessors));
            helpers.put(signature, helper);
        }
        return helper.method();
    }

    /** Adds every helper named so far to the class. */
    void writeAll(WovenClassWriter writer) {
        int access = host.hiddenAccess() | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
        for (Helper helper : helpers.values()) {
            Method method = helper.method();
            write(writer.generate(access, method), helper.accessors());
        }
    }

    /**
     * Each step's value goes to a local of its own, so that the paths into {@code isNull} never hold two different
     * types in one local or on the stack: the frame there keeps every local's own type.
     */
    private static void write(GeneratorAdapter code, List<ClassFileTypeModel.Accessor> accessors) {
        code.visitCode();
        Label isNull = code.newLabel();
        int current = -1; // the argument, then each step's local
        for (int i = 0; i < accessors.size(); i++) {
            ClassFileTypeModel.Accessor accessor = accessors.get(i);
            load(code, current);
            code.ifNull(isNull);
            load(code, current);
            if (accessor.opcode() == Opcodes.GETFIELD) {
                code.visitFieldInsn(Opcodes.GETFIELD, accessor.owner(), accessor.name(), accessor.descriptor());
            } else {
                code.visitMethodInsn(
                        accessor.opcode(),
                        accessor.owner(),
                        accessor.name(),
                        accessor.descriptor(),
                        accessor.isInterface());
            }
            if (i < accessors.size() - 1) {
                current = code.newLocal(accessor.type());
                code.storeLocal(current);
            } else {
                code.valueOf(accessor.type());
                code.returnValue();
            }
        }
        code.mark(isNull);
        code.visitInsn(Opcodes.ACONST_NULL);
        code.returnValue();
        code.endMethod();
    }

    private static void load(GeneratorAdapter code, int local) {
        if (local < 0) {
            code.loadArg(0);
        } else {
            code.loadLocal(local);
        }
    }
}
