package dev.larder.it.agent;

import dev.larder.annotation.Cached;
import java.util.concurrent.atomic.AtomicInteger;

/** A cached method whose body joins two sibling types: its frame there names their common superclass. */
public class Kennel {
    public final AtomicInteger runs = new AtomicInteger();

    @Cached
    public String call(int id) {
        runs.incrementAndGet();
        Animal animal = id % 2 == 0 ? new Cat() : new Dog();
        return animal.sound() + " " + id;
    }

    abstract static class Animal {
        abstract String sound();
    }

    static final class Cat extends Animal {
        @Override
        String sound() {
            return "meow";
        }
    }

    static final class Dog extends Animal {
        @Override
        String sound() {
            return "woof";
        }
    }
}
