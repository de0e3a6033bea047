package dev.larder.it.agent.boot;

import dev.larder.annotation.Cached;

/**
 * Run from a nested jar with the agent and {@code cache.bookings.copy=true}: its woven class is first used on a thread
 * whose context class loader is the system loader, as the JDK's own pool threads have, which cannot see the nested
 * jar's classes. Prints whether the copying cache gave each caller its own equal copy.
 */
public final class ContextLoaderApp {
    private ContextLoaderApp() {}

    public static void main(String[] args) throws InterruptedException {
        Bookings[] made = new Bookings[1];
        Object[] first = new Object[1];
        Thread pool = new Thread(() -> {
            made[0] = new Bookings(); // the woven class's sites are made here, on this thread
            first[0] = made[0].booking("b1");
        });
        pool.setContextClassLoader(ClassLoader.getSystemClassLoader());
        pool.start();
        pool.join();
        Object second = made[0].booking("b1");
        System.out.println("own copy " + (first[0] != second && first[0].equals(second)) + ", runs " + made[0].runs);
    }

    /** Woven by the agent. */
    public static final class Bookings {
        int runs;

        @Cached(cache = "bookings")
        public Booking booking(String id) {
            runs++;
            return new Booking(id);
        }
    }

    /** A cached value, copied for each caller. */
    public record Booking(String id) {}
}
