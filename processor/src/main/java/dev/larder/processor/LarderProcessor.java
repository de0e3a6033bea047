package dev.larder.processor;

import com.google.auto.service.AutoService;
import dev.larder.processor.internal.Env;
import dev.larder.processor.internal.Reporter;
import dev.larder.processor.internal.RoundProcessor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The Larder annotation processor: reports invalid Larder annotations as compiler errors on the exact annotation
 * value, and generates {@code Foo_Cached} for each type with annotated methods. Put {@code larder-processor} on the
 * annotation processor path.
 */
@AutoService(Processor.class)
public final class LarderProcessor extends AbstractProcessor {
    private RoundProcessor rounds;

    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        rounds = new RoundProcessor(
                new Env(processingEnv.getTypeUtils(), processingEnv.getElementUtils()),
                new Reporter(processingEnv.getMessager()),
                processingEnv.getFiler());
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(
                "dev.larder.annotation.Cached",
                "dev.larder.annotation.CachedAll",
                "dev.larder.annotation.WriteThrough",
                "dev.larder.annotation.WriteBehind",
                "dev.larder.annotation.Invalidate",
                "dev.larder.annotation.Invalidate.List",
                "dev.larder.annotation.RefreshAhead",
                "dev.larder.annotation.CacheDefaults");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (round.processingOver()) {
            return false;
        }
        try {
            rounds.process(round);
        } catch (RuntimeException | LinkageError e) {
            // A bug in the processor must fail the build with a clue, never crash javac.
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            processingEnv
                    .getMessager()
                    .printMessage(Diagnostic.Kind.ERROR, "[LarderInternal] the Larder processor failed: " + trace);
        }
        return false;
    }
}
