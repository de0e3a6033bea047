package dev.larder.agent;

import dev.larder.LarderConfig;
import dev.larder.agent.weaver.Rules;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the options and rules, and installs the weaver on class loading. Runs once per agent start. */
final class AgentStartup {
    private static final System.Logger LOG = System.getLogger("dev.larder.agent");

    private AgentStartup() {}

    static void start(String text, Instrumentation instrumentation) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(text);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
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
                options.config().forEach(System::setProperty);
            } catch (RuntimeException e) {
                errors.add("Larder agent options: " + e.getMessage());
            }
        }
        for (String error : errors) {
            LOG.log(System.Logger.Level.ERROR, error);
        }
        if (options.strict() && !errors.isEmpty()) {
            stop();
        }
        // Nothing of Byte Buddy or the runtime loads here: the transformer creates the weaver for the first class that
        // may need it, and the first woven class starts the runtime.
        instrumentation.addTransformer(new LarderTransformer(rules, (type, problems) -> {
            for (String problem : problems) {
                LOG.log(System.Logger.Level.ERROR, "Not woven: " + problem);
            }
            if (options.strict()) {
                stop();
            }
        }));
    }

    /** strict=true: a problem stops the JVM, after it was logged. */
    private static void stop() {
        LOG.log(System.Logger.Level.ERROR, "Larder agent: stopping the JVM because strict=true");
        System.exit(1);
    }
}
