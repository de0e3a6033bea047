package dev.larder.agent.forked;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar larder-agent.jar check} over a real executable Spring Boot jar, which the test assembles as
 * Spring Boot's repackaging does: the application's classes under {@code BOOT-INF/classes/}, a library as a stored jar
 * under {@code BOOT-INF/lib/}, and Spring Boot's launcher (resolved by Maven) at the root. The same jar runs with the
 * agent, so the check's verdicts are compared with a real start.
 */
class CheckIT {
    private static final String PRICES = "dev.larder.it.agent.plain.PriceClient";

    @TempDir
    Path dir;

    @Test
    void checkReportsEveryBadRuleOfAFatJarAndExitsNonZero() throws Exception {
        Path app = fatJar();
        Path rules = Files.writeString(
                dir.resolve("larder.rules"),
                String.join(
                        "\n",
                        RulesReportIT.GOOD,
                        PRICES + "#quote(String) cached cache=prices",
                        RulesReportIT.MISSPELLED_METHOD,
                        RulesReportIT.WRONG_OVERLOAD,
                        RulesReportIT.MISSPELLED_CLASS));
        Forked.Result result = check("--rules", rules.toString(), app.toString());
        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.out())
                .as(result.toString())
                .contains("Larder would weave " + RulesReportIT.OWNERS
                        + ": findOwner(Integer) cached in 'owners' key {ownerId}")
                .contains("Larder would weave " + PRICES + ": quote(String) cached in 'prices' key {symbol}")
                .contains("line 3 (" + RulesReportIT.MISSPELLED_METHOD + "): " + RulesReportIT.OWNERS
                        + " has no method showOwnr; did you mean showOwner(int)?")
                .contains("line 4 (" + RulesReportIT.WRONG_OVERLOAD + "): " + RulesReportIT.OWNERS
                        + " has no method showOwner(Integer); did you mean showOwner(int)? Parameter 1 is int, not"
                        + " Integer")
                .contains("line 5 (" + RulesReportIT.MISSPELLED_CLASS
                        + "): no class dev.larder.it.agent.typos.OwnerControler is on the class path; did you mean "
                        + RulesReportIT.OWNERS + "?")
                .contains("Larder check: 2 classes would be woven (2 methods, caches [owners, prices]), 3 problems");

        // The agent on the same jar, started as a user would, weaves what check said it would.
        Forked.Result started = Forked.run(
                new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        Forked.agent("rules=" + rules),
                        "-jar",
                        app.toString()),
                dir);
        assertThat(started.exit()).as(started.toString()).isZero();
        assertThat(started.out()).as(started.toString()).contains("runs 3");
        assertThat(started.err())
                .as(started.toString())
                .contains("Larder wove " + RulesReportIT.OWNERS + ": findOwner(Integer) cached in 'owners'")
                .contains("has no method showOwnr; did you mean showOwner(int)?");
    }

    @Test
    void checkPassesGoodRulesAndRejectsUnknownOptions() throws Exception {
        Path app = fatJar();
        Path rules = Files.writeString(dir.resolve("larder.rules"), RulesReportIT.GOOD + "\n");
        Forked.Result good = check("--rules", rules.toString(), app.toString());
        assertThat(good.exit()).as(good.toString()).isZero();
        assertThat(good.out()).as(good.toString()).contains("1 classes would be woven", "0 problems");

        Forked.Result spring = check("--spring", "--rules", rules.toString(), app.toString());
        assertThat(spring.exit()).as(spring.toString()).isEqualTo(2);
        assertThat(spring.err()).as(spring.toString()).contains("unknown option --spring", "usage:");
    }

    private Forked.Result check(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Forked.AGENT.toString(),
                "check"));
        command.addAll(List.of(args));
        return Forked.run(new ProcessBuilder(command), dir);
    }

    /** An executable Spring Boot jar: TyposApp and its fixture under BOOT-INF/classes, PriceClient in a library. */
    private Path fatJar() throws IOException {
        Path library = dir.resolve("prices.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(library))) {
            add(jar, "dev/larder/it/agent/plain/PriceClient.class", "dev/larder/it/agent/plain/PriceClient.class");
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        main.putValue("Start-Class", "dev.larder.it.agent.app.TyposApp");
        main.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
        main.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
        Path app = dir.resolve("app.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(app), manifest)) {
            copyLoader(jar);
            try (Stream<Path> files = Files.list(Forked.TEST_CLASSES.resolve("dev/larder/it/agent/typos"))) {
                for (Path file : files.toList()) {
                    inApplication(
                            jar, Forked.TEST_CLASSES.relativize(file).toString().replace('\\', '/'));
                }
            }
            inApplication(jar, "dev/larder/it/agent/app/TyposApp.class");
            stored(jar, "BOOT-INF/lib/prices.jar", Files.readAllBytes(library));
        }
        return app;
    }

    private static void inApplication(JarOutputStream jar, String testClass) throws IOException {
        add(jar, "BOOT-INF/classes/" + testClass, testClass);
    }

    private static void add(JarOutputStream jar, String entry, String testClass) throws IOException {
        folders(jar, entry);
        jar.putNextEntry(new JarEntry(entry));
        Files.copy(Forked.TEST_CLASSES.resolve(testClass), jar);
        jar.closeEntry();
    }

    /** Spring Boot's launcher finds BOOT-INF/classes through its folder entries, as a repackaged jar has them. */
    private static void folders(JarOutputStream jar, String entry) throws IOException {
        for (int slash = entry.indexOf('/'); slash >= 0; slash = entry.indexOf('/', slash + 1)) {
            try {
                jar.putNextEntry(new JarEntry(entry.substring(0, slash + 1)));
                jar.closeEntry();
            } catch (java.util.zip.ZipException duplicate) {
                // written for an earlier entry
            }
        }
    }

    /** Nested jars are stored, not deflated: Spring Boot's launcher reads them in place. */
    private static void stored(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        folders(jar, name);
        JarEntry entry = new JarEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        jar.putNextEntry(entry);
        jar.write(bytes);
        jar.closeEntry();
    }

    private static void copyLoader(JarOutputStream out) throws IOException {
        Path loader;
        try {
            loader = Path.of(org.springframework.boot.loader.launch.JarLauncher.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        try (JarFile jar = new JarFile(loader.toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().equals("META-INF/") || entry.getName().equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream in = jar.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
