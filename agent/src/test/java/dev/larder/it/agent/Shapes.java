package dev.larder.it.agent;

import dev.larder.annotation.Cached;
import dev.larder.annotation.Invalidate;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signatures the woven code must get exactly right: wide and narrow primitives in every slot, primitive and array
 * results, static and synchronized methods, keys of more parts than {@code key(a, b, c)} takes, null-safe property
 * paths, checked exceptions, and an application annotation that must stay on the method.
 */
public class Shapes {
    /** An application's own annotation, read by reflection as frameworks do. */
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Marker {
        String value();
    }

    public final AtomicInteger runs = new AtomicInteger();
    public static final AtomicInteger STATIC_RUNS = new AtomicInteger();

    @Cached
    public long total(long a, double b, int c, char d) {
        runs.incrementAndGet();
        return a + (long) b + c + d;
    }

    @Cached
    public double ratio(double a, long b) {
        runs.incrementAndGet();
        return a / b;
    }

    @Cached
    public boolean flag(boolean on, short s, byte b, float f) {
        runs.incrementAndGet();
        return on && s + b + f > 0;
    }

    @Cached
    public int[] range(int from, int to) {
        runs.incrementAndGet();
        int[] values = new int[to - from];
        for (int i = 0; i < values.length; i++) {
            values[i] = from + i;
        }
        return values;
    }

    @Cached(key = "{a}:{b}:{c}:{d}:{e}")
    public String five(String a, int b, long c, String d, double e) {
        runs.incrementAndGet();
        return a + b + c + d + e;
    }

    @Cached(key = "{person.address.city}")
    public String byCity(Person person) {
        runs.incrementAndGet();
        return "city " + (person.getAddress() == null ? null : person.getAddress().city);
    }

    @Cached
    public static String twice(String text) {
        STATIC_RUNS.incrementAndGet();
        return text + text;
    }

    @Cached
    public synchronized String locked(String text) {
        runs.incrementAndGet();
        if (!Thread.holdsLock(this)) {
            throw new IllegalStateException("the body must still run under the method's lock");
        }
        return text;
    }

    @Cached
    @Marker("kept")
    public String marked(@Marker("parameter") String text) throws java.io.IOException {
        runs.incrementAndGet();
        if (text.equals("fail")) {
            throw new java.io.IOException("failed " + text);
        }
        return text;
    }

    @Invalidate(cache = "Shapes.total", all = true)
    public void clearTotals() {}

    /** A bean with a nested one, for property paths. */
    public static class Person {
        private final Address address;

        public Person(Address address) {
            this.address = address;
        }

        public Address getAddress() {
            return address;
        }
    }

    /** A public field, as the last step of a path. */
    public static class Address {
        public final String city;

        public Address(String city) {
            this.city = city;
        }
    }
}
