package dev.larder.processor.internal;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports errors through the {@link Messager} on the exact element, annotation and attribute value, each message
 * tagged (such as {@code [LarderKeyTemplate]}) so that users can search for it.
 */
public final class Reporter {
    private final Messager messager;
    private int errors;

    public Reporter(Messager messager) {
        this.messager = messager;
    }

    public void error(String tag, String message, Element element) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, tagged(tag, message), element);
    }

    public void error(String tag, String message, Element element, AnnotationMirror annotation) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, tagged(tag, message), element, annotation);
    }

    /** Reports on the attribute's value when the user wrote it, else on the annotation. */
    public void error(String tag, String message, Annotation annotation, String attribute) {
        errors++;
        AnnotationValue value = annotation.explicitValue(attribute);
        if (value == null) {
            messager.printMessage(
                    Diagnostic.Kind.ERROR, tagged(tag, message), annotation.element(), annotation.mirror());
        } else {
            messager.printMessage(
                    Diagnostic.Kind.ERROR, tagged(tag, message), annotation.element(), annotation.mirror(), value);
        }
    }

    /** How many errors were reported so far: a caller compares counts to know whether its check passed. */
    public int errorCount() {
        return errors;
    }

    private static String tagged(String tag, String message) {
        return "[" + tag + "] " + message;
    }
}
