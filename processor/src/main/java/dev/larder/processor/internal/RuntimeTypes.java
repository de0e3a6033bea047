package dev.larder.processor.internal;

import com.palantir.javapoet.ClassName;

/** The runtime types generated code calls, by name: the processor never loads them for the user's code. */
final class RuntimeTypes {
    static final String HANDLE = "dev.larder.internal.handle";
    static final String MODEL = "dev.larder.model";
    static final ClassName HANDLES = ClassName.get(HANDLE, "Handles");
    static final ClassName CACHED_HANDLE = ClassName.get(HANDLE, "CachedHandle");
    static final ClassName BULK_HANDLE = ClassName.get(HANDLE, "BulkHandle");
    static final ClassName WRITE_THROUGH_HANDLE = ClassName.get(HANDLE, "WriteThroughHandle");
    static final ClassName WRITE_BEHIND_HANDLE = ClassName.get(HANDLE, "WriteBehindHandle");
    static final ClassName INVALIDATE_HANDLE = ClassName.get(HANDLE, "InvalidateHandle");
    static final ClassName CACHED_SPEC = ClassName.get(MODEL, "CachedSpec");
    static final ClassName WRITE_SPEC = ClassName.get(MODEL, "WriteSpec");
    static final ClassName WRITE_BEHIND_SPEC = ClassName.get(MODEL, "WriteBehindSpec");
    static final ClassName INVALIDATE_SPEC = ClassName.get(MODEL, "InvalidateSpec");
    static final ClassName RESULT_KIND = ClassName.get(MODEL, "ResultKind");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    private RuntimeTypes() {}
}
