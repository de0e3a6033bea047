package dev.larder.benchmarks;

import dev.larder.benchmarks.Score.Group;
import dev.larder.benchmarks.Score.Shape;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A plain horizontal bar chart of nanoseconds per hit (1 thread), one block of bars per key shape, written as SVG text
 * so that the README can show it without any charting library. The scale is logarithmic: the peers are two orders of
 * magnitude slower than Larder, and on a linear scale Larder's and Caffeine's bars would be a pixel wide.
 */
final class HitChart {
    private static final int WIDTH = 860;
    private static final int LABEL_WIDTH = 300;
    private static final int BAR_AREA = 440;
    private static final int BAR_HEIGHT = 16;
    private static final int ROW = 22;
    private static final int HEADING = 28;

    private HitChart() {}

    static String svg(List<Score> scores) {
        double max = scores.stream()
                .filter(s -> s.group() == Group.HIT)
                .mapToDouble(Score::nanos)
                .max()
                .orElse(10);
        int decades = Math.max(1, (int) Math.ceil(Math.log10(max)));
        StringBuilder body = new StringBuilder();
        int y = 40;
        for (Shape shape : Shape.values()) {
            y += HEADING;
            body.append(text(10, y - 8, "bold", "Key: " + shape.label().replace("`", "")));
            for (Library library : Library.values()) {
                Optional<Score> score = Score.find(scores, Group.HIT, shape, library);
                if (score.isPresent()) {
                    body.append(bar(y, library, score.get().nanos(), decades));
                    y += ROW;
                }
            }
        }
        int height = y + 50;
        String grid = grid(decades, y + 4);
        return String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                                + " font-family=\"sans-serif\" font-size=\"13\">\n",
                        WIDTH,
                        height,
                        WIDTH,
                        height)
                + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
                + text(10, 24, "bold", "Nanoseconds per cache hit, 1 thread (log scale; shorter is faster)")
                + grid
                + body
                + text(10, height - 10, "normal", "Green: Larder · grey: hand-written Caffeine · red: peers")
                + "</svg>\n";
    }

    /** Vertical lines at 1, 10, 100, … ns with their labels under the last bar. */
    private static String grid(int decades, int bottom) {
        StringBuilder grid = new StringBuilder();
        for (int decade = 0; decade <= decades; decade++) {
            int x = LABEL_WIDTH + BAR_AREA * decade / decades;
            grid.append(String.format(
                    Locale.ROOT, "<line x1=\"%d\" y1=\"40\" x2=\"%d\" y2=\"%d\" stroke=\"#e0e0e0\"/>\n", x, x, bottom));
            grid.append(
                    text(x - 8, bottom + 16, "normal", String.format(Locale.ROOT, "%,.0f ns", Math.pow(10, decade))));
        }
        return grid.toString();
    }

    private static String bar(int y, Library library, double nanos, int decades) {
        double width = Math.max(1, Math.log10(Math.max(1, nanos)) / decades * BAR_AREA);
        return text(LABEL_WIDTH - 8, y + BAR_HEIGHT - 4, "normal", library.label())
                        .replace("<text ", "<text text-anchor=\"end\" ")
                + String.format(
                        Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                        LABEL_WIDTH,
                        y,
                        width,
                        BAR_HEIGHT,
                        colour(library.kind()))
                + text(
                        (int) (LABEL_WIDTH + width + 6),
                        y + BAR_HEIGHT - 4,
                        "normal",
                        String.format(Locale.ROOT, nanos >= 100 ? "%.0f ns" : "%.1f ns", nanos));
    }

    private static String colour(Library.Kind kind) {
        switch (kind) {
            case LARDER:
                return "#2e7d32";
            case BASELINE:
                return "#9e9e9e";
            default:
                return "#c62828";
        }
    }

    private static String text(int x, int y, String weight, String content) {
        return String.format(
                Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"%s\">%s</text>\n", x, y, weight, escape(content));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
