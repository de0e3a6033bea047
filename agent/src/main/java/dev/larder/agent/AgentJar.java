package dev.larder.agent;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The agent's own jar, and the part of it that no class path lookup reaches.
 *
 * <p>The jar's manifest names the jar itself, by its built name, as {@code Boot-Class-Path}, so the JVM's bootstrap
 * loader defines the agent, the weaver, the runtime, Caffeine and ASM: no class loader code runs for them and the JVM
 * does not verify them, which is most of what the agent costs an application's start. The bootstrap loader sees only
 * the modules it defines itself, though, so {@code larder-redis}, Jedis and Jackson (which need {@code java.sql}) live
 * under {@link #CARRIED} in the jar, out of every class path's reach, and load through a loader of their own below the
 * platform loader. Under another name, the JVM finds nothing under the manifest's names and the system class loader
 * defines the agent as it defines any {@code -javaagent}: slower to start, the same otherwise.
 */
final class AgentJar {
    /** The folder of the jar that holds {@code larder-redis} and the libraries only it needs. */
    static final String CARRIED = "larder-redis/";

    private AgentJar() {}

    /**
     * The jar this class was loaded from, or null when the agent does not run from a jar (its classes in a folder).
     * Read from this class's own resource: the bootstrap loader gives its classes no code source.
     */
    static @Nullable Path path() {
        URL self = AgentJar.class.getResource("AgentJar.class");
        if (self == null || !self.getProtocol().equals("jar")) {
            return null;
        }
        String file = self.getPath(); // file:/…/larder-agent.jar!/dev/larder/agent/AgentJar.class
        int bang = file.lastIndexOf("!/"); // a folder of the jar's path may hold "!/" too
        try {
            Path jar = Path.of(new URI(bang < 0 ? file : file.substring(0, bang)));
            return Files.isRegularFile(jar) ? jar : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A loader of the jar's {@link #CARRIED} part, or null when the agent does not run from a jar (then {@code
     * larder-redis} is on the class path, where the runtime finds it itself). Its parent is the loader that defined
     * the runtime, or the platform loader when that is the bootstrap loader: either way it sees the runtime, and the
     * platform's modules, and none of the application's classes.
     */
    static @Nullable ClassLoader carriedLoader() {
        Path jar = path();
        if (jar == null) {
            return null;
        }
        ClassLoader runtime = AgentJar.class.getClassLoader();
        try {
            // A "!/" in the jar's own path would end the jar's part of the URL early: "%21" is the same file.
            URL carried = URI.create("jar:" + jar.toUri().toString().replace("!", "%21") + "!/" + CARRIED)
                    .toURL();
            return new URLClassLoader(
                    "larder-redis",
                    new URL[] {carried},
                    runtime != null ? runtime : ClassLoader.getPlatformClassLoader());
        } catch (MalformedURLException | IllegalArgumentException e) {
            return null; // a jar path no URL can name: a Redis backend then says that larder-redis is missing
        }
    }
}
