package dev.larder.agent.forked;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * The agent jar's classes outside its {@code larder-redis/} folder are defined by the JVM's bootstrap loader, which
 * sees only the modules it defines itself: a type of another module ({@code java.sql}, {@code java.net.http}) or of the
 * carried folder, named by one of them, would be a {@code NoClassDefFoundError} in an application's call.
 */
class BootClassPathIT {
    private static final String CARRIED = "larder-redis/";

    /** Libraries that the bootstrap part names but neither carries nor needs: each is looked for before it is used. */
    private static final List<String> OPTIONAL = List.of(
            "io/micrometer/", // bound through the application's own Micrometer (BinderLoader)
            "com/sun/jna/", // Byte Buddy's attach on some platforms, when the application has JNA
            "dev/larder/agent/shaded/asm/tree/", // ASM's JSRInlinerAdapter, which the weaver never uses
            // annotations that no code reads at run time
            "org/jspecify/annotations/",
            "com/google/errorprone/annotations/",
            "edu/umd/cs/findbugs/annotations/",
            "javax/annotation/");

    @Test
    void theManifestNamesTheJarItselfOnTheBootClassPath() throws IOException {
        try (JarFile jar = new JarFile(Forked.AGENT.toFile())) {
            String bootClassPath = jar.getManifest().getMainAttributes().getValue("Boot-Class-Path");
            assertThat(bootClassPath.split(" "))
                    .containsExactly(Forked.AGENT.getFileName().toString());
        }
    }

    @Test
    void theBootstrapPartNamesOnlyTypesTheBootstrapLoaderSees() throws IOException {
        Set<String> boot = new HashSet<>();
        Set<String> carried = new HashSet<>();
        Map<String, String> namedBy = new TreeMap<>();
        try (JarFile jar = new JarFile(Forked.AGENT.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.endsWith(".class")) {
                    continue;
                }
                String type = name.substring(0, name.length() - ".class".length());
                if (name.startsWith(CARRIED)) {
                    carried.add(type.substring(CARRIED.length()));
                    continue;
                }
                boot.add(type);
                try (InputStream in = jar.getInputStream(entry)) {
                    for (String referenced : referenced(new ClassReader(in))) {
                        namedBy.putIfAbsent(referenced, type);
                    }
                }
            }
        }
        assertThat(boot).contains("dev/larder/agent/LarderAgent", "dev/larder/internal/weave/WovenMethods");
        assertThat(carried).contains("dev/larder/internal/redis/RedisModuleProvider");
        List<String> wrong = new ArrayList<>();
        namedBy.forEach((type, by) -> {
            if (boot.contains(type)) {
                return;
            }
            if (carried.contains(type)) {
                wrong.add(type + " (carried, out of the bootstrap loader's reach), named by " + by);
            } else if (!loads(type, null)) {
                if (loads(type, ClassLoader.getPlatformClassLoader())) {
                    wrong.add(type + " (a module of the platform loader), named by " + by);
                } else if (OPTIONAL.stream().noneMatch(type::startsWith)) {
                    wrong.add(type + " (in neither the JDK nor the jar), named by " + by);
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    /**
     * The classes a class file names in its code, members, signatures and annotations: everything linking it may load
     * (a constant pool entry that nothing uses is not visited, as the class writer of the jar's relocation left some).
     */
    private static Set<String> referenced(ClassReader reader) {
        Set<String> names = new HashSet<>();
        Remapper collecting = new Remapper(Opcodes.ASM9) {
            @Override
            public String map(String internalName) {
                names.add(internalName);
                return internalName;
            }
        };
        reader.accept(new ClassRemapper(new ClassVisitor(Opcodes.ASM9) {}, collecting), 0);
        return names;
    }

    private static boolean loads(String internalName, ClassLoader loader) {
        try {
            Class.forName(internalName.replace('/', '.'), false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
