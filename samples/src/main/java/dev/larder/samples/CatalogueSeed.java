package dev.larder.samples;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The deterministic starting data of the shop: authors and books made up from a seed, so two databases built from the
 * same seed are identical and the workload can tell a book's author without asking the database.
 */
public final class CatalogueSeed {
    private static final String[] FIRST = {
        "Ada", "Alan", "Barbara", "Brian", "Camille", "Chinua", "Doris", "Edith", "Elena", "Franz", "Gabriel", "Grace",
        "Haruki", "Ivo", "Jane", "Jorge", "Kazuo", "Leo", "Margaret", "Miguel", "Nadine", "Orhan", "Patricia", "Rainer",
        "Sofia", "Toni", "Ursula", "Virginia", "Wislawa", "Yoko"
    };
    private static final String[] LAST = {
        "Achebe",
        "Atwood",
        "Borges",
        "Calvino",
        "Dinesen",
        "Eco",
        "Ferrante",
        "Gordimer",
        "Hesse",
        "Ishiguro",
        "Jansson",
        "Kafka",
        "Lessing",
        "Mann",
        "Murakami",
        "Nabokov",
        "Ozeki",
        "Pamuk",
        "Queneau",
        "Rilke",
        "Saramago",
        "Tokarczuk",
        "Undset",
        "Vargas",
        "Woolf",
        "Xingjian",
        "Yourcenar",
        "Zweig"
    };
    private static final String[] ADJECTIVES = {
        "Silent",
        "Last",
        "Hidden",
        "Golden",
        "Winter",
        "Broken",
        "Distant",
        "Little",
        "Burning",
        "Glass",
        "Secret",
        "Northern",
        "Endless",
        "Quiet",
        "Crimson",
        "Paper"
    };
    private static final String[] NOUNS = {
        "Garden",
        "River",
        "Library",
        "Harbour",
        "Mountain",
        "Letters",
        "House",
        "Orchard",
        "Island",
        "Clock",
        "Lantern",
        "Station",
        "Mirror",
        "Forest",
        "Summer",
        "Bridge",
        "Archive",
        "Kingdom"
    };

    private final List<String> authors;
    private final List<Row> books;

    /**
     * @param bookCount books in the catalogue, ids 1 to bookCount
     * @param authorCount authors, at most as many as distinct first-and-last name pairs
     * @param seed the random seed: equal seeds give equal data
     */
    public CatalogueSeed(int bookCount, int authorCount, long seed) {
        if (bookCount < 1) {
            throw new IllegalArgumentException("bookCount must be at least 1, was " + bookCount);
        }
        if (authorCount < 1 || authorCount > FIRST.length * LAST.length) {
            throw new IllegalArgumentException(
                    "authorCount must be 1 to " + FIRST.length * LAST.length + ", was " + authorCount);
        }
        SplittableRandom random = new SplittableRandom(seed);
        this.authors = new ArrayList<>(authorCount);
        for (int i = 0; i < authorCount; i++) {
            // Walks the name grid so names are distinct; the lookup by name is then unambiguous.
            authors.add(FIRST[i % FIRST.length] + " " + LAST[(i / FIRST.length + i) % LAST.length]);
        }
        this.books = new ArrayList<>(bookCount);
        for (long id = 1; id <= bookCount; id++) {
            String title = "The " + ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " "
                    + NOUNS[random.nextInt(NOUNS.length)] + " " + romanVolume(id);
            int author = random.nextInt(authorCount);
            BigDecimal price = randomPrice(random);
            double rating = Math.round((1 + 4 * Math.sqrt(random.nextDouble())) * 10) / 10.0;
            books.add(new Row(id, title, author, price, rating));
        }
    }

    /** A price from 4.99 to 59.99 euros, ending in .49 or .99 as shops like. */
    static BigDecimal randomPrice(SplittableRandom random) {
        long euros = 4 + random.nextInt(56);
        long cents = random.nextBoolean() ? 49 : 99;
        return BigDecimal.valueOf(euros * 100 + cents, 2);
    }

    private static String romanVolume(long id) {
        String[] numerals = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};
        return numerals[(int) (id % numerals.length)];
    }

    /** Books in the catalogue. */
    public int bookCount() {
        return books.size();
    }

    /** Authors, by id from 0. */
    public List<String> authors() {
        return List.copyOf(authors);
    }

    /** The rows to insert, by id from 1. */
    public List<Row> books() {
        return List.copyOf(books);
    }

    /** The id of the author a book is credited to in the seed. */
    public int authorIdOf(long bookId) {
        return books.get((int) (bookId - 1)).authorId();
    }

    /** Authors in the catalogue; their ids run from 0 to this less one. */
    public int authorCount() {
        return authors.size();
    }

    /** The name of the author of a book. */
    public String authorOf(long bookId) {
        return authors.get(books.get((int) (bookId - 1)).authorId());
    }

    /** The starting price of a book. */
    public BigDecimal priceOf(long bookId) {
        return books.get((int) (bookId - 1)).price();
    }

    /**
     * One book row.
     *
     * @param id the id
     * @param title the title
     * @param authorId the author's id
     * @param price the starting price
     * @param rating the rating
     */
    public record Row(long id, String title, int authorId, BigDecimal price, double rating) {}
}
