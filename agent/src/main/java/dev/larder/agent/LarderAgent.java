package dev.larder.agent;

import dev.larder.internal.log.Logs;
import java.lang.instrument.Instrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The agent's entry points: {@code java -javaagent:larder-agent.jar[=options]} ({@link #premain}), attaching to a
 * running JVM ({@link #agentmain}, through {@code java -jar larder-agent.jar attach}), and {@link #install} for tests
 * and development loops. Each catches every {@link
 * Throwable}: an agent never breaks the application, unless {@code strict=true} asks it to stop the JVM on a bad rule
 * or annotation. The options are described in {@link AgentOptions}.
 */
public final class LarderAgent {
    private LarderAgent() {}

    /**
     * {@code java -jar larder-agent.jar check …} (see {@link Check}) or {@code attach PID [OPTIONS]} (see {@link
     * Attach}). Exits with the command's status: 0 when all went well, 1 on any problem, 2 on a wrong command line.
     */
    public static void main(String[] args) {
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "check" -> System.exit(Check.run(rest, System.out, System.err));
            case "attach" -> System.exit(Attach.run(rest, System.out, System.err));
            default -> {
                System.err.println(
                        "larder-agent: the commands are 'check' and 'attach'\n" + Check.USAGE + "\n" + Attach.USAGE);
                System.exit(2);
            }
        }
    }

    public static void premain(String options, Instrumentation instrumentation) {
        start(options, instrumentation);
    }

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
