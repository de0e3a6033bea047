package dev.larder.weaver;

/** Why an abstract method cannot be woven, and what to name instead. */
final class AbstractMethods {
    private AbstractMethods() {}

    static String why(ClassInfo type) {
        String what = type.isInterface()
                ? type.displayName() + " is an interface: its methods run in the classes that implement it, and a"
                        + " rule applies to the class it names, not to its implementations"
                : type.displayName() + " declares it abstract: it runs in the subclasses that implement it";
        return "an abstract method has no body to cache; " + what + ". Name the implementing class's method"
                + " instead; for an interface implemented by a proxy made at run time, such as a Spring Data"
                + " repository, cache the application method that calls it: a shared implementation class (such as"
                + " SimpleJpaRepository) serves many instances, and a key made of the parameters alone would give them"
                + " one entry";
    }
}
