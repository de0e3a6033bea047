package dev.larder.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Test inputs and the compiler set up as a Larder user's build is: the processor, -Xlint:all and -Werror. */
final class Sources {
    private Sources() {}

    /** A source in package {@code com.acme} importing the Larder annotations and java.util. */
    static JavaFileObject source(String simpleName, String... lines) {
        List<String> all = new ArrayList<>(List.of(
                "package com.acme;",
                "import dev.larder.annotation.*;",
                "import java.io.IOException;",
                "import java.util.*;",
                "import java.util.concurrent.*;"));
        all.addAll(List.of(lines));
        return JavaFileObjects.forSourceLines("com.acme." + simpleName, all);
    }

    static JavaFileObject book() {
        return source(
                "Book",
                "public class Book {",
                "  private final String isbn;",
                "  public Book(String isbn) { this.isbn = isbn; }",
                "  public String getIsbn() { return isbn; }",
                "  public Author getAuthor() { return null; }",
                "}");
    }

    static JavaFileObject author() {
        return source("Author", "public record Author(String name, boolean alive) {}");
    }

    static Compilation compile(JavaFileObject... sources) {
        List<JavaFileObject> all = new ArrayList<>(List.of(sources));
        all.add(book());
        all.add(author());
        return Compiler.javac()
                .withProcessors(new LarderProcessor())
                .withOptions("-Xlint:all", "-Xlint:-processing", "-Werror", "-parameters")
                .compile(all);
    }

    /** Class {@code com.acme.Catalog} with a public no-argument constructor and the given member lines. */
    static JavaFileObject catalog(String... members) {
        String[] lines = new String[members.length + 3];
        lines[0] = "public class Catalog {";
        lines[1] = "  public Catalog() {}";
        System.arraycopy(members, 0, lines, 2, members.length);
        lines[lines.length - 1] = "}";
        return source("Catalog", lines);
    }

    /** Compiling {@code source} fails with {@code message} on the line containing {@code line}. */
    static void assertError(JavaFileObject source, String message, String line) {
        Compilation compilation = compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    }
}
