package dev.larder.agent;

import dev.larder.model.Durations;
import dev.larder.weaver.Dialects;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's options: {@code name=value} pairs separated by {@code ,} — or by {@code ;} when the options contain
 * one, so that values may hold commas ({@code redis.cluster=a:7000,b:7001}). Names the agent knows:
 *
 * <ul>
 *   <li>{@code rules=<path>}: a rules file (see {@link dev.larder.weaver.Rules});
 *   <li>{@code strict=true}: a bad rule, annotation or option stops the JVM (exit status 1) instead of being logged
 *       and skipped;
 *   <li>{@code cache=<folder>}: keep woven classes in a folder, so that later starts skip weaving them (see {@link
 *       WovenClassCache});
 *   <li>{@code report=<duration>}: when, after start, to log the summary of what was woven and to name each rule whose
 *       class has not loaded, default {@code 60s} (a summary is logged at shutdown as well);
 *   <li>{@code spring=true}: honour Spring Cache's annotations ({@code @Cacheable}...), see {@link Dialects};
 *   <li>{@code jcache=true}: honour JCache's annotations ({@code @CacheResult}...).
 * </ul>
 *
 * Every other name is a configuration key, with or without the {@code larder.} prefix ({@code redis.uri=…}); such keys
 * win over system properties and lose to {@code Larder.configure} in code.
 */
record AgentOptions(
        Optional<String> rules,
        boolean strict,
        Optional<String> cache,
        Duration reportAfter,
        Map<String, String> config,
        Dialects dialects) {
    static final Duration DEFAULT_REPORT = Duration.ofSeconds(60);

    static AgentOptions parse(String text) {
        String separator = text.indexOf(';') >= 0 ? ";" : ",";
        Map<String, String> config = new LinkedHashMap<>();
        String rules = null;
        String cache = null;
        boolean strict = false;
        Duration report = DEFAULT_REPORT;
        boolean spring = false;
        boolean jcache = false;
        for (String part : text.split(separator)) {
            String option = part.strip();
            if (option.isEmpty()) {
                continue;
            }
            int eq = option.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "Larder agent option '" + option + "' is not name=value; separate options with ',' or ';'");
            }
            String name = option.substring(0, eq).strip();
            String value = option.substring(eq + 1).strip();
            switch (name) {
                case "rules" -> rules = value;
                case "strict" -> strict = Boolean.parseBoolean(value);
                case "cache" -> cache = value;
                case "report" -> report = duration(value);
                case "spring" -> spring = bool(name, value);
                case "jcache" -> jcache = bool(name, value);
                default -> config.put(name.startsWith("larder.") ? name : "larder." + name, value);
            }
        }
        return new AgentOptions(
                Optional.ofNullable(rules),
                strict,
                Optional.ofNullable(cache),
                report,
                Map.copyOf(config),
                new Dialects(spring, jcache));
    }

    private static boolean bool(String name, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("Larder agent option " + name + "=" + value + " must be true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static Duration duration(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Larder agent option report=" + value + " is not a duration: " + Durations.ALLOWED);
        }
    }
}
