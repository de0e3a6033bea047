package dev.larder.samples;

import java.util.List;
import java.util.Locale;

/** Draws small line and bar charts as inline SVG, so the HTML report needs no script and no network. */
final class SvgChart {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 45;

    private SvgChart() {}

    /** A line through points in data coordinates. */
    record Series(String name, String color, double[] xs, double[] ys) {}

    /** An axis mark at a data value. */
    record Tick(double value, String label) {}

    static String lines(
            String xLabel,
            String yLabel,
            List<Series> series,
            double[] xRange,
            double[] yRange,
            List<Tick> xTicks,
            List<Tick> yTicks) {
        StringBuilder svg = open();
        Plot plot = new Plot(xRange, yRange);
        axes(svg, plot, xLabel, yLabel, xTicks, yTicks);
        int legend = 0;
        for (Series s : series) {
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(s.color())
                    .append("\" points=\"");
            for (int i = 0; i < s.xs().length; i++) {
                svg.append(num(plot.x(s.xs()[i])))
                        .append(',')
                        .append(num(plot.y(s.ys()[i])))
                        .append(' ');
            }
            svg.append("\"/>\n");
            int ly = TOP + 12 + 18 * legend++;
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>"
                            + "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>\n",
                    WIDTH - RIGHT - 190,
                    ly - 4,
                    s.color(),
                    WIDTH - RIGHT - 170,
                    ly,
                    escape(s.name())));
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars in groups: one group per label, one bar per series. */
    static String bars(List<String> labels, List<Series> series, String valueLabel) {
        double max = 1;
        for (Series s : series) {
            for (double v : s.ys()) {
                max = Math.max(max, v);
            }
        }
        int barHeight = 16;
        int groupHeight = barHeight * series.size() + 14;
        int height = TOP + groupHeight * labels.size() + 30;
        StringBuilder svg = new StringBuilder(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
                        + " font-family=\"sans-serif\">\n",
                WIDTH,
                height,
                WIDTH,
                height));
        int left = 120;
        double scale = (WIDTH - left - 140) / max;
        for (int g = 0; g < labels.size(); g++) {
            int y0 = TOP + g * groupHeight;
            svg.append(text(10, y0 + barHeight, "start", labels.get(g)));
            for (int i = 0; i < series.size(); i++) {
                Series s = series.get(i);
                double v = s.ys()[g];
                int y = y0 + i * barHeight;
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%s\" height=\"%d\" fill=\"%s\"/>",
                        left,
                        y,
                        num(Math.max(1, v * scale)),
                        barHeight - 3,
                        s.color()));
                svg.append(text(
                        (int) (left + Math.max(1, v * scale) + 6),
                        y + barHeight - 5,
                        "start",
                        Format.count(Math.round(v)) + " " + valueLabel + " · " + s.name()));
            }
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open() {
        return new StringBuilder(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
                        + " font-family=\"sans-serif\">\n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT));
    }

    private static void axes(
            StringBuilder svg, Plot plot, String xLabel, String yLabel, List<Tick> xTicks, List<Tick> yTicks) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" stroke=\"#999\"/>\n",
                LEFT,
                TOP,
                WIDTH - LEFT - RIGHT,
                bottom - TOP));
        for (Tick t : xTicks) {
            double x = plot.x(t.value());
            svg.append(line(x, TOP, x, bottom)).append(text((int) x, bottom + 16, "middle", t.label()));
        }
        for (Tick t : yTicks) {
            double y = plot.y(t.value());
            svg.append(line(LEFT, y, WIDTH - RIGHT, y)).append(text(LEFT - 6, (int) y + 4, "end", t.label()));
        }
        svg.append(text((LEFT + WIDTH - RIGHT) / 2, HEIGHT - 8, "middle", xLabel));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"14\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s"
                        + "</text>\n",
                (TOP + bottom) / 2,
                (TOP + bottom) / 2,
                escape(yLabel)));
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2)
                + "\" stroke=\"#ddd\"/>";
    }

    private static String text(int x, int y, String anchor, String text) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"12\" text-anchor=\"" + anchor + "\">" + escape(text)
                + "</text>\n";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Maps data coordinates to the plot area. */
    private record Plot(double[] xRange, double[] yRange) {
        double x(double v) {
            double f = (v - xRange[0]) / Math.max(1e-12, xRange[1] - xRange[0]);
            return LEFT + Math.max(0, Math.min(1, f)) * (WIDTH - LEFT - RIGHT);
        }

        double y(double v) {
            double f = (v - yRange[0]) / Math.max(1e-12, yRange[1] - yRange[0]);
            return HEIGHT - BOTTOM - Math.max(0, Math.min(1, f)) * (HEIGHT - BOTTOM - TOP);
        }
    }
}
