package com.example;

import dev.larder.annotation.Cached;

public class BadBooks {
    @Cached(key = "{isbm}")
    public String title(String isbn) {
        return isbn;
    }

    @Cached(key = "{id")
    public String author(String id) {
        return id;
    }
}
