package dev.larder.it.agent;

/** Overrides without the annotation and calls the woven super method with the same key. */
public class Derived extends Base<String> {
    @Override
    public String load(String id) {
        runs.incrementAndGet();
        return "derived " + super.load(id);
    }
}
