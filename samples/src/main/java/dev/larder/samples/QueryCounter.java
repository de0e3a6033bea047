package dev.larder.samples;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the statements a {@link Database} runs for the application, so the report can show the queries a cache
 * avoided. Thread-safe.
 */
public final class QueryCounter {
    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchedRows = new LongAdder();
    private final LongAdder bulkReads = new LongAdder();
    private final LongAdder bulkKeys = new LongAdder();

    void read() {
        reads.increment();
    }

    /** One read of many keys at once. */
    void readMany(int keys) {
        reads.increment();
        bulkReads.increment();
        bulkKeys.add(keys);
    }

    void write() {
        writes.increment();
    }

    void batch(int rows) {
        batches.increment();
        batchedRows.add(rows);
    }

    /** Queries run to answer reads. */
    public long reads() {
        return reads.sum();
    }

    /** Single-row writes, and the reads a write needs to return its result. */
    public long writes() {
        return writes.sum();
    }

    /** JDBC batches executed (each one round trip). */
    public long batches() {
        return batches.sum();
    }

    /** Rows written by those batches. */
    public long batchedRows() {
        return batchedRows.sum();
    }

    /** Of the {@link #reads()}, those that read many keys at once (a page of books). */
    public long bulkReads() {
        return bulkReads.sum();
    }

    /** Keys those bulk reads asked for. */
    public long bulkKeys() {
        return bulkKeys.sum();
    }

    /** Round trips to the database of every kind. */
    public long total() {
        return reads() + writes() + batches();
    }

    /** A snapshot of the counts. */
    public Counts snapshot() {
        return new Counts(reads(), writes(), batches(), batchedRows(), bulkReads(), bulkKeys());
    }

    /**
     * Counts at one moment.
     *
     * @param reads queries run to answer reads
     * @param writes single-row write statements (with their read-backs)
     * @param batches JDBC batches
     * @param batchedRows rows written by batches
     * @param bulkReads of the reads, those that read many keys at once
     * @param bulkKeys keys the bulk reads asked for
     */
    public record Counts(long reads, long writes, long batches, long batchedRows, long bulkReads, long bulkKeys) {
        /** Round trips of every kind. */
        public long total() {
            return reads + writes + batches;
        }
    }
}
