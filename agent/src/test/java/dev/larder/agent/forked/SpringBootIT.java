package dev.larder.agent.forked;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spring Boot application in an executable fat jar, Spring's caching off, started with the agent and {@code
 * spring=true}: its {@code @Cacheable} service method runs once for repeated calls. And classes in such a jar's
 * nested class loader, woven on a thread whose context loader cannot see them.
 */
class SpringBootIT {
    private static final List<String> APP = List.of(
            "dev/larder/it/agent/boot/BootApp.class",
            "dev/larder/it/agent/boot/Quotes.class",
            "dev/larder/it/agent/boot/CachingOn.class");

    @TempDir
    Path dir;

    @Test
    void cacheableServiceMethodRunsOnceUnderTheAgentWithSpringOn() throws Exception {
        Path app = FatJar.build(dir.resolve("boot.jar"), "dev.larder.it.agent.boot.BootApp", APP, springJars());

        Forked.Result plain = start(app, "");
        assertThat(plain.exit()).as(plain.toString()).isZero();
        assertThat(plain.out()).as(plain.toString()).contains("runs 3");

        Forked.Result woven = start(app, "spring=true");
        assertThat(woven.exit()).as(woven.toString()).isZero();
        assertThat(woven.out()).as(woven.toString()).contains("runs 1");
        assertThat(woven.err()).as(woven.toString()).doesNotContain("cached twice");
    }

    @Test
    void checkWithSpringSaysWhatTheAgentWouldWeave() throws Exception {
        Path app = FatJar.build(dir.resolve("boot.jar"), "dev.larder.it.agent.boot.BootApp", APP, springJars());

        Forked.Result check = Forked.run(
                new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        Forked.AGENT.toString(),
                        "check",
                        "--spring",
                        app.toString()),
                dir);

        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.out())
                .as(check.toString())
                .contains("Larder would weave dev.larder.it.agent.boot.Quotes: quote(String) cached in 'quotes'")
                .contains("1 classes would be woven", "0 problems");
    }

    @Test
    void agentWarnsWhenSpringsOwnCachingIsOnToo() throws Exception {
        Path app = FatJar.build(dir.resolve("boot.jar"), "dev.larder.it.agent.boot.BootApp", APP, springJars());

        Forked.Result both = start(app, "spring=true", "enable-caching");

        assertThat(both.exit()).as(both.toString()).isZero();
        assertThat(both.err())
                .as(both.toString())
                .contains("dev.larder.it.agent.boot.CachingOn turns on Spring's caching (@EnableCaching)")
                .contains("spring.cache.type=none");
    }

    /**
     * A woven class first used on a thread whose context loader cannot see the nested jar: its sites still resolve
     * the method's return type through the class's own loader, so a copying cache copies.
     */
    @Test
    void aSiteMadeOnAThreadWhoseContextLoaderCannotSeeTheClassStillKnowsItsReturnType() throws Exception {
        Path app = FatJar.build(
                dir.resolve("context.jar"),
                "dev.larder.it.agent.boot.ContextLoaderApp",
                List.of(
                        "dev/larder/it/agent/boot/ContextLoaderApp.class",
                        "dev/larder/it/agent/boot/ContextLoaderApp$Bookings.class",
                        "dev/larder/it/agent/boot/ContextLoaderApp$Booking.class"),
                List.of());

        Forked.Result result = start(app, "cache.bookings.copy=true");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).as(result.toString()).contains("own copy true, runs 1");
        assertThat(result.err()).as(result.toString()).doesNotContain("cannot be known");
    }

    private Forked.Result start(Path app, String options, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!options.isEmpty()) {
            command.add(Forked.agent(options));
        }
        command.add("-jar");
        command.add(app.toString());
        command.addAll(List.of(args));
        return Forked.run(new ProcessBuilder(command), dir);
    }

    /** Spring Boot and what it needs, from the test class path; the launcher is in the jar already. */
    private static List<Path> springJars() {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = entry.replace('\\', '/');
            boolean spring = path.contains("/org/springframework/") && !path.contains("spring-boot-loader");
            if (path.endsWith(".jar")
                    && (spring
                            || path.contains("/micrometer-observation/")
                            || path.contains("/micrometer-commons/")
                            || path.contains("/commons-logging/")
                            || path.contains("/jspecify/"))) {
                jars.add(Path.of(entry));
            }
        }
        return jars;
    }
}
