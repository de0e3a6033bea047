package dev.larder.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.LarderConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Two JVMs sharing one Redis: this one and a forked {@link FleetMember}. */
class FleetTest {
    private static RedisServerProcess server;
    private Process member;
    private Writer toMember;
    private BufferedReader fromMember;
    private String namespace;

    @BeforeAll
    static void startRedis() {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        Larder.configure(LarderConfig.defaults());
        server.close();
    }

    @BeforeEach
    void fork(TestInfo test) throws IOException {
        namespace = "fleet-" + test.getTestMethod().orElseThrow().getName();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        member = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FleetMember.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        toMember = new OutputStreamWriter(member.getOutputStream(), StandardCharsets.UTF_8);
        fromMember = new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopMember() throws InterruptedException {
        member.destroyForcibly();
        member.waitFor(10, TimeUnit.SECONDS);
    }

    private String send(String command) throws IOException {
        toMember.write(command + "\n");
        toMember.flush();
        String answer = fromMember.readLine();
        assertThat(answer).as("answer to " + command).isNotNull();
        return answer;
    }

    private void configureBoth(String backend, String stampede) throws Exception {
        assertThat(send("configure " + server.uri() + " " + namespace + " " + backend + " " + stampede))
                .isEqualTo("ok");
        FleetMember.configure(server.uri(), namespace, backend, stampede);
    }

    @Test
    void aWriteInOneJvmIsSeenByTheOther() throws Exception {
        configureBoth("redis", "local");
        FleetMember.WRITE.put(FleetMember.WRITE.key(1), "written-here");
        assertThat(send("read 1")).isEqualTo("written-here loads=0");
    }

    @Test
    void tieredL1CopiesAreDroppedInOtherJvmsWithinTheBound() throws Exception {
        configureBoth("tiered", "local");
        assertThat(send("read 2")).isEqualTo("loaded-by-member loads=1");
        assertThat(send("read 2")).isEqualTo("loaded-by-member loads=1"); // now in the member's L1
        FleetMember.WRITE.put(FleetMember.WRITE.key(2), "v2");
        long millis = Long.parseLong(send("poll 2 v2"));
        assertThat(millis).as("pub/sub staleness").isLessThan(1000);
        assertThat(send("read 2")).isEqualTo("v2 loads=1");
    }

    @Test
    void twoJvmsOf32ThreadsLoadAColdKeyExactlyOnceWithDistributedStampede() throws Exception {
        configureBoth("redis", "distributed");
        FleetMember.LOADS.set(0);
        CompletableFuture<String> there = CompletableFuture.supplyAsync(() -> {
            try {
                return send("stampede 3");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Set<Object> here = FleetMember.stampede(3, "test", 32);
        String answer = there.get(30, TimeUnit.SECONDS);
        int memberLoads = Integer.parseInt(answer.substring("loads=".length(), answer.indexOf(' ')));
        assertThat(FleetMember.LOADS.get() + memberLoads).isEqualTo(1);
        assertThat(here).hasSize(1);
        assertThat(answer).endsWith("values=" + here);
    }
}
