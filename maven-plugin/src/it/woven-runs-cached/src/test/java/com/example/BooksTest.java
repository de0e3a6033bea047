package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BooksTest {
    @Test
    void plainNewBooksIsCachedWithoutAnAgent() {
        Books books = new Books();
        assertEquals("Title 1", books.title("1"));
        assertEquals("Title 1", books.title("1"));
        assertEquals(1, books.loads, "the method body ran once for two calls with one key");
        books.title("2");
        assertEquals(2, books.loads);
    }
}
