package dev.larder.processor.internal;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.ElementFilter;

/**
 * Generates {@code Foo_Cached}: a subclass of a class {@code Foo} that overrides its annotated methods, or a wrapper
 * of an interface {@code Foo} that delegates every method and adds the caching to the annotated ones.
 */
public final class Generator {
    static final String PROCESSOR = "dev.larder.processor.LarderProcessor";
    private final Env env;

    public Generator(Env env) {
        this.env = env;
    }

    /**
     * @param members every instance method of the type, with its validated annotations where it has some
     */
    public JavaFile generate(
            TypeElement type, List<TypeScanner.Member> members, Map<ExecutableElement, AnnotatedMethod> models) {
        ClassName name = Names.generated(type);
        boolean isInterface = type.getKind().isInterface();
        List<String> reserved = new ArrayList<>(List.of("delegate", "wrap", "serialVersionUID"));
        members.forEach(m -> reserved.add(m.method().getSimpleName().toString()));
        Names names = new Names(reserved);
        HandleFields handles = new HandleFields(env, names, type);
        PathHelpers paths = new PathHelpers(names);
        MethodWriter writer = new MethodWriter(
                env, (DeclaredType) type.asType(), handles, paths, isInterface ? "this.delegate" : "super");

        List<TypeVariableName> typeVariables = new ArrayList<>();
        for (TypeParameterElement parameter : type.getTypeParameters()) {
            typeVariables.add(TypeVariableName.get(parameter));
        }
        TypeName original = TypeName.get(type.asType());
        TypeSpec.Builder generated = TypeSpec.classBuilder(name)
                .addOriginatingElement(type)
                .addAnnotation(AnnotationSpec.builder(RuntimeTypes.GENERATED)
                        .addMember("value", "$S", PROCESSOR)
                        .build())
                .addTypeVariables(typeVariables);
        if (type.getModifiers().contains(Modifier.PUBLIC)) {
            generated.addModifiers(Modifier.PUBLIC);
        }
        List<MethodSpec> methods = new ArrayList<>();
        for (TypeScanner.Member member : members) {
            AnnotatedMethod model = member.annotated().map(models::get).orElse(null);
            if (model != null) {
                methods.addAll(writer.write(member.method(), model));
            } else if (isInterface) {
                methods.add(writer.delegating(member.method()));
            }
        }
        if (isInterface) {
            generated
                    .addJavadoc(
                            "Wraps a {@link $T} with the caching its Larder annotations describe; create one with"
                                    + " {@link #wrap}.\n",
                            ClassName.get(type))
                    .addSuperinterface(original)
                    .addField(original, "delegate", Modifier.PRIVATE, Modifier.FINAL)
                    .addMethod(MethodSpec.constructorBuilder()
                            .addModifiers(Modifier.PRIVATE)
                            .addParameter(original, "delegate")
                            .addStatement("this.delegate = delegate")
                            .build())
                    .addMethod(wrap(name, original, typeVariables));
        } else {
            generated
                    .addJavadoc(
                            "A {@link $T} with the caching its Larder annotations describe: use it where you would"
                                    + " create a {@code $L}.\n",
                            ClassName.get(type),
                            type.getSimpleName())
                    .superclass(original);
            constructors(type).forEach(generated::addMethod);
        }
        if (env.types().isAssignable(type.asType(), env.erasure("java.io.Serializable"))) {
            generated.addField(
                    FieldSpec.builder(long.class, "serialVersionUID", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                            .initializer("1L")
                            .build());
        }
        generated.addFields(handles.fields()).addMethods(methods).addMethods(paths.methods());
        return JavaFile.builder(name.packageName(), generated.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private static MethodSpec wrap(ClassName name, TypeName original, List<TypeVariableName> typeVariables) {
        TypeName self = typeVariables.isEmpty()
                ? name
                : ParameterizedTypeName.get(name, typeVariables.toArray(TypeName[]::new));
        return MethodSpec.methodBuilder("wrap")
                .addJavadoc("Returns {@code delegate} with caching added.\n\n")
                .addJavadoc("@throws NullPointerException if {@code delegate} is null\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addTypeVariables(typeVariables)
                .returns(self)
                .addParameter(original, "delegate")
                .addStatement(
                        "return new $L($T.requireNonNull(delegate, $S))",
                        typeVariables.isEmpty() ? name.simpleName() : name.simpleName() + "<>",
                        Objects.class,
                        "delegate")
                .build();
    }

    private List<MethodSpec> constructors(TypeElement type) {
        List<MethodSpec> constructors = new ArrayList<>();
        for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (constructor.getModifiers().contains(Modifier.PRIVATE)) {
                continue;
            }
            MethodSpec.Builder builder = MethodSpec.constructorBuilder();
            for (Modifier modifier : constructor.getModifiers()) {
                if (modifier == Modifier.PUBLIC || modifier == Modifier.PROTECTED) {
                    builder.addModifiers(modifier);
                }
            }
            if (env.elements().isDeprecated(constructor)) {
                builder.addAnnotation(Deprecated.class);
            }
            for (TypeParameterElement parameter : constructor.getTypeParameters()) {
                builder.addTypeVariable(TypeVariableName.get(parameter));
            }
            List<String> arguments = new ArrayList<>();
            for (VariableElement parameter : constructor.getParameters()) {
                String parameterName = parameter.getSimpleName().toString();
                arguments.add(parameterName);
                builder.addParameter(ParameterSpec.builder(TypeName.get(parameter.asType()), parameterName)
                        .build());
            }
            builder.varargs(constructor.isVarArgs());
            constructor.getThrownTypes().forEach(t -> builder.addException(TypeName.get(t)));
            builder.addStatement("super($L)", String.join(", ", arguments));
            constructors.add(builder.build());
        }
        return constructors;
    }
}
