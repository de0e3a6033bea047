package dev.larder.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks Redis URIs and {@code host:port} seed lists, and hides passwords before a URI is shown. */
public final class RedisAddresses {
    static final String URI_ALLOWED = "expected redis://host[:port][/db] or rediss://host[:port][/db] (TLS),"
            + " optionally with user:password@ before the host (characters such as / @ : in the password"
            + " percent-encoded: %2F %40 %3A), for example redis://app:secret@cache.internal:6379/0";
    static final String SEEDS_ALLOWED =
            "expected comma-separated host:port seeds with ports from 1 to 65535, for example node1:6379,node2:6379";

    private static final Pattern DB = Pattern.compile("/?|/[0-9]+");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private RedisAddresses() {}

    /** Whether {@code text} is a Redis URI Larder can connect to (see {@link #URI_ALLOWED}). */
    static boolean isUri(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("redis") || scheme.equals("rediss"))
                && uri.getHost() != null
                && (uri.getPort() == -1 || isPort(uri.getPort()))
                && DB.matcher(uri.getRawPath() == null ? "" : uri.getRawPath()).matches()
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null;
    }

    /** Whether {@code text} is a non-empty comma-separated list of {@code host:port} seeds. */
    static boolean isSeedList(String text) {
        try {
            seeds(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The {@code host:port} seeds of a comma-separated list, each trimmed.
     *
     * @throws IllegalArgumentException if an entry is not {@code host:port}
     */
    public static List<String> seeds(String text) {
        List<String> seeds = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String seed = part.trim();
            int colon = seed.lastIndexOf(':');
            if (colon <= 0
                    || seed.chars().anyMatch(Character::isWhitespace)
                    || !PORT.matcher(seed.substring(colon + 1)).matches()
                    || !isPort(Integer.parseInt(seed.substring(colon + 1)))) {
                throw new IllegalArgumentException("'" + seed + "' is not host:port");
            }
            seeds.add(seed);
        }
        return List.copyOf(seeds);
    }

    /**
     * {@code text} with the credentials of every {@code scheme://user:password@host} replaced: the user name is kept
     * and the password shown as {@code ****}. The user information runs from {@code //} to the <em>last</em> {@code @}
     * before the next whitespace or comma, so a password containing {@code /}, {@code @} or {@code :} (which should be
     * percent-encoded, but often is not) is hidden whole; with no colon the whole user information is taken for the
     * password ({@code redis://secret@host}), as Redis clients read it. Text without {@code ://} comes back unchanged.
     */
    public static String maskPassword(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        int scheme;
        while ((scheme = text.indexOf("://", from)) >= 0) {
            int start = scheme + 3;
            int end = start;
            while (end < text.length() && !isTokenEnd(text.charAt(end))) {
                end++;
            }
            int at = text.lastIndexOf('@', end - 1);
            out.append(text, from, start);
            if (at >= start) {
                String userInfo = text.substring(start, at);
                int colon = userInfo.indexOf(':');
                boolean plainUser = colon > 0 && userInfo.lastIndexOf('/', colon) < 0;
                out.append(plainUser ? userInfo.substring(0, colon) : "").append(":****");
                from = at;
            } else {
                from = start;
            }
        }
        return out.append(text, from, text.length()).toString();
    }

    private static boolean isTokenEnd(char c) {
        return c == ',' || c == '\'' || c == '"' || Character.isWhitespace(c);
    }

    private static boolean isPort(int port) {
        return port >= 1 && port <= 65535;
    }
}
