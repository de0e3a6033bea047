package dev.larder.weaver;

/**
 * The JDK's packages, which Larder never weaves and whose types never carry its annotations: a class or supertype in
 * one of them is neither read nor woven. Shared by the weaver and the agent, which asks for every class the JVM
 * loads, so this is a plain loop over prefixes. Thread-safe.
 */
public final class JdkPackages {
    private static final String[] PREFIXES = {"java/", "javax/", "jdk/", "sun/", "com/sun/"};

    private JdkPackages() {}

    /** The prefixes of the JDK's internal names, {@code java/} and so on: a fresh copy. */
    public static String[] prefixes() {
        return PREFIXES.clone();
    }

    /** Whether {@code internalName} ({@code java/lang/String}, slash-separated) names a type of the JDK. */
    public static boolean contain(String internalName) {
        for (String prefix : PREFIXES) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
