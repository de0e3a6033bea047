package dev.larder.agent.forked;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.internal.redis.RedisServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backend=tiered with nothing but the agent jar: Jedis and Jackson come relocated inside it, in a class loader of
 * their own, whether the bootstrap loader defines the runtime (the jar under its built name) or the system loader does
 * (a renamed jar).
 */
class AgentRedisIT {
    @TempDir
    Path dir;

    @Test
    void tieredBackendWorksFromTheAgentAloneAndIsSharedBetweenJvms() throws Exception {
        tieredBackendWorks(Forked.AGENT, Forked.TEST_CLASSES.toString(), "bootstrap", "larder-redis", false);
    }

    @Test
    void tieredBackendWorksFromARenamedAgentJar() throws Exception {
        // in a folder whose name holds "!", which a jar: URL would take for the end of the jar's path
        Path renamed = Files.copy(
                Forked.AGENT, Files.createDirectories(dir.resolve("bang!")).resolve("renamed.jar"));
        tieredBackendWorks(renamed, Forked.TEST_CLASSES.toString(), "system", "larder-redis", false);
    }

    @Test
    void anApplicationsOwnLarderRedisComesFirst() throws Exception {
        // This JVM's class path has larder-redis, Jedis and Jackson, as an application that uses them has: the
        // application's Jackson modules apply to its values, as they would without the agent.
        tieredBackendWorks(Forked.AGENT, System.getProperty("java.class.path"), "bootstrap", "system", true);
    }

    private void tieredBackendWorks(
            Path agent, String classPath, String runtimeLoader, String redisLoader, boolean applicationJackson)
            throws Exception {
        Path rules = Files.writeString(
                dir.resolve("larder.rules"),
                "dev.larder.it.agent.plain.PriceClient#quote(java.lang.String) cached cache=prices ttl=10m\n"
                        + "dev.larder.it.agent.plain.PriceClient#listing cached cache=listings ttl=10m\n"
                        + "dev.larder.it.agent.plain.PriceClient#symbols cached cache=symbols ttl=10m\n");
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            List<String> jvm =
                    List.of(Forked.agent(agent, "rules=" + rules + ",backend=tiered,redis.uri=" + redis.uri()));
            Forked.Result first = run(jvm, classPath);
            assertThat(first.exit()).as(first.toString()).isZero();
            // Until its invalidation channel is live, the tiered backend reads and writes Redis alone, so the two
            // calls of a JVM that has just started may both run the body: only the value is checked here.
            assertThat(first.out())
                    .as(first.toString())
                    .contains("quote A v1 A v1 runs ", "runtime loader: " + runtimeLoader)
                    .contains("application sees Jackson: " + applicationJackson)
                    .contains("larder-redis loader: " + redisLoader);
            assertThat(first.err()).as(first.toString()).doesNotContain("SLF4J", "Exception");
            assertThat(redis.command("DBSIZE")).as(first.toString()).isNotEqualTo(":0");
            // A second JVM finds the value in Redis: the body never runs there.
            Forked.Result second = run(jvm, classPath);
            assertThat(second.exit()).as(second.toString()).isZero();
            assertThat(second.out())
                    .as(second.toString())
                    .contains("quote A v1 A v1 runs 0")
                    // dates and times through the agent's relocated Jackson, offset kept
                    .contains("listing Listing[symbol=A, since=2026-01-02, updated=2026-12-08T09:30+01:00,"
                            + " stamped=2026-12-08 09:30:00.123] runs 0")
                    .contains("symbols [X1, X2] runs 0");
        }
    }

    private Forked.Result run(List<String> jvm, String classPath) throws Exception {
        return Forked.run(Forked.java(jvm, classPath, "dev.larder.it.agent.app.RedisApp"), dir);
    }
}
