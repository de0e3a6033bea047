package dev.larder.processor.internal;

import dev.larder.model.PropertyNames;
import dev.larder.model.TypeModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
public record ElementTypeModel(TypeMirror type, String accessor, Types types, Elements elements) implements TypeModel {

    public static ElementTypeModel root(TypeMirror type, Types types, Elements elements) {
        return new ElementTypeModel(type, "", types, elements);
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
            if (!isPublicInstance(member)) {
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
                    && isPublicInstance(method)) {
                TypeMirror result = ((ExecutableType) types.asMemberOf(owner, method)).getReturnType();
                return Optional.of(new ElementTypeModel(result, name + "()", types, elements));
            }
        }
        return Optional.empty();
    }

    private Optional<ElementTypeModel> field(DeclaredType owner, List<? extends Element> members, String name) {
        for (VariableElement field : ElementFilter.fieldsIn(members)) {
            if (field.getSimpleName().contentEquals(name) && isPublicInstance(field)) {
                return Optional.of(new ElementTypeModel(types.asMemberOf(owner, field), name, types, elements));
            }
        }
        return Optional.empty();
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
