package com.example;

import dev.larder.annotation.Cached;

public class Books {
    public int loads;

    @Cached(key = "{isbn}", ttl = "10m")
    public String title(String isbn) {
        loads++;
        return "Title " + isbn;
    }
}
