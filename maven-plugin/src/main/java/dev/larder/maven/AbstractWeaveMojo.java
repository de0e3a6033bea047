package dev.larder.maven;

import dev.larder.ConfigurationException;
import dev.larder.weaver.Dialects;
import dev.larder.weaver.Rules;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What {@code weave} and {@code weave-tests} share: the folders differ, the work is the same. */
abstract class AbstractWeaveMojo extends AbstractMojo {

    /**
     * Larder configuration keys and values, written into {@code larder.properties} in the output folder. Keys may omit
     * the {@code larder.} prefix. An existing {@code larder.properties} (from the resources) is kept and merged, the
     * keys given here winning. Validated as the runtime validates at start-up: a bad key or value fails the build.
     */
    @Parameter
    private Map<String, String> properties = new LinkedHashMap<>();

    /** A rules file naming methods to cache without annotations, in the agent's rules format. */
    @Parameter(property = "larder.rules")
    private File rules;

    /**
     * Binary class names to weave, with {@code *} (within a package segment) and {@code **} (anything); all when
     * empty.
     */
    @Parameter
    private List<String> includes = new ArrayList<>();

    /** Binary class names never to weave, in the same syntax as {@code includes}. */
    @Parameter
    private List<String> excludes = new ArrayList<>();

    /**
     * Honours Spring Cache's annotations ({@code @Cacheable}, {@code @CachePut}, {@code @CacheEvict}, {@code @Caching},
     * {@code @CacheConfig}) as Larder's; see the README, "Already using Spring Cache or JCache?".
     */
    @Parameter(property = "larder.spring", defaultValue = "false")
    private boolean spring;

    /**
     * Honours JCache's annotations ({@code @CacheResult}, {@code @CachePut}, {@code @CacheRemove}, {@code
     * @CacheRemoveAll}, {@code @CacheDefaults}) as Larder's.
     */
    @Parameter(property = "larder.jcache", defaultValue = "false")
    private boolean jcache;

    /** Skips weaving and the properties file. */
    @Parameter(property = "larder.weave.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    @Parameter(defaultValue = "${plugin.version}", readonly = true, required = true)
    private String pluginVersion;

    /** The folder of compiled classes to weave. */
    abstract File classesDirectory();

    /** Where woven classes go; the same folder as {@link #classesDirectory()} to weave in place. */
    abstract File outputDirectory();

    /** The class path for type resolution. */
    abstract List<String> classPath();

    /** Names the state file and the log lines. */
    abstract String scope();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Larder weaving skipped");
            return;
        }
        Path input = classesDirectory().toPath();
        Path output = outputDirectory().toPath();
        if (!Files.isDirectory(input)) {
            getLog().info("Larder: no " + input + ", nothing to weave");
            writeProperties(output);
            return;
        }
        Rules parsedRules = readRules();
        ClassFilter filter = new ClassFilter(includes, excludes);
        WeaveState state = new WeaveState(
                buildDirectory.toPath().resolve("larder").resolve("weave-" + scope() + ".state"),
                String.join(
                        " ",
                        pluginVersion,
                        WeaverFingerprint.of(),
                        output.toAbsolutePath().toString(),
                        rulesFingerprint(),
                        filter.toString(),
                        new Dialects(spring, jcache).toString()));
        ClassFolderWeaver.Result result;
        try {
            result = new ClassFolderWeaver(
                            input,
                            output,
                            classPath().stream().map(Path::of).collect(Collectors.toList()),
                            parsedRules,
                            new Dialects(spring, jcache),
                            filter)
                    .weave(state);
        } catch (IOException e) {
            throw new MojoExecutionException("Larder could not weave " + input + ": " + e.getMessage(), e);
        }
        report(input, output, result);
        // After weaving: weaving to another folder copies the resources' larder.properties there.
        writeProperties(output);
    }

    private void report(Path input, Path output, ClassFolderWeaver.Result result) throws MojoFailureException {
        if (result.runtimeMissing()) {
            throw new MojoFailureException("Larder wove " + result.woven().size() + " classes in " + input
                    + ", but " + ClassFolderWeaver.RUNTIME_ENTRY + " is not on the " + scope()
                    + " class path: woven classes call the runtime; add the dependency dev.larder:larder-runtime");
        }
        if (!result.errors().isEmpty()) {
            StringBuilder message = new StringBuilder("Larder found ")
                    .append(result.errors().size())
                    .append(result.errors().size() == 1 ? " invalid declaration" : " invalid declarations")
                    .append(" in ")
                    .append(input)
                    .append(':');
            for (String error : result.errors()) {
                message.append(System.lineSeparator()).append("  ").append(error);
            }
            throw new MojoFailureException(message.toString());
        }
        for (String type : result.woven()) {
            getLog().debug("Larder wove " + type);
        }
        getLog().info(String.format(
                "Larder wove %d %s into %s (%d unchanged since the last weave, %d already woven)",
                result.woven().size(),
                result.woven().size() == 1 ? "class" : "classes",
                output,
                result.unchanged(),
                result.alreadyWoven().size()));
    }

    private void writeProperties(Path output) throws MojoFailureException, MojoExecutionException {
        if (properties == null || properties.isEmpty()) {
            return;
        }
        try {
            Map<String, String> merged = LarderProperties.write(output, properties);
            getLog().info("Larder wrote " + merged.size() + " keys to " + output.resolve(LarderProperties.FILE_NAME));
        } catch (ConfigurationException e) {
            throw new MojoFailureException("Larder configuration in the plugin's <properties>: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Larder could not write " + LarderProperties.FILE_NAME, e);
        }
    }

    private Rules readRules() throws MojoFailureException, MojoExecutionException {
        if (rules == null) {
            return Rules.none();
        }
        Rules parsed;
        try {
            parsed = Rules.read(rules.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("Larder cannot read the rules file " + rules + ": " + e.getMessage(), e);
        }
        if (!parsed.errors().isEmpty()) {
            parsed.errors().forEach(getLog()::error);
            throw new MojoFailureException("Larder rules file " + rules + ":" + System.lineSeparator()
                    + String.join(System.lineSeparator(), parsed.errors()));
        }
        return parsed;
    }

    private String rulesFingerprint() {
        return rules == null || !rules.isFile() ? "no-rules" : WeaveState.sha256(rules.toPath());
    }
}
