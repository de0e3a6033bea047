package dev.larder.agent.forked;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules with typos in them, and what the agent says about them and about what it wove, in forked JVMs. */
class RulesReportIT {
    static final String OWNERS = "dev.larder.it.agent.typos.OwnerController";
    static final String GOOD = OWNERS + "#findOwner(Integer) cached cache=owners";
    static final String MISSPELLED_METHOD = OWNERS + "#showOwnr cached";
    static final String WRONG_OVERLOAD = OWNERS + "#showOwner(Integer) cached";
    static final String MISSPELLED_CLASS = "dev.larder.it.agent.typos.OwnerControler#showOwner cached";
    static final String ON_AN_INTERFACE = "dev.larder.it.agent.typos.OwnerRepository#findById cached";

    @TempDir
    Path dir;

    @Test
    void typosAreReportedWithTheNearestMethodAndWovenClassesAreLogged() throws Exception {
        Path rules = Files.writeString(
                dir.resolve("larder.rules"),
                String.join("\n", GOOD, MISSPELLED_METHOD, WRONG_OVERLOAD, MISSPELLED_CLASS, ON_AN_INTERFACE));
        Forked.Result result = run(List.of(Forked.agent("rules=" + rules)));
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).as(result.toString()).contains("runs 3"); // findOwner cached, showOwner not
        assertThat(result.err())
                .as(result.toString())
                .contains("larder.rules line 2 (" + MISSPELLED_METHOD + "): " + OWNERS
                        + " has no method showOwnr; did you mean showOwner(int)? Its methods: showOwner(int),"
                        + " findOwner(Integer)")
                .contains("larder.rules line 3 (" + WRONG_OVERLOAD + "): " + OWNERS
                        + " has no method showOwner(Integer); did you mean showOwner(int)? Parameter 1 is int, not"
                        + " Integer (a primitive and its wrapper are different types).")
                .contains("larder.rules line 4 (" + MISSPELLED_CLASS
                        + "): no class dev.larder.it.agent.typos.OwnerControler had loaded by shutdown; did you mean "
                        + OWNERS + "?")
                .contains("dev.larder.it.agent.typos.OwnerRepository#findById(int): an abstract method has no body to"
                        + " cache; dev.larder.it.agent.typos.OwnerRepository is an interface: its methods run in the"
                        + " classes that implement it")
                .contains("cache the application method that calls it")
                .contains("INFO: Larder wove " + OWNERS + ": findOwner(Integer) cached in 'owners' key {ownerId}")
                .contains("Larder by shutdown: 1 classes woven (1 methods, caches [owners]), 3 problems,"
                        + " 1 rules never matched")
                .doesNotContain("line 1 (");
    }

    @Test
    void strictStopsTheJvmWhenAClassNamedByARuleHasNotLoadedInTime() throws Exception {
        Path rules = Files.writeString(dir.resolve("larder.rules"), String.join("\n", GOOD, MISSPELLED_CLASS));
        // The application then waits for standard input, which never comes: only the agent can end it.
        Forked.Result result = run(List.of(Forked.agent("rules=" + rules + ",strict=true,report=2s")), "--wait");
        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).as(result.toString()).contains("runs 3", "waiting");
        assertThat(result.err())
                .as(result.toString())
                .contains("no class dev.larder.it.agent.typos.OwnerControler had loaded 2s after start; did you"
                        + " mean " + OWNERS + "?")
                .contains("stopping the JVM because strict=true");
    }

    @Test
    void strictStopsTheJvmWhenTheClassOfAMisspelledOverloadLoads() throws Exception {
        Path rules = Files.writeString(dir.resolve("larder.rules"), String.join("\n", GOOD, WRONG_OVERLOAD));
        Forked.Result result = run(List.of(Forked.agent("rules=" + rules + ",strict=true")));
        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).as(result.toString()).doesNotContain("runs");
        assertThat(result.err())
                .as(result.toString())
                .contains("has no method showOwner(Integer); did you mean showOwner(int)?", "strict=true");
    }

    private Forked.Result run(List<String> jvm, String... args) throws Exception {
        return Forked.run(
                Forked.java(jvm, Forked.TEST_CLASSES.toString(), "dev.larder.it.agent.app.TyposApp", args), dir);
    }
}
