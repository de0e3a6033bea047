package dev.larder.internal.key;

import java.util.List;

/** Types whose properties key templates read in the tests. */
final class Fixtures {
    private Fixtures() {}

    public static class User {
        public final String nickname;
        private final long id;
        private final boolean active;
        private final Address address;

        public User(long id, boolean active, Address address, String nickname) {
            this.id = id;
            this.active = active;
            this.address = address;
            this.nickname = nickname;
        }

        public long getId() {
            return id;
        }

        public boolean isActive() {
            return active;
        }

        public Address getAddress() {
            return address;
        }

        public String name() {
            return "not a property: only records have x() accessors";
        }
    }

    public record Address(String city, Tenant tenant) {}

    public record Tenant(String code) {
        public String getCode() {
            return "getter:" + code;
        }
    }

    /** Package-private: its accessors are reached without a public declaring class. */
    record Hidden(int value) {}

    public static class Wide {
        public int getP1() {
            return 1;
        }

        public int getP2() {
            return 2;
        }

        public int getP3() {
            return 3;
        }

        public int getP4() {
            return 4;
        }

        public int getP5() {
            return 5;
        }

        public int getP6() {
            return 6;
        }

        public int getP7() {
            return 7;
        }

        public int getP8() {
            return 8;
        }

        public int getP9() {
            return 9;
        }

        public int getP10() {
            return 10;
        }

        public int getP11() {
            return 11;
        }

        public List<String> getTags() {
            return List.of();
        }
    }
}
