package dev.larder.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.benchmarks.Score.Group;
import dev.larder.benchmarks.Score.Shape;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class ReportRenderingTest {
    private static final List<Score> SCORES = scores();
    private static final List<Stampede.Count> STAMPEDE = List.of(
            new Stampede.Count(Library.LARDER_COMPILE_TIME, 20, 1, 1.0),
            new Stampede.Count(Library.SPRING, 20, 100, 97.5));
    private static final Map<String, SideRuns.Figure> REDIS = Map.of(
            "jedisGet", new SideRuns.Figure(40, 1, "ops/ms"),
            "rawGet", new SideRuns.Figure(76, 1, "ops/ms"),
            "larderRedis", new SideRuns.Figure(38, 1, "ops/ms"),
            "larderLocal", new SideRuns.Figure(50_000, 100, "ops/ms"),
            "larderTiered", new SideRuns.Figure(40_000, 100, "ops/ms"));
    private static final StartupRun.Result STARTUP =
            new StartupRun.Result(400, 200, 300, 280, 250, new StartupRun.Sample(2000, 2100, 1900));
    private static final Map<String, SideRuns.Figure> WOVEN = Map.of(
            "wovenByUser1",
            new SideRuns.Figure(22, 1, "ns/op"),
            "caffeineByUser1",
            new SideRuns.Figure(20, 1, "ns/op"));

    /** Caffeine 20 ns, Larder 22 ns, Spring 500 ns, JetCache 1,500 ns for every shape and group. */
    private static List<Score> scores() {
        List<Score> scores = new ArrayList<>();
        for (Group group : Group.values()) {
            for (Shape shape : Shape.values()) {
                scores.add(new Score(group, shape, Library.CAFFEINE, 20, 1));
                scores.add(new Score(group, shape, Library.LARDER_COMPILE_TIME, 22, 1));
                scores.add(new Score(group, shape, Library.SPRING, 500, 10));
                scores.add(new Score(group, shape, Library.JETCACHE, 1500, 30));
            }
        }
        return scores;
    }

    @Test
    void markdownStatesRatiosToCaffeineAndSpeedUps() {
        String md = MarkdownReport.render("header", "hit-path.svg", SCORES, STAMPEDE, REDIS, WOVEN, STARTUP);

        assertThat(md)
                .contains("## Hit path, 1 thread", "## Hit path, 2 threads", "## Miss and load, 1 thread")
                .contains("| one `int` | Larder compile-time | 22.00 | 1.00 | 1.10 |")
                .contains("| Hit path, 1 thread | `{user.id}` | 22.73 × | 68.18 × |")
                .contains("| Larder hit ≤ 1.25 × hand-written Caffeine | 1.10 × / 1.10 × / 1.10 × | yes |")
                .contains("| Spring @Cacheable | 20 | 100 | 97.50 |")
                .contains("max 1 in 20 rounds | yes |")
                .contains("![ns per hit, 1 thread](hit-path.svg)")
                .contains("Larder `redis` hit / Jedis `GET`: 0.95 (1 thread), – (2 threads)")
                .contains("Larder `tiered` hit time / `local` hit time: 1.25")
                .contains("Server ceiling (`rawGet`): 76.00 ops/ms (1 thread), – ops/ms (2 threads); Larder `redis` hit"
                        + " / ceiling: 0.50 (1 thread)")
                .contains("| `{user.id}` | 1.10 × | – × |")
                .contains("| with the agent | 300 ms | 1.50 × | 1.20 × |")
                .contains("| with the agent and a filled `cache=` folder | 280 ms | 1.40 × | 1.12 × |")
                .contains("| hand-written Caffeine, no agent | 250 ms | 1.25 × | 1.00 × |")
                .contains("| load-time mode, with the agent | 2100 ms | 1.05 × |")
                .contains("| load-time mode, with the agent and a filled `cache=` folder | 1900 ms | 0.95 × |");
    }

    @Test
    void missingPeerMarksTheTargetUnmet() {
        List<Score> withoutSpring =
                SCORES.stream().filter(s -> s.library() != Library.SPRING).toList();

        String md = MarkdownReport.render("header", "hit-path.svg", withoutSpring, STAMPEDE, REDIS, WOVEN, STARTUP);

        assertThat(md).contains("| Larder hit ≥ 10 × faster than Spring `@Cacheable` | – × / – × / – × | **no** |");
    }

    @Test
    void chartIsWellFormedSvgWithOneBarPerHitScore() throws Exception {
        String svg = HitChart.svg(SCORES);

        var document = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        int bars = document.getElementsByTagName("rect").getLength() - 1; // less the background
        assertThat(bars).isEqualTo(Shape.values().length * 4);
        assertThat(svg).contains("1500 ns", "22.0 ns", "Key: {user.id}");
    }
}
