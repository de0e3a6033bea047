package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.it.fixtures.RegionalShelves;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys that name the object the method is called on, {@code {this.path}} and {@code {this.class}}, in every mode. */
class TargetKeyTest {
    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
    }

    private static RegionalShelves shelves(String region, String aisle) {
        RegionalShelves shelves = Fixtures.create(RegionalShelves.class);
        shelves.setRegion(region);
        shelves.setAisle(aisle);
        return shelves;
    }

    @Test
    void eachInstanceHasItsOwnEntriesByWhatTheClassKeepsToItself() {
        RegionalShelves north = shelves("north", "a");
        RegionalShelves south = shelves("south", "a");
        RegionalShelves northB = shelves("north", "b");
        for (int round = 0; round < 2; round++) {
            assertThat(north.find(1)).isEqualTo("north/a #1");
            assertThat(south.find(1)).isEqualTo("south/a #1");
            assertThat(northB.find(1)).isEqualTo("north/b #1");
        }
        assertThat(north.runs.get() + south.runs.get() + northB.runs.get()).isEqualTo(3);

        south.evict(1); // only south's entry
        assertThat(north.find(1)).isEqualTo("north/a #1");
        assertThat(south.find(1)).isEqualTo("south/a #1");
        assertThat(north.runs.get()).isEqualTo(1);
        assertThat(south.runs.get()).isEqualTo(2);
    }

    @Test
    void theClassOfThisIsTheAnnotatedClassInEveryMode() {
        RegionalShelves north = shelves("north", "a");
        RegionalShelves south = shelves("south", "a");
        assertThat(north.kind(1)).isEqualTo("north kind 1");
        assertThat(south.kind(1)).isEqualTo("north kind 1");
        assertThat(south.runs.get()).isZero();

        // The generated subclass keys by the annotated class's name, as woven code does: one entry serves every mode.
        Larder.invalidate("shelfKinds", RegionalShelves.class.getName(), 1);
        assertThat(south.kind(1)).isEqualTo("south kind 1");
    }
}
