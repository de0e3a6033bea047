package dev.larder.agent;

import dev.larder.internal.log.Logs;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The agent's entry points: {@code java -javaagent:larder-agent.jar[=options]} ({@link #premain}), attaching to a
 * running JVM ({@link #agentmain}, with the {@code -attach} jar), and {@link #install} for tests and development loops.
 * Each catches every {@link Throwable}: an agent never breaks the application, unless {@code strict=true} asks it to
 * stop the JVM on a bad rule or annotation. The options are described in {@link AgentOptions}.
 */
public final class LarderAgent {
    private LarderAgent() {}

    /**
     * {@code java -jar larder-agent.jar check …}: see {@link Check}. Exits with its status: 0 when nothing is wrong,
     * 1 on any problem, 2 on a wrong command line.
     */
    public static void main(String[] args) {
        if (args.length == 0 || !args[0].equals("check")) {
            System.err.println("larder-agent: the one command is 'check'\n" + Check.USAGE);
            System.exit(2);
        }
        System.exit(Check.run(java.util.Arrays.asList(args).subList(1, args.length), System.out, System.err));
    }

    public static void premain(String options, Instrumentation instrumentation) {
        start(options, instrumentation);
    }

    /**
     * As {@link #premain}. When the agent does not start, the reason is logged in the application's JVM and the attach
     * still returns normally: an exception here would reach the attaching tool, but the JVM would also print an
     * assertion failure of its own in the application's output.
     */
    public static void agentmain(String options, Instrumentation instrumentation) {
        start(options, instrumentation);
    }

    /** Installs the agent into this JVM (through Byte Buddy's self-attachment support) with no options. */
    public static void install() {
        install("");
    }

    /** Installs the agent into this JVM with options, as {@code -javaagent:larder-agent.jar=options} would. */
    public static void install(String options) {
        start(options, ByteBuddyAgent.install());
    }

    private static void start(String options, Instrumentation instrumentation) {
        try {
            AgentStartup.start(options == null ? "" : options, instrumentation);
        } catch (Throwable t) {
            Logs.get(LarderAgent.class.getName())
                    .log(System.Logger.Level.ERROR, "Larder agent could not start; the application runs uncached", t);
        }
    }
}
