package dev.larder.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Weaves Larder's caching into the annotated classes of {@code target/classes}, in place, with the weaver the agent
 * uses: plain {@code new Foo()} is then cached with no agent and no generated types. The application needs {@code
 * larder-runtime} on its class path. Also writes the {@code properties} given in the pom into {@code
 * larder.properties}.
 */
@Mojo(
        name = "weave",
        defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.COMPILE,
        threadSafe = true)
public final class WeaveMojo extends AbstractWeaveMojo {

    /** The folder of compiled classes to weave. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    private File classesDirectory;

    /** Where woven classes go; by default the classes folder itself. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    private File outputDirectory;

    @Parameter(defaultValue = "${project.compileClasspathElements}", readonly = true, required = true)
    private List<String> compileClasspathElements;

    @Override
    File classesDirectory() {
        return classesDirectory;
    }

    @Override
    File outputDirectory() {
        return outputDirectory;
    }

    @Override
    List<String> classPath() {
        return compileClasspathElements;
    }

    @Override
    String scope() {
        return "main";
    }
}
