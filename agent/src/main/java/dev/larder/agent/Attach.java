package dev.larder.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * {@code java -jar larder-agent.jar attach PID [OPTIONS]}: attaches the agent to a running JVM.
 *
 * <p>The agent's own jar cannot be attached as it is: its manifest's {@code Boot-Class-Path} (see {@link AgentJar})
 * would put the runtime in the JVM's bootstrap loader after the application may have loaded Larder's runtime from its
 * class path, and every runtime class it loaded afterwards would come from the agent's jar, apart from those it had:
 * one runtime split in two. So the jar has no {@code Agent-Class}, and this command attaches a copy of it whose
 * manifest names one and no boot class path: the attached agent is on the system class path, as any attached agent,
 * where an application's own {@code larder-runtime} comes first. The copy is kept in the temporary folder (the JVM
 * reads it for as long as it runs), one per build of the agent.
 */
final class Attach {
    static final String USAGE = "usage: java -jar larder-agent.jar attach PID [OPTIONS]\n"
            + "  PID: the process id of a running JVM of the same user\n"
            + "  OPTIONS: the agent's options, as after -javaagent:larder-agent.jar=";

    private Attach() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.size() > 2 || !args.get(0).chars().allMatch(Character::isDigit)) {
            err.println("attach: give the process id of a JVM, then the agent's options if any\n" + USAGE);
            return 2;
        }
        String pid = args.get(0);
        try {
            Path jar = attachable();
            ByteBuddyAgent.attach(jar.toFile(), pid, args.size() > 1 ? args.get(1) : "");
            out.println("Larder agent attached to " + pid + " (" + jar + ")");
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("attach: could not attach the Larder agent to " + pid + ": " + e);
            return 1;
        }
    }

    /** The copy of this jar to attach: made once per build of the agent, in the temporary folder. */
    static Path attachable() throws IOException {
        Path agent = AgentJar.path();
        if (agent == null) {
            throw new IOException("the agent does not run from its jar");
        }
        Path copy = Path.of(System.getProperty("java.io.tmpdir"))
                .resolve("larder-agent-attach-"
                        + Integer.toHexString(WovenClassCache.agentBuild().hashCode()) + ".jar");
        if (Files.isRegularFile(copy)) {
            return copy;
        }
        Path partial = Files.createTempFile(copy.getParent(), "larder-agent-attach-", ".partial");
        try (JarFile in = new JarFile(agent.toFile());
                JarOutputStream jar = new JarOutputStream(Files.newOutputStream(partial), attachManifest(in))) {
            for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().equals(JarFile.MANIFEST_NAME)) {
                    continue;
                }
                jar.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream bytes = in.getInputStream(entry)) {
                    bytes.transferTo(jar);
                }
                jar.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        // Another attach may have made the same copy meanwhile: either is whole, and they are alike.
        return Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Manifest attachManifest(JarFile in) throws IOException {
        Manifest manifest = new Manifest(in.getManifest());
        Attributes main = manifest.getMainAttributes();
        main.remove(new Attributes.Name("Boot-Class-Path"));
        main.remove(new Attributes.Name("Premain-Class"));
        main.putValue("Agent-Class", LarderAgent.class.getName());
        return manifest;
    }
}
