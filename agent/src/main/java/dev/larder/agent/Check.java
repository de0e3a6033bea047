package dev.larder.agent;

import dev.larder.weaver.ClassFiles;
import dev.larder.weaver.Dialects;
import dev.larder.weaver.LarderWeaver;
import dev.larder.weaver.Rules;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code java -jar larder-agent.jar check --rules FILE CLASSPATH…}: weaves, in memory, what the agent would weave from
 * a class path (folders, jars, executable Spring Boot jars) and prints each class it would weave and every problem, in
 * the agent's words, including rules that name no class of the class path. Every class of the folders and jars is
 * looked at; of a Spring Boot jar's libraries, the classes named by a rule or whose own class file names a Larder
 * annotation. Exit status 0 when there is no problem, 1 when there is any, 2 when the command line is wrong.
 */
final class Check {
    static final String USAGE = "usage: java -jar larder-agent.jar check [--rules FILE] [--spring] [--jcache]"
            + " CLASSPATH...\n"
            + "  --spring, --jcache: honour Spring Cache's or JCache's annotations, as the agent's spring=true and"
            + " jcache=true\n"
            + "  CLASSPATH: folders, jars and executable Spring Boot jars, as arguments or joined with '"
            + File.pathSeparator + "'";

    private final PrintStream out;
    private int problems;
    private int classes;
    private int methods;
    private final Set<String> caches = new TreeSet<>();

    private final Dialects dialects;
    private final List<byte[]> prefixes;

    private Check(PrintStream out, Dialects dialects) {
        this.out = out;
        this.dialects = dialects;
        this.prefixes = ClassFileSummary.prefixes(dialects.descriptorPrefixes());
    }

    /** Runs the command; returns the exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        String rulesFile = null;
        boolean spring = false;
        boolean jcache = false;
        List<Path> classPath = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--rules") && i + 1 < args.size()) {
                rulesFile = args.get(++i);
            } else if (arg.equals("--spring")) {
                spring = true;
            } else if (arg.equals("--jcache")) {
                jcache = true;
            } else if (arg.startsWith("-")) {
                err.println("check: unknown option " + arg + "\n" + USAGE);
                return 2;
            } else {
                for (String part : arg.split(File.pathSeparator)) {
                    if (!part.isEmpty()) {
                        classPath.add(Path.of(part));
                    }
                }
            }
        }
        if (classPath.isEmpty()) {
            err.println("check: no class path given\n" + USAGE);
            return 2;
        }
        try {
            Rules rules = rulesFile == null ? Rules.none() : Rules.read(Path.of(rulesFile));
            try (ClassPath path = ClassPath.of(classPath)) {
                return new Check(out, new Dialects(spring, jcache)).check(rules, path);
            }
        } catch (IOException e) {
            err.println("check: " + e.getMessage());
            return 2;
        }
    }

    private int check(Rules rules, ClassPath path) throws IOException {
        for (String error : rules.errors()) {
            problem(error);
        }
        LarderWeaver weaver = new LarderWeaver(rules, dialects, new Printed());
        ClassFiles files = new ClassFiles(path);
        List<String> names = path.names();
        Set<String> binaryNames = new HashSet<>();
        for (String name : names) {
            String binaryName = name.replace('/', '.');
            binaryNames.add(binaryName);
            if (LarderTransformer.isIgnored(name)) {
                continue;
            }
            byte[] bytes = path.read(name);
            if (bytes == null || (path.isLibrary(name) && !rules.names(binaryName) && !annotated(bytes))) {
                continue;
            }
            weaver.weave(bytes, files);
        }
        for (String className : new TreeSet<>(rules.classNames())) {
            if (!binaryNames.contains(className)) {
                for (String error : rules.neverLoaded(className, "is on the class path", binaryNames)) {
                    problem(error);
                }
            }
        }
        out.println("Larder check: " + classes + " classes would be woven (" + methods + " methods, caches " + caches
                + "), " + problems + " problems");
        return problems == 0 ? 0 : 1;
    }

    private boolean annotated(byte[] bytes) {
        ClassFileSummary summary = ClassFileSummary.read(bytes, prefixes);
        return summary == null || summary.annotated();
    }

    private void problem(String message) {
        problems++;
        out.println("Not woven: " + message);
    }

    /** Prints as the agent logs. */
    private final class Printed implements LarderWeaver.Problems {
        @Override
        public void report(String type, List<String> errors) {
            for (String error : errors) {
                problem(error);
            }
        }

        @Override
        public void woven(String type, List<String> wovenMethods) {
            classes++;
            methods += wovenMethods.size();
            for (String method : wovenMethods) {
                caches.addAll(AgentReport.caches(method));
            }
            out.println("Larder would weave " + type + ": " + String.join("; ", wovenMethods));
        }
    }
}
