package dev.larder.agent;

import dev.larder.LarderConfig;
import dev.larder.internal.log.Logs;
import dev.larder.internal.spi.RedisModule;
import dev.larder.weaver.Rules;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the options and rules, and installs the weaver on class loading. Runs once per agent start. */
final class AgentStartup {
    private AgentStartup() {}

    /**
     * Whether the agent runs in this JVM: a second start (an attach to a JVM that runs it already) would weave every
     * class twice. Guarded by the class; set once the transformer is in, so that a start that failed can be retried.
     */
    private static boolean started;

    /** Starts the agent, or logs why it does not. */
    static synchronized void start(String text, Instrumentation instrumentation) {
        if (started) {
            log().log(System.Logger.Level.ERROR, "Larder agent is running in this JVM already; not started again");
            return;
        }
        AgentOptions options;
        try {
            options = AgentOptions.parse(text);
        } catch (IllegalArgumentException e) {
            log().log(System.Logger.Level.ERROR, e.getMessage());
            return;
        }
        List<String> errors = new ArrayList<>();
        Rules rules = Rules.none();
        if (options.rules().isPresent()) {
            try {
                rules = Rules.read(Path.of(options.rules().get()));
                errors.addAll(rules.errors());
            } catch (IOException e) {
                errors.add("Cannot read the rules file " + options.rules().get() + ": " + e);
            }
        }
        if (!options.config().isEmpty()) {
            try {
                LarderConfig.load(options.config());
                // As system properties, agent options sit above -D values and below Larder.configure in code.
                for (Map.Entry<String, String> entry : options.config().entrySet()) {
                    System.setProperty(entry.getKey(), entry.getValue());
                }
            } catch (RuntimeException e) {
                errors.add("Larder agent options: " + e.getMessage());
            }
        }
        WovenClassCache cache = null;
        if (options.cache().isPresent()) {
            try {
                cache = WovenClassCache.open(
                        Path.of(options.cache().get()),
                        options.rules().isPresent() ? Path.of(options.rules().get()) : null,
                        WovenClassCache.agentBuild() + "|" + options.dialects());
            } catch (IOException | RuntimeException e) {
                errors.add("Cannot keep woven classes in " + options.cache().get() + ": " + e.getMessage()
                        + "; classes are woven on every start");
            }
        }
        for (String error : errors) {
            log().log(System.Logger.Level.ERROR, error);
        }
        if (options.strict() && !errors.isEmpty()) {
            stop();
        }
        AgentReport report = new AgentReport(rules, options.strict(), instrumentation);
        report.schedule(options.reportAfter());
        ClassLoader carried = AgentJar.carriedLoader();
        if (carried != null) {
            RedisModule.carriedBy(carried);
        }
        // Nothing else of the runtime loads here: the first woven class starts it.
        instrumentation.addTransformer(new LarderTransformer(rules, options.dialects(), report, cache));
        started = true;
    }

    /** Looked up only when something is logged: the logging system costs start-up time. */
    static System.Logger log() {
        return Logs.get("dev.larder.agent");
    }

    /** strict=true: a problem stops the JVM, after it was logged. */
    static void stop() {
        log().log(System.Logger.Level.ERROR, "Larder agent: stopping the JVM because strict=true");
        System.exit(1);
    }
}
