package dev.larder.benchmarks;

import java.util.List;
import java.util.Optional;

/** One JMH result: average nanoseconds per call and the 99.9% confidence half-width. */
public record Score(Group group, Shape shape, Library library, double nanos, double error) {

    /** A table of the report: one benchmark class at one thread count. */
    public enum Group {
        HIT("Hit path, 1 thread"),
        HIT_2_THREADS("Hit path, 2 threads"),
        MISS("Miss and load, 1 thread");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** The key shapes, named by the benchmark methods that call them. */
    public enum Shape {
        BY_ID("byId", "one `int`"),
        BY_ID_AND_TENANT("byIdAndTenant", "`(int, String)`"),
        BY_USER("byUser", "`{user.id}`");

        private final String method;
        private final String label;

        Shape(String method, String label) {
            this.method = method;
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The shape of a benchmark method, e.g. {@code byIdAndTenant2Threads}. */
        static Shape ofMethod(String name) {
            String method = name.replace("2Threads", "");
            for (Shape shape : values()) {
                if (shape.method.equals(method)) {
                    return shape;
                }
            }
            throw new IllegalArgumentException("No key shape for benchmark method '" + name + "'");
        }
    }

    /** The score of one library for one group and shape, if it was measured. */
    public static Optional<Score> find(List<Score> scores, Group group, Shape shape, Library library) {
        return scores.stream()
                .filter(s -> s.group == group && s.shape == shape && s.library == library)
                .findFirst();
    }
}
