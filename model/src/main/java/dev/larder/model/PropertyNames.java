package dev.larder.model;

import org.jspecify.annotations.Nullable;

/**
 * How every {@link TypeModel} names getters and the properties they read: property {@code url} is {@code getUrl()},
 * property {@code URL} is {@code getURL()} (JavaBeans), a {@code boolean} property may be {@code isX()}, and {@code
 * getClass()} is no property.
 */
public final class PropertyNames {
    private PropertyNames() {}

    /** {@code getName} for property {@code name}. */
    public static String getter(String property) {
        return "get" + capitalised(property);
    }

    /** {@code isName} for property {@code name}, for a {@code boolean} getter. */
    public static String booleanGetter(String property) {
        return "is" + capitalised(property);
    }

    /**
     * The property a public, no-argument instance method reads as a getter, or null when it is none.
     *
     * @param returnsVoid whether the method returns {@code void}
     * @param returnsBoolean whether it returns the primitive {@code boolean}
     */
    public static @Nullable String ofGetter(String method, boolean returnsVoid, boolean returnsBoolean) {
        String property = null;
        if (method.startsWith("get") && method.length() > 3 && !returnsVoid) {
            property = decapitalise(method.substring(3));
        } else if (method.startsWith("is") && method.length() > 2 && returnsBoolean) {
            property = decapitalise(method.substring(2));
        }
        return "class".equals(property) ? null : property;
    }

    private static String capitalised(String property) {
        return Character.toUpperCase(property.charAt(0)) + property.substring(1);
    }

    // the inverse of the getter's capitalisation
    private static String decapitalise(String name) {
        if (name.length() > 1 && Character.isUpperCase(name.charAt(0)) && Character.isUpperCase(name.charAt(1))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
