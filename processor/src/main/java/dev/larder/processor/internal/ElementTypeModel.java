package dev.larder.processor.internal;

import dev.larder.model.PropertyNames;
import dev.larder.model.TypeModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * A {@link TypeModel} over {@code javax.lang.model}, with the lookup of every mode ({@code ReflectiveTypeModel} is the
 * runtime's): a public getter {@code getX()}, then {@code isX()} returning {@code boolean}, then a record accessor
 * {@code x()}, then a public field {@code x}; static members never count.
 *
 * @param accessor how the generated code reads this property from its owner, {@code getCity()} or {@code city};
 *     empty for a parameter or the result
 */
public record ElementTypeModel(TypeMirror type, String accessor, Types types, Elements elements, boolean inside)
        implements TypeModel {

    public ElementTypeModel(TypeMirror type, String accessor, Types types, Elements elements) {
        this(type, accessor, types, elements, false);
    }

    public static ElementTypeModel root(TypeMirror type, Types types, Elements elements) {
        return new ElementTypeModel(type, "", types, elements);
    }

    /**
     * The annotated class as its generated subclass, in the same package, sees it for {@code {this.path}}: besides
     * public members, its own and inherited protected and package-private ones, but never private ones. Woven code
     * runs inside the class and reads its private members too; generated code cannot.
     */
    public static ElementTypeModel subclassView(TypeMirror type, Types types, Elements elements) {
        return new ElementTypeModel(type, "", types, elements, true);
    }

    @Override
    public String displayName() {
        return types.erasure(type).toString();
    }

    @Override
    public Optional<TypeModel> property(String name) {
        return find(name).map(TypeModel.class::cast);
    }

    /** The property as this type model, with its accessor. */
    public Optional<ElementTypeModel> find(String name) {
        Optional<DeclaredType> declared = declared(type);
        if (declared.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        DeclaredType owner = declared.get();
        TypeElement element = (TypeElement) owner.asElement();
        List<? extends Element> members = elements.getAllMembers(element);
        Optional<ElementTypeModel> getter =
                name.equals("class") ? Optional.empty() : method(owner, members, PropertyNames.getter(name));
        if (getter.isPresent()) {
            return getter;
        }
        Optional<ElementTypeModel> is = method(owner, members, PropertyNames.booleanGetter(name))
                .filter(p -> p.type().getKind() == TypeKind.BOOLEAN);
        if (is.isPresent()) {
            return is;
        }
        if (element.getKind() == ElementKind.RECORD) {
            boolean component = element.getRecordComponents().stream()
                    .anyMatch(c -> c.getSimpleName().contentEquals(name));
            if (component) {
                return method(owner, members, name);
            }
        }
        return field(owner, members, name);
    }

    @Override
    public List<String> propertyNames() {
        Optional<DeclaredType> declared = declared(type);
        if (declared.isEmpty()) {
            return List.of();
        }
        TypeElement element = (TypeElement) declared.get().asElement();
        TreeSet<String> names = new TreeSet<>();
        for (Element member : elements.getAllMembers(element)) {
            if (!readable(member)) {
                continue;
            }
            String name = member.getSimpleName().toString();
            if (member instanceof ExecutableElement method
                    && method.getParameters().isEmpty()) {
                TypeKind returns = method.getReturnType().getKind();
                String property = PropertyNames.ofGetter(name, returns == TypeKind.VOID, returns == TypeKind.BOOLEAN);
                if (property != null) {
                    names.add(property);
                }
            } else if (member instanceof VariableElement) {
                names.add(name);
            }
        }
        if (element.getKind() == ElementKind.RECORD) {
            element.getRecordComponents()
                    .forEach(c -> names.add(c.getSimpleName().toString()));
        }
        names.remove("class");
        return new ArrayList<>(names);
    }

    private Optional<ElementTypeModel> method(DeclaredType owner, List<? extends Element> members, String name) {
        for (ExecutableElement method : ElementFilter.methodsIn(members)) {
            if (method.getSimpleName().contentEquals(name)
                    && method.getParameters().isEmpty()
                    && method.getReturnType().getKind() != TypeKind.VOID
                    && readable(method)) {
                TypeMirror result = ((ExecutableType) types.asMemberOf(owner, method)).getReturnType();
                return Optional.of(new ElementTypeModel(result, name + "()", types, elements));
            }
        }
        return Optional.empty();
    }

    private Optional<ElementTypeModel> field(DeclaredType owner, List<? extends Element> members, String name) {
        for (VariableElement field : ElementFilter.fieldsIn(members)) {
            if (field.getSimpleName().contentEquals(name) && readable(field)) {
                return Optional.of(new ElementTypeModel(types.asMemberOf(owner, field), name, types, elements));
            }
        }
        return Optional.empty();
    }

    private boolean readable(Element member) {
        if (!inside || member.getModifiers().contains(Modifier.STATIC)) {
            return isPublicInstance(member);
        }
        Set<Modifier> modifiers = member.getModifiers();
        if (modifiers.contains(Modifier.PUBLIC) || modifiers.contains(Modifier.PROTECTED)) {
            return true;
        }
        return !modifiers.contains(Modifier.PRIVATE)
                && elements.getPackageOf(member).equals(elements.getPackageOf(types.asElement(type)));
    }

    private static boolean isPublicInstance(Element member) {
        return member.getModifiers().contains(Modifier.PUBLIC)
                && !member.getModifiers().contains(Modifier.STATIC);
    }

    private static Optional<DeclaredType> declared(TypeMirror mirror) {
        if (mirror instanceof DeclaredType declared) {
            return Optional.of(declared);
        }
        if (mirror instanceof TypeVariable variable) {
            return declared(variable.getUpperBound());
        }
        if (mirror instanceof IntersectionType intersection) {
            return declared(intersection.getBounds().get(0));
        }
        if (mirror instanceof WildcardType wildcard && wildcard.getExtendsBound() != null) {
            return declared(wildcard.getExtendsBound());
        }
        return Optional.empty();
    }
}
