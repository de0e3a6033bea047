package dev.larder.agent;

import dev.larder.weaver.ClassFiles;
import dev.larder.weaver.Dialects;
import dev.larder.weaver.JdkPackages;
import dev.larder.weaver.LarderWeaver;
import dev.larder.weaver.Rules;
import java.lang.instrument.ClassFileTransformer;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The agent's class-file transformer. Start-up cost is the point of its shape: it rejects a class by name (JDK, Byte
 * Buddy, other agents, Larder itself) and then by a scan of its raw bytes ({@link Candidates}) before anything else;
 * only a class that may have something to weave is read by the {@link LarderWeaver}, with the supertypes and parameter
 * types it needs read as class files from its loader. With a {@link WovenClassCache}, a class woven on an earlier
 * start with nothing it depends on changed is taken from there instead.
 * Classes are woven only as they are first defined, never when redefined or retransformed: the woven form adds
 * fields, which the JVM does not allow then. Never throws: a class that cannot be woven is logged and loads as it
 * is.
 */
final class LarderTransformer implements ClassFileTransformer {
    /**
     * The JDK's, Byte Buddy's and other agents' packages. Copied here as the transformer is made, not asked of {@link
     * JdkPackages} on each class: a class first loaded inside {@link #transform} passes through it too.
     */
    private static final String[] IGNORED = ignored(
            "net/bytebuddy/",
            // other agents
            "io/opentelemetry/javaagent/",
            "co/elastic/apm/",
            "com/newrelic/",
            "datadog/",
            "com/datadog/",
            "org/jacoco/agent/",
            "com/intellij/rt/");

    private final Rules rules;
    private final boolean anyRules;
    private final LarderWeaver weaver;
    private final Candidates candidates;
    private final Dialects dialects;
    private volatile boolean doubleCachingWarned;
    private final AgentReport problems;
    private final @Nullable WovenClassCache cache;

    /** @param cache where woven classes are kept between runs, or null to weave on every start */
    LarderTransformer(Rules rules, AgentReport problems, @Nullable WovenClassCache cache) {
        this(rules, Dialects.NONE, problems, cache);
    }

    /** @param dialects the other libraries' caching annotations to honour */
    LarderTransformer(Rules rules, Dialects dialects, AgentReport problems, @Nullable WovenClassCache cache) {
        this.rules = rules;
        this.anyRules = !rules.classNames().isEmpty();
        this.dialects = dialects;
        this.problems = problems;
        this.cache = cache;
        this.candidates = new Candidates(dialects.descriptorPrefixes());
        this.weaver = new LarderWeaver(rules, dialects, problems);
    }

    @Override
    public byte @Nullable [] transform(
            @Nullable Module module,
            @Nullable ClassLoader loader,
            @Nullable String name,
            @Nullable Class<?> classBeingRedefined,
            @Nullable ProtectionDomain protectionDomain,
            byte[] bytes) {
        problems.classLoading();
        if (loader == null || name == null || classBeingRedefined != null || isIgnored(name)) {
            return null;
        }
        try {
            // Without rules, the binary name is made only for the few classes that pass the pre-filter.
            boolean ruled = anyRules && rules.names(name.replace('/', '.'));
            if (!ruled && !candidates.mayApply(loader, name, bytes, location(protectionDomain))) {
                return null;
            }
            String binaryName = name.replace('/', '.');
            if (ruled) {
                problems.ruledClassSeen(binaryName);
            }
            if (dialects.spring() && !doubleCachingWarned && DoubleCaching.enables(bytes)) {
                doubleCachingWarned = true;
                DoubleCaching.warn(binaryName);
            }
            ClassFiles.Source source = ClassFiles.resources(loader);
            if (cache == null) {
                return weaver.weave(bytes, new ClassFiles(source));
            }
            WovenClassCache.Entry entry = cache.find(name, bytes, source);
            if (entry != null) {
                if (entry.woven() != null) {
                    problems.kept(binaryName);
                }
                return entry.woven();
            }
            RecordingSource recording = new RecordingSource(source);
            Seen seen = new Seen(problems);
            byte[] woven = weaver.weave(bytes, new ClassFiles(recording), seen);
            if (!seen.any) { // a class with problems is woven again on each start, so they are reported again
                cache.store(name, bytes, recording.reads(), woven);
            }
            return woven;
        } catch (Throwable t) {
            AgentStartup.log().log(System.Logger.Level.ERROR, "Larder could not weave " + name.replace('/', '.'), t);
            return null;
        }
    }

    private static @Nullable URL location(@Nullable ProtectionDomain domain) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        return source == null ? null : source.getLocation();
    }

    /** Passes one class's problems on, and notes whether it had any. */
    private static final class Seen implements LarderWeaver.Problems {
        private final LarderWeaver.Problems problems;
        boolean any;

        Seen(LarderWeaver.Problems problems) {
            this.problems = problems;
        }

        @Override
        public void report(String type, List<String> errors) {
            any = true;
            problems.report(type, errors);
        }

        @Override
        public void woven(String type, List<String> methods) {
            problems.woven(type, methods);
        }
    }

    private static String[] ignored(String... others) {
        String[] jdk = JdkPackages.prefixes();
        String[] all = Arrays.copyOf(jdk, jdk.length + others.length);
        System.arraycopy(others, 0, all, jdk.length, others.length);
        return all;
    }

    static boolean isIgnored(String internalName) {
        for (String prefix : IGNORED) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        // Larder's own classes, but for test fixtures, samples and benchmarks.
        return internalName.startsWith("dev/larder/")
                && !internalName.startsWith("dev/larder/it/")
                && !internalName.startsWith("dev/larder/samples/")
                && !internalName.startsWith("dev/larder/benchmarks/");
    }
}
