package dev.larder.agent.forked;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.internal.spi.RedisModule;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded agent jar in forked JVMs whose class path holds only the test fixtures: the runtime, Caffeine and Byte
 * Buddy all come from the agent jar.
 */
class AgentIT {
    private static final String RULES = String.join(
            "\n",
            "# prices",
            "dev.larder.it.agent.plain.PriceClient#quote(java.lang.String) cached cache=prices ttl=30s key={symbol}",
            "dev.larder.it.agent.plain.PriceClient#quote(String,int) cached cache=scaled",
            "dev.larder.it.agent.plain.PriceClient#update(java.lang.String) invalidate cache=prices key={symbol}",
            "dev.larder.it.agent.plain.PriceClient#broken cached key={nope}",
            "dev.larder.it.agent.plain.PriceClient#quote frobnicate",
            "");

    @TempDir
    Path dir;

    @Test
    void annotatedClassIsWovenAndWriteBehindIsFlushedOnShutdown() throws Exception {
        runWovenApp(List.of(Forked.agent("")), dir.resolve("journal.txt"));
    }

    /** Runs the annotated app, which checks its own caching, and checks the write-behind journal it flushed. */
    private Forked.Result runWovenApp(List<String> jvm, Path journal) throws Exception {
        Forked.Result result = Forked.run(
                Forked.java(
                        jvm, Forked.TEST_CLASSES.toString(), "dev.larder.it.agent.app.WovenApp", journal.toString()),
                dir);
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).as(result.toString()).contains("WOVEN OK");
        assertThat(Files.readString(journal)).isEqualTo("j1=pending until shutdown\n");
        return result;
    }

    @Test
    void rulesCacheCodeWithoutAnnotationsAndReportBadRules() throws Exception {
        Path rules = Files.writeString(dir.resolve("larder.rules"), RULES);
        Forked.Result result = Forked.run(
                Forked.java(
                        List.of(Forked.agent("rules=" + rules)),
                        Forked.TEST_CLASSES.toString(),
                        "dev.larder.it.agent.app.RulesApp"),
                dir);
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out())
                .as(result.toString())
                .contains("quote runs 1", "overload runs 2", "after update A v2 runs 3", "broken runs 5");
        assertThat(result.err())
                .as(result.toString())
                .contains("larder.rules line 6", "unknown operation 'frobnicate'")
                .contains("dev.larder.it.agent.plain.PriceClient#broken(String)", "names parameter 'nope'");
    }

    @Test
    void aCopyingCacheGivesEveryCallerItsOwnObject() throws Exception {
        Path rules = Files.writeString(
                dir.resolve("larder.rules"),
                String.join(
                        "\n",
                        "dev.larder.it.agent.owners.OwnerForms#newOwner cached cache=forms",
                        "dev.larder.it.agent.owners.OwnerForms#sharedOwner cached cache=shared",
                        ""));
        Forked.Result result = Forked.run(
                Forked.java(
                        List.of("-Dlarder.cache.forms.copy=true", Forked.agent("rules=" + rules)),
                        Forked.TEST_CLASSES.toString(),
                        "dev.larder.it.agent.app.CopyApp"),
                dir);
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out())
                .as(result.toString())
                .contains("copying cache: second form '', same object false, runs 1")
                .contains("plain cache: second form 'Alice'");
    }

    @Test
    void classesKeptInTheCacheFolderAreNotWovenAgainOnTheNextStart() throws Exception {
        Path cache = dir.resolve("woven");
        List<String> jvm = List.of("-verbose:class", Forked.agent("cache=" + cache));
        for (int start = 1; start <= 2; start++) {
            Forked.Result result = runWovenApp(jvm, dir.resolve("journal" + start + ".txt"));
            // The weaver reads every class with ASM's ClassReader: the second start never loads it.
            assertThat(result.out().contains("dev.larder.agent.shaded.asm.ClassReader"))
                    .as("start %d loaded the weaver", start)
                    .isEqualTo(start == 1);
        }
        try (Stream<Path> entries = Files.list(cache)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("dev.larder.it.agent.Books-"));
        }
    }

    @Test
    void problemsAreReportedOnEveryStartWithACacheFolder() throws Exception {
        Path rules = Files.writeString(dir.resolve("larder.rules"), RULES);
        Path cache = dir.resolve("woven");
        for (int start = 1; start <= 2; start++) {
            Forked.Result result = Forked.run(
                    Forked.java(
                            List.of(Forked.agent("rules=" + rules + ",cache=" + cache)),
                            Forked.TEST_CLASSES.toString(),
                            "dev.larder.it.agent.app.RulesApp"),
                    dir);
            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(result.out()).as(result.toString()).contains("quote runs 1", "broken runs 5");
            assertThat(result.err())
                    .as("start %d: %s", start, result)
                    .contains("dev.larder.it.agent.plain.PriceClient#broken(String)", "names parameter 'nope'");
        }
    }

    @Test
    void strictStopsTheJvmOnABadRule() throws Exception {
        Path rules = Files.writeString(dir.resolve("larder.rules"), RULES);
        Forked.Result result = Forked.run(
                Forked.java(
                        List.of(Forked.agent("rules=" + rules + ",strict=true")),
                        Forked.TEST_CLASSES.toString(),
                        "dev.larder.it.agent.app.RulesApp"),
                dir);
        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).as(result.toString()).doesNotContain("quote runs");
        assertThat(result.err()).as(result.toString()).contains("unknown operation 'frobnicate'", "strict=true");
    }

    @Test
    void applicationInAChildClassLoaderFindsTheRuntime() throws Exception {
        Path launcher = dir.resolve("launcher");
        copy("dev/larder/it/launcher/NestedLauncher.class", launcher);
        Path app = dir.resolve("app.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(app));
                Stream<Path> files = Files.walk(Forked.TEST_CLASSES.resolve("dev/larder/it/agent"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(
                        Forked.TEST_CLASSES.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
        Path journal = dir.resolve("journal.txt");
        Forked.Result result = Forked.run(
                Forked.java(
                        List.of(Forked.agent("")),
                        launcher.toString(),
                        "dev.larder.it.launcher.NestedLauncher",
                        app.toString(),
                        "dev.larder.it.agent.app.WovenApp",
                        journal.toString()),
                dir);
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).as(result.toString()).contains("LOADER child", "WOVEN OK");
        assertThat(Files.readString(journal)).isEqualTo("j1=pending until shutdown\n");
    }

    @Test
    void theAttachJarAttachesToARunningJvmOnce() throws Exception {
        Path journal = dir.resolve("journal.txt");
        // A start that fails (a bad option) can be retried; a second start is refused rather than weaving twice.
        Forked.Result result = attached(
                List.of("spring=yes", "", ""),
                Forked.TEST_CLASSES.toString(),
                "dev.larder.it.agent.app.WovenApp",
                "--wait",
                journal.toString());
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).as(result.toString()).contains("WOVEN OK");
        assertThat(result.err())
                .as(result.toString())
                .doesNotContain("VM warning")
                .contains("option spring=yes must be true or false")
                .doesNotContain("ASSERTION FAILED")
                .containsOnlyOnce("Larder agent is running in this JVM already; not started again");
        assertThat(Files.readString(journal)).isEqualTo("j1=pending until shutdown\n");
    }

    @Test
    void anAttachedAgentKeepsTheApplicationsOwnRuntimeWhole() throws Exception {
        Path runtime = Path.of(RedisModule.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Forked.Result result = attached(
                List.of(""), Forked.TEST_CLASSES + File.pathSeparator + runtime, "dev.larder.it.agent.app.RuntimeApp");
        assertThat(result.exit()).as(result.toString()).isZero();
        // A runtime class loaded after the attach comes from where the ones before it came: the application's copy.
        assertThat(result.out()).as(result.toString()).isEqualTo("before system after system\n");
        assertThat(result.err()).as(result.toString()).doesNotContain("VM warning", "SEVERE");
    }

    @Test
    void theAgentJarItselfCannotBeAttached() throws Exception {
        try (JarFile jar = new JarFile(Forked.AGENT.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Agent-Class"))
                    .as("attached as it is, its Boot-Class-Path would split an application's own runtime")
                    .isNull();
        }
        try (JarFile jar = new JarFile(Forked.ATTACH_AGENT.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Agent-Class"))
                    .isEqualTo("dev.larder.agent.LarderAgent");
            assertThat(jar.getManifest().getMainAttributes().getValue("Boot-Class-Path"))
                    .isNull();
        }
    }

    /**
     * Runs an application that prints its PID first and then waits for a line on its standard input: attaches the
     * {@code -attach} jar once the PID is out, once per element of {@code options}, then lets it go on to its end. The
     * result's output is what the application printed after its PID.
     */
    private Forked.Result attached(List<String> options, String classPath, String main, String... args)
            throws Exception {
        Process process = Forked.java(List.of("-Djdk.attach.allowAttachSelf=false"), classPath, main, args)
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String pid = out.readLine().substring("PID ".length());
            for (String each : options) {
                ByteBuddyAgent.attach(Forked.ATTACH_AGENT.toFile(), pid, each);
            }
            try (OutputStream in = process.getOutputStream()) {
                in.write("go\n".getBytes(StandardCharsets.UTF_8));
            }
            StringBuilder rest = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                rest.append(line).append('\n');
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Forked.Result(process.exitValue(), rest.toString(), Forked.read(dir.resolve("stderr.txt")));
        } finally {
            process.destroyForcibly();
        }
    }

    private static void copy(String resource, Path root) throws IOException {
        Path target = root.resolve(resource);
        Files.createDirectories(target.getParent());
        Files.copy(Forked.TEST_CLASSES.resolve(resource), target);
    }
}
