package dev.larder.samples;

/** The kinds of request the workload sends to the catalogue, with their share of all requests in basis points. */
public enum Operation {
    FIND_BOOK("find book", 7_100),
    SEARCH_BY_AUTHOR("search by author", 1_200),
    AUTHOR_PAGE("author page", 500),
    BOOK_PAGE("page of books", 200),
    RECORD_VIEW("record view", 600),
    UPDATE_PRICE("update price", 389),
    MOVE_BOOK("move book", 10),
    DELIST("delist", 1);

    private final String label;
    private final int basisPoints;

    Operation(String label, int basisPoints) {
        this.label = label;
        this.basisPoints = basisPoints;
    }

    /** A name for people. */
    public String label() {
        return label;
    }

    /** The operation for a number drawn uniformly from 0 to 9,999: the mix of the workload. */
    static Operation forDraw(int draw) {
        int upTo = 0;
        for (Operation op : values()) {
            upTo += op.basisPoints;
            if (draw < upTo) {
                return op;
            }
        }
        throw new IllegalArgumentException("draw must be from 0 to 9999, was " + draw);
    }
}
