package dev.larder.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.Larder;
import dev.larder.it.fixtures.Directory;
import dev.larder.it.fixtures.DirectoryImpl;
import dev.larder.it.fixtures.ProductRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Annotations on interface methods and overridden superclass methods apply to the implementation. */
class InheritanceTest {
    @BeforeEach
    void freshCaches() {
        LarderSetup.fresh();
    }

    @Test
    void interfaceAnnotationsApplyToTheImplementation() {
        Directory directory = Fixtures.wrap(Directory.class, new DirectoryImpl());

        assertThat(directory.lookup("ada")).isEqualTo("ada@directory v1");
        assertThat(directory.lookup("ada")).isEqualTo("ada@directory v1");
        assertThat(directory.lookups()).isEqualTo(1);
    }

    @Test
    void interfaceInvalidateAppliesToTheImplementation() {
        Directory directory = Fixtures.wrap(Directory.class, new DirectoryImpl());
        directory.lookup("ada");

        directory.forget("ada");

        assertThat(directory.lookup("ada")).isEqualTo("ada@directory v2");
        assertThat(directory.lookups()).isEqualTo(2);
    }

    @Test
    void interfaceMethodCacheIsNamedAfterTheInterface() {
        Directory directory = Fixtures.wrap(Directory.class, new DirectoryImpl());
        directory.lookup("ada");

        Larder.invalidate("Directory.lookup", "ada");

        directory.lookup("ada");
        assertThat(directory.lookups()).isEqualTo(2);
    }

    @Test
    void overridingMethodKeepsTheSuperclassAnnotation() {
        ProductRepository products = Fixtures.create(ProductRepository.class);

        assertThat(products.load("p1")).isEqualTo("product p1");
        assertThat(products.load("p1")).isEqualTo("product p1");
        assertThat(products.runs()).isEqualTo(1);
    }

    @Test
    void inheritedAnnotatedMethodIsCachedInTheSubclass() {
        ProductRepository products = Fixtures.create(ProductRepository.class);

        assertThat(products.summary("p1")).isEqualTo("summary of p1");
        assertThat(products.summary("p1")).isEqualTo("summary of p1");
        assertThat(products.runs()).isEqualTo(1);
    }

    @Test
    void superclassMethodCacheIsNamedAfterTheDeclaringClass() {
        ProductRepository products = Fixtures.create(ProductRepository.class);
        products.load("p1");

        Larder.invalidate("BaseRepository.load", "p1");

        products.load("p1");
        assertThat(products.runs()).isEqualTo(2);
    }
}
