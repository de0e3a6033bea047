package dev.larder.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the bookshop sample: from the repository root, {@code mvn -q -Psample -DskipTests package} (compile-time mode),
 * {@code -Psample-woven} (build-time) or {@code -Psample-agent} (load-time); or this class with the flags of {@link
 * SampleOptions#USAGE}.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        List<String> flags = List.of(args);
        if (flags.contains("--help") || flags.contains("-h")) {
            System.out.print(SampleOptions.USAGE);
            return;
        }
        SampleOptions options;
        try {
            options = SampleOptions.parse(flags);
            WeavingCheck.require(options.mode());
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("larder sample: " + e.getMessage());
            throw e;
        }
        System.out.printf(
                "Running %,d requests on %d threads twice, in %s mode: on CatalogQueries (no cache), then on %s.%n",
                options.operations(),
                options.threads(),
                options.mode().flag(),
                options.mode().cachedCatalog());
        SampleReport report;
        try {
            report = BookshopSample.run(options, options.progress() ? System.out : null);
        } catch (IllegalStateException e) {
            System.err.println("larder sample: " + e.getMessage());
            throw e;
        }
        ConsoleReport.print(report, System.out);
        Path written = HtmlReport.write(report, options.report());
        System.out.println("\nHTML report: " + written);
        String name = written.getFileName().toString();
        Path scrape = written.resolveSibling(
                (name.endsWith(".html") ? name.substring(0, name.length() - 5) : name) + ".prom");
        Files.writeString(scrape, report.prometheusScrape(), StandardCharsets.UTF_8);
        System.out.println("Prometheus scrape: " + scrape);
        if (!report.cachedCheck().ok() || !report.plainCheck().ok()) {
            throw new IllegalStateException("the database does not hold every last write: see the report above");
        }
    }
}
