package dev.larder.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Weaves Larder's caching into the annotated classes of {@code target/test-classes}, as {@code weave} does for
 * {@code target/classes}. With {@code outputDirectory} set, the woven classes are written there and the test classes
 * stay as compiled.
 */
@Mojo(
        name = "weave-tests",
        defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES,
        requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public final class WeaveTestsMojo extends AbstractWeaveMojo {

    /** The folder of compiled test classes to weave. */
    @Parameter(defaultValue = "${project.build.testOutputDirectory}", required = true)
    private File classesDirectory;

    /** Where woven classes go; by default the test classes folder itself. */
    @Parameter(defaultValue = "${project.build.testOutputDirectory}", required = true)
    private File outputDirectory;

    @Parameter(defaultValue = "${project.testClasspathElements}", readonly = true, required = true)
    private List<String> testClasspathElements;

    /** Skips weaving the test classes, as the tests themselves are skipped. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    private boolean testsSkipped;

    @Override
    public void execute()
            throws org.apache.maven.plugin.MojoExecutionException, org.apache.maven.plugin.MojoFailureException {
        if (testsSkipped) {
            getLog().info("Larder: tests are skipped (maven.test.skip), so is weaving them");
            return;
        }
        super.execute();
    }

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
        return testClasspathElements;
    }

    @Override
    String scope() {
        return "test";
    }
}
