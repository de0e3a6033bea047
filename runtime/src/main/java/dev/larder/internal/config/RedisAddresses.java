package dev.larder.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks Redis URIs and {@code host:port} seed lists, and hides passwords before a URI is shown. */
public final class RedisAddresses {
    static final String URI_ALLOWED = "expected redis://host[:port][/db] or rediss://host[:port][/db] (TLS),"
            + " optionally with user:password@ before the host, for example redis://app:secret@cache.internal:6379/0";
    static final String SEEDS_ALLOWED =
            "expected comma-separated host:port seeds with ports from 1 to 65535, for example node1:6379,node2:6379";

    private static final Pattern DB = Pattern.compile("/?|/[0-9]+");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern USER_INFO = Pattern.compile("(?<=//)([^/@]*?)(:[^/@]*)?@");

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

    /** {@code text} with the password of any {@code scheme://user:password@host} replaced by {@code ****}. */
    public static String maskPassword(String text) {
        return USER_INFO.matcher(text).replaceAll(match -> {
            // With no colon the whole user info is the password (redis://secret@host), as Redis clients read it.
            String user = match.group(2) == null ? "" : match.group(1);
            return Matcher.quoteReplacement(user + ":****@");
        });
    }

    private static boolean isPort(int port) {
        return port >= 1 && port <= 65535;
    }
}
