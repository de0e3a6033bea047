package dev.larder.agent;

import dev.larder.LarderConfig;
import dev.larder.agent.weaver.LarderWeaver;
import dev.larder.agent.weaver.Rules;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/** Reads the options and rules, and installs the weaver on class loading. Runs once per agent start. */
final class AgentStartup {
    private static final System.Logger LOG = System.getLogger("dev.larder.agent");
    private static final String[] IGNORED = {
        "java.",
        "javax.",
        "jdk.",
        "sun.",
        "com.sun.",
        "net.bytebuddy.",
        "dev.larder.agent.shaded.",
        // other agents
        "io.opentelemetry.javaagent.",
        "co.elastic.apm.",
        "com.newrelic.",
        "datadog.",
        "com.datadog.",
        "org.jacoco.agent.",
        "com.intellij.rt."
    };

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
        boolean strict = options.strict();
        LarderWeaver weaver = new LarderWeaver(rules, (type, problems) -> {
            for (String problem : problems) {
                LOG.log(System.Logger.Level.ERROR, "Not woven: " + problem);
            }
            if (strict) {
                stop();
            }
        });
        install(weaver, instrumentation);
    }

    private static void install(LarderWeaver weaver, Instrumentation instrumentation) {
        new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .with(AgentBuilder.RedefinitionStrategy.DISABLED)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(AgentBuilder.PoolStrategy.Default.EXTENDED)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onError(
                            String typeName,
                            ClassLoader classLoader,
                            JavaModule module,
                            boolean loaded,
                            Throwable throwable) {
                        LOG.log(System.Logger.Level.ERROR, "Larder could not weave " + typeName, throwable);
                    }
                })
                .ignore(ignored())
                .or(ElementMatchers.any(), ElementMatchers.isBootstrapClassLoader())
                .type(weaver::matches)
                .transform((builder, type, classLoader, module, protectionDomain) -> weaver.weave(builder, type))
                .installOn(instrumentation);
    }

    /** Never transformed, tested on the name alone before anything is parsed. */
    static ElementMatcher.Junction<TypeDescription> ignored() {
        ElementMatcher.Junction<TypeDescription> ignored = ElementMatchers.isSynthetic();
        for (String prefix : IGNORED) {
            ignored = ignored.or(ElementMatchers.nameStartsWith(prefix));
        }
        return ignored.or(ElementMatchers.<TypeDescription>nameStartsWith("dev.larder.")
                .and(ElementMatchers.not(ElementMatchers.<TypeDescription>nameStartsWith("dev.larder.it.")
                        .or(ElementMatchers.nameStartsWith("dev.larder.samples.")))));
    }

    /** strict=true: a problem stops the JVM, after it was logged. */
    private static void stop() {
        LOG.log(System.Logger.Level.ERROR, "Larder agent: stopping the JVM because strict=true");
        System.exit(1);
    }
}
