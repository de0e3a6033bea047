package dev.larder.agent.forked;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
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

        Forked.Result unknown = check("--redis", "--rules", rules.toString(), app.toString());
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).as(unknown.toString()).contains("unknown option --redis", "usage:");
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
            FatJar.add(
                    jar, "dev/larder/it/agent/plain/PriceClient.class", "dev/larder/it/agent/plain/PriceClient.class");
        }
        List<String> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(Forked.TEST_CLASSES.resolve("dev/larder/it/agent/typos"))) {
            for (Path file : files.toList()) {
                classes.add(Forked.TEST_CLASSES.relativize(file).toString().replace('\\', '/'));
            }
        }
        classes.add("dev/larder/it/agent/app/TyposApp.class");
        return FatJar.build(dir.resolve("app.jar"), "dev.larder.it.agent.app.TyposApp", classes, List.of(library));
    }
}
