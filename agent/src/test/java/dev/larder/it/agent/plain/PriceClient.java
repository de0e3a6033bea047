package dev.larder.it.agent.plain;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;

/** Code without Larder annotations, cached by a rules file. */
public class PriceClient {
    public final AtomicInteger runs = new AtomicInteger();
    private volatile int version = 1;

    public String quote(String symbol) {
        runs.incrementAndGet();
        return symbol + " v" + version;
    }

    public String quote(String symbol, int scale) {
        runs.incrementAndGet();
        return symbol + "/" + scale + " v" + version;
    }

    public void update(String symbol) {
        version++;
    }

    /** A value of dates and times, for the codec's java.time and java.sql support. */
    public record Listing(String symbol, LocalDate since, OffsetDateTime updated, Timestamp stamped) {}

    public Listing listing(String symbol) {
        runs.incrementAndGet();
        return new Listing(
                symbol,
                LocalDate.of(2026, 1, 2),
                OffsetDateTime.parse("2026-12-08T09:30:00+01:00"),
                Timestamp.valueOf("2026-12-08 09:30:00.123"));
    }

    /** An array value, which the codec decodes as its declared type. */
    public String[] symbols(String market) {
        runs.incrementAndGet();
        return new String[] {market + "1", market + "2"};
    }

    public String broken(String symbol) {
        runs.incrementAndGet();
        return symbol;
    }
}
