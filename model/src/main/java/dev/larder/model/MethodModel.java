package dev.larder.model;

import dev.larder.model.TemplateValidator.NoResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The Larder annotations of one method, validated into {@link Operation}s, or the problems that prevent it: every
 * rule and message of every mode, written once. Every problem is collected, not only the first; the operations are
 * meaningful only when there is none.
 *
 * @param site the method as every mode names it: {@code com.acme.Catalog#find(int)}
 * @param operations {@code @Invalidate(before = true)}s, the cache operation (if any), then the other
 *     {@code @Invalidate}s, in the order they act
 * @param problems what is wrong, empty when the method can be cached
 * @param guards the conditions of each operation, at the same index ({@link Guard#NONE} when it has none)
 */
public record MethodModel(String site, List<Operation> operations, List<Problem> problems, List<Guard> guards) {
    public MethodModel {
        operations = List.copyOf(operations);
        problems = List.copyOf(problems);
        guards = List.copyOf(guards);
        if (guards.size() != operations.size()) {
            throw new IllegalArgumentException(guards.size() + " guards for " + operations.size() + " operations");
        }
    }

    /** A model whose operations have no conditions. */
    public MethodModel(String site, List<Operation> operations, List<Problem> problems) {
        this(site, operations, problems, Collections.nCopies(operations.size(), Guard.NONE));
    }

    /** The conditions of an operation of this model. */
    public Guard guard(Operation operation) {
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i) == operation) {
                return guards.get(i);
            }
        }
        throw new IllegalArgumentException(operation + " is not an operation of " + site);
    }

    /** Validates the annotations {@code source} yields. */
    public static MethodModel of(MethodSource source) {
        return new Builder(source).build();
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    private static final class Builder {
        private final MethodSource source;
        private final String site;
        private final List<Problem> problems = new ArrayList<>();

        Builder(MethodSource source) {
            this.source = source;
            this.site = Sites.of(source.typeName(), source.methodName(), source.parameterTypeNames());
        }

        MethodModel build() {
            Set<String> present = new LinkedHashSet<>();
            for (Declaration d : source.declarations()) {
                present.add(d.kind());
            }
            Optional<String> conflict = ModelRules.combination(present);
            if (conflict.isPresent()) {
                problem("LarderConflict", null, "", conflict.get());
            }
            Declaration refresh = find("RefreshAhead");
            List<Operation> before = new ArrayList<>();
            List<Operation> main = new ArrayList<>();
            List<Operation> after = new ArrayList<>();
            Map<Operation, Guard> guards = new IdentityHashMap<>();
            for (Declaration d : source.declarations()) {
                Operation op = switch (d.kind()) {
                    case "Cached" -> cached(d, refresh);
                    case "CachedAll" -> cachedAll(d);
                    case "WriteThrough" -> writeThrough(d);
                    case "WriteBehind" -> writeBehind(d);
                    case "Invalidate" -> invalidate(d);
                    default -> null;
                };
                Guard guard = d.kind().equals("RefreshAhead") || d.kind().equals("CachedAll")
                        ? Guard.NONE
                        : guard(d, refresh);
                if (op != null) {
                    guards.put(op, guard);
                }
                if (op instanceof Operation.Invalidate i) {
                    (i.before() ? before : after).add(i);
                } else if (op != null) {
                    main.add(op);
                }
            }
            List<Operation> operations = new ArrayList<>(before);
            operations.addAll(main);
            operations.addAll(after);
            List<Guard> ordered = new ArrayList<>();
            for (Operation op : operations) {
                ordered.add(guards.get(op));
            }
            return new MethodModel(site, operations, problems, ordered);
        }

        /** The declaration's {@code condition} and {@code unless}, checked by {@link ConditionRule}. */
        private Guard guard(Declaration d, @Nullable Declaration refresh) {
            String condition = d.string("condition");
            String unless = d.string("unless");
            if (condition.isEmpty() && unless.isEmpty()) {
                return SpringConditions.guard(source, d, site, refresh != null, problems);
            }
            MethodShape shape = source.shape();
            String type = source.declaringTypeSimpleName();
            if (!condition.isEmpty()) {
                report(
                        "LarderCondition",
                        d,
                        "condition",
                        ConditionRule.condition(d.kind(), condition, shape, type, source.methods()));
            }
            boolean withArguments = false;
            if (!unless.isEmpty()) {
                Optional<String> refused = ConditionRule.unlessRefused(
                        source.resultKind(),
                        refresh != null,
                        !TagTemplates.split(d.string("tags")).isEmpty());
                if (refused.isPresent()) {
                    problem("LarderCondition", d, "unless", refused.get());
                } else {
                    ConditionRule.Unless found = ConditionRule.unless(d.kind(), unless, shape, type, source.methods());
                    report("LarderCondition", d, "unless", found.error());
                    withArguments = found.takesArguments();
                }
            }
            return new Guard(condition, unless, withArguments);
        }

        private @Nullable Declaration find(String kind) {
            for (Declaration d : source.declarations()) {
                if (d.kind().equals(kind)) {
                    return d;
                }
            }
            return null;
        }

        private Operation.@Nullable Cached cached(Declaration d, @Nullable Declaration refresh) {
            if (source.result().isEmpty()) {
                problem(
                        "LarderVoidCached",
                        d,
                        "",
                        "@Cached needs a method that returns a value, but " + source.methodName()
                                + " returns void; use @WriteThrough, @WriteBehind or @Invalidate for methods that"
                                + " write");
                return null;
            }
            Duration ttl = ttl(d);
            String key = key(d, Optional.empty(), NoResult.BEFORE_CALL);
            double at = 0;
            double beta = 0;
            if (refresh != null) {
                at = decimal(refresh, "at");
                beta = decimal(refresh, "beta");
                report("LarderRefreshAhead", refresh, "at", ModelRules.refreshAt(at));
                report("LarderRefreshAhead", refresh, "beta", ModelRules.refreshBeta(beta));
            }
            boolean cacheNull = bool(d, "cacheNull");
            List<String> tags = tags(d, source.result(), NoResult.BEFORE_CALL);
            if (tags != null && refresh != null) {
                Optional<String> refreshTags = ModelRules.refreshTags(true, tags);
                report("LarderTag", d, "tags", refreshTags);
                tags = refreshTags.isPresent() ? null : tags;
            }
            return key == null || tags == null
                    ? null
                    : new Operation.Cached(
                            cacheName(d),
                            key,
                            ttl,
                            cacheNull,
                            source.resultKind(),
                            at,
                            beta,
                            ttlJitter(d),
                            KeyArguments.of(key, List.copyOf(source.parameters().keySet())),
                            tags);
        }

        private Operation.@Nullable CachedAll cachedAll(Declaration d) {
            List<TypeModel> map = source.mapTypes();
            if (map.isEmpty()) {
                problem(
                        "LarderCachedAll",
                        d,
                        "",
                        "@CachedAll needs a method returning a Map from key to value, such as Map<Long, Book>, but "
                                + source.methodName() + " returns " + source.returnTypeName());
            }
            List<String> collections = new ArrayList<>();
            for (String name : source.parameters().keySet()) {
                if (source.elementType(name).isPresent()) {
                    collections.add(name);
                }
            }
            if (collections.size() != 1) {
                problem(
                        "LarderCachedAll",
                        d,
                        "",
                        "@CachedAll needs exactly one parameter that is a Collection, Set or List of keys, but "
                                + source.methodName()
                                + (collections.isEmpty()
                                        ? " takes none: it takes " + source.parameterTypeNames()
                                        : " takes " + collections.size() + ": " + collections)
                                + "; other parameters are part of every key");
            }
            boolean unsupported = false;
            for (String attribute : List.of("condition", "unless", "tags")) {
                Optional<String> refused = ModelRules.cachedAllAttribute(attribute, d.string(attribute));
                report("LarderCachedAll", d, attribute, refused);
                unsupported |= refused.isPresent();
            }
            Duration ttl = ttl(d);
            boolean cacheNull = bool(d, "cacheNull");
            if (map.isEmpty() || collections.size() != 1 || unsupported) {
                return null;
            }
            String keys = collections.get(0);
            TypeModel element = source.elementType(keys).orElseThrow();
            String mapKey = map.get(0).displayName();
            if (!Boxes.boxed(mapKey).equals(Boxes.boxed(element.displayName()))) {
                problem(
                        "LarderCachedAll",
                        d,
                        "",
                        "@CachedAll needs the keys of the result to be the elements of " + keys + ", but the result's"
                                + " keys are " + mapKey + " and the elements are " + element.displayName());
                return null;
            }
            Map<String, TypeModel> parameters = new LinkedHashMap<>(source.parameters());
            parameters.put(keys, element);
            String text = d.string("key");
            if (text.isEmpty()) {
                text = KeyTemplate.ofParameters(List.copyOf(parameters.keySet()))
                        .text();
            }
            String key = template(d, "key", text, Optional.empty(), NoResult.BEFORE_CALL, parameters, source.target());
            if (key == null) {
                return null;
            }
            int named = 0;
            for (Placeholder p : KeyTemplate.parse(key).placeholders()) {
                if (p.root().equals(keys) && !p.isResult()) {
                    named += p.path().size() == 1 ? 1 : 2;
                }
            }
            if (named != 1) {
                problem(
                        "LarderKeyTemplate",
                        d,
                        "key",
                        "@CachedAll(key = \"" + text + "\") must name {" + keys + "}, which stands for one key of the"
                                + " collection, exactly once and without properties (the result is keyed by it), such"
                                + " as key = \"{" + keys + "}\"");
                return null;
            }
            return new Operation.CachedAll(cacheName(d), key, ttl, cacheNull, keys);
        }

        private Operation.@Nullable WriteThrough writeThrough(Declaration d) {
            Duration ttl = ttl(d);
            String key = requiredKey(d) ? key(d, source.result(), NoResult.VOID_METHOD) : null;
            String value = key == null ? null : value(d, key, source.result(), NoResult.VOID_METHOD);
            Double jitter = ttlJitter(d);
            return value == null ? null : new Operation.WriteThrough(cacheName(d), key, value, ttl, jitter);
        }

        private Operation.@Nullable WriteBehind writeBehind(Declaration d) {
            if (source.result().isPresent()) {
                problem(
                        "LarderWriteBehindNotVoid",
                        d,
                        "",
                        "@WriteBehind needs a void method, because the caller returns before the body runs, but "
                                + source.methodName() + " returns " + source.returnTypeName()
                                + "; return void or use @WriteThrough");
            }
            Duration ttl = ttl(d);
            Double jitter = ttlJitter(d);
            Duration delay = duration(d, "delay", d.string("delay"));
            int batchSize = integer(d, "batchSize");
            report("LarderRange", d, "batchSize", ModelRules.batchSize(batchSize));
            int maxRetries = integer(d, "maxRetries");
            report("LarderRange", d, "maxRetries", ModelRules.maxRetries(maxRetries));
            boolean coalesce = bool(d, "coalesce");
            String key = requiredKey(d) ? key(d, Optional.empty(), NoResult.WRITE_BEHIND) : null;
            String value = key == null ? null : value(d, key, Optional.empty(), NoResult.WRITE_BEHIND);
            if (value == null || delay == null) {
                return null;
            }
            String batchMethod = d.string("batchMethod");
            if (!batchMethod.isEmpty() && !batchMethodFits(d, batchMethod, value)) {
                return null;
            }
            return new Operation.WriteBehind(
                    cacheName(d), key, value, ttl, delay, batchSize, batchMethod, coalesce, maxRetries, jitter);
        }

        private boolean batchMethodFits(Declaration d, String name, String value) {
            Placeholder placeholder = KeyTemplate.parse(value).placeholders().get(0);
            Optional<String> mismatch = source.batchMethodMismatch(name, placeholder);
            if (mismatch.isPresent()) {
                String valueType = valueTypeName(placeholder);
                problem(
                        "LarderBatchMethod",
                        d,
                        "batchMethod",
                        "@WriteBehind(batchMethod = \"" + name + "\") must name a method of "
                                + source.declaringTypeSimpleName() + " taking one Collection<" + valueType
                                + "> or List<" + valueType + ">, but " + mismatch.get());
                return false;
            }
            return true;
        }

        /** The boxed display name of the type a valid value placeholder reads. */
        private String valueTypeName(Placeholder placeholder) {
            TypeModel type = placeholder.isResult()
                    ? source.result().orElseThrow()
                    : source.parameters().get(placeholder.root());
            for (String property :
                    placeholder.path().subList(1, placeholder.path().size())) {
                type = type.property(property).orElseThrow();
            }
            return Boxes.boxed(type.displayName());
        }

        private Operation.@Nullable Invalidate invalidate(Declaration d) {
            String cache = d.string("cache");
            boolean all = bool(d, "all");
            boolean before = bool(d, "before");
            Optional<TypeModel> result = before ? Optional.empty() : source.result();
            NoResult noResult = before ? NoResult.INVALIDATE_BEFORE : NoResult.VOID_METHOD;
            List<String> tags = tags(d, result, noResult);
            List<String> tagTexts = TagTemplates.split(d.string("tags"));
            Optional<String> targetError = ModelRules.invalidateTarget(cache, d.string("key"), all, tagTexts);
            if (targetError.isPresent()) {
                problem("LarderCacheName", d, "cache", targetError.get());
                return null;
            }
            if (tags == null) {
                return null;
            }
            if (cache.isEmpty()) {
                return new Operation.Invalidate("", "", false, before, tags);
            }
            Optional<String> allError = ModelRules.invalidateAll(all, d.string("key"));
            if (allError.isPresent()) {
                problem("LarderInvalidateAll", d, "key", allError.get());
                return null;
            }
            if (all) {
                return new Operation.Invalidate(cache, "", true, before, tags);
            }
            String key = key(d, result, noResult);
            return key == null ? null : new Operation.Invalidate(cache, key, false, before, tags);
        }

        /** The validated tag templates of {@code d}; null when one is wrong (reported). */
        private @Nullable List<String> tags(Declaration d, Optional<TypeModel> result, NoResult noResult) {
            List<String> tags = TagTemplates.split(d.string("tags"));
            boolean valid = true;
            for (String tag : tags) {
                Optional<String> empty = ModelRules.tag(d.kind(), tag);
                if (empty.isPresent()) {
                    problem("LarderTag", d, "tags", empty.get());
                    valid = false;
                } else {
                    Target none = Target.unavailable(ModelRules.TAGS_WITHOUT_TARGET);
                    valid &= template(d, "tags", tag, result, noResult, source.parameters(), none) != null;
                }
            }
            return valid ? tags : null;
        }

        /** {@code @WriteThrough} and {@code @WriteBehind} declare {@code key} without a default. */
        private boolean requiredKey(Declaration d) {
            if (d.string("key").isEmpty()) {
                problem(
                        "LarderKeyTemplate",
                        d,
                        "key",
                        "@" + d.kind() + " needs a key template, such as key = \"{id}\"");
                return false;
            }
            return true;
        }

        private @Nullable String key(Declaration d, Optional<TypeModel> result, NoResult noResult) {
            String text = d.string("key");
            if (text.isEmpty()) {
                text = KeyTemplate.ofParameters(List.copyOf(source.parameters().keySet()))
                        .text();
                if (text.isEmpty()) {
                    return text; // no parameters: one constant key
                }
            }
            return template(d, "key", text, result, noResult);
        }

        private @Nullable String value(Declaration d, String key, Optional<TypeModel> result, NoResult noResult) {
            String text = d.string("value");
            Map<String, TypeModel> parameters = source.parameters();
            if (text.isEmpty()) {
                Set<String> named = new LinkedHashSet<>();
                if (!key.isEmpty()) {
                    for (Placeholder p : KeyTemplate.parse(key).placeholders()) {
                        named.add(p.root());
                    }
                }
                Optional<String> defaulted =
                        ModelRules.defaultValue(result.isPresent(), List.copyOf(parameters.keySet()), named);
                if (defaulted.isEmpty()) {
                    String last = "param";
                    for (String name : parameters.keySet()) {
                        last = name;
                    }
                    problem(
                            "LarderValueDefault",
                            d,
                            "",
                            "@" + d.kind() + " cannot tell which value to store: the method returns nothing and "
                                    + parameters.size() + " parameters are not named by the key; set value, such as"
                                    + " value = \"{" + last + "}\"");
                    return null;
                }
                text = defaulted.get();
            }
            String value = template(d, "value", text, result, noResult);
            if (value != null && KeyTemplate.parse(value).usesTarget()) {
                problem(
                        "LarderValueTemplate",
                        d,
                        "value",
                        "@" + d.kind() + "(value = \"" + text + "\") cannot read {this}: the value stored is a"
                                + " parameter or the result; {this} may be used in the key only");
                return null;
            }
            if (value != null && !KeyTemplate.parse(value).isSingleValue()) {
                problem(
                        "LarderValueTemplate",
                        d,
                        "value",
                        "@" + d.kind() + "(value = \"" + text
                                + "\") must be a single placeholder such as {user} or {result}, without other text");
                return null;
            }
            return value;
        }

        private @Nullable String template(
                Declaration d, String attribute, String text, Optional<TypeModel> result, NoResult noResult) {
            return template(d, attribute, text, result, noResult, source.parameters(), source.target());
        }

        private @Nullable String template(
                Declaration d,
                String attribute,
                String text,
                Optional<TypeModel> result,
                NoResult noResult,
                Map<String, TypeModel> parameters,
                Target target) {
            KeyTemplate template;
            try {
                template = KeyTemplate.parse(text);
            } catch (IllegalArgumentException e) {
                problem(
                        "LarderKeyTemplate",
                        d,
                        attribute,
                        "@" + d.kind() + "(" + attribute + " = \"" + text + "\") is malformed: " + e.getMessage());
                return null;
            }
            List<String> errors = TemplateValidator.validate(template, parameters, result, noResult, target, site);
            String tag = template.usesResult() && result.isEmpty() ? "LarderNoResult" : "LarderKeyTemplate";
            for (String error : errors) {
                problems.add(new Problem(tag, d, attribute, error));
            }
            return errors.isEmpty() ? text : null;
        }

        /** The effective TTL, parsed: the annotation's, else the type's default; null when neither sets one. */
        private @Nullable Duration ttl(Declaration d) {
            String own = d.string("ttl");
            if (!own.isEmpty()) {
                return duration(d, "ttl", own);
            }
            String typeDefault = source.typeDefault("ttl");
            if (typeDefault.isEmpty()) {
                return null;
            }
            try {
                return Durations.parse(typeDefault);
            } catch (IllegalArgumentException e) {
                problem(
                        "LarderDuration",
                        null,
                        "",
                        "@CacheDefaults(ttl = \"" + typeDefault + "\") is not a duration: " + e.getMessage());
                return null;
            }
        }

        /** The effective TTL jitter as a fraction: the annotation's, else the type's default; null when neither sets one. */
        private @Nullable Double ttlJitter(Declaration d) {
            String own = d.string("ttlJitter");
            if (!own.isEmpty()) {
                try {
                    return TtlJitter.parse(own);
                } catch (IllegalArgumentException e) {
                    problem(
                            "LarderTtlJitter",
                            d,
                            "ttlJitter",
                            "@" + d.kind() + "(ttlJitter = \"" + own + "\") is not a TTL jitter: " + e.getMessage());
                    return null;
                }
            }
            String typeDefault = source.typeDefault("ttlJitter");
            if (typeDefault.isEmpty()) {
                return null;
            }
            try {
                return TtlJitter.parse(typeDefault);
            } catch (IllegalArgumentException e) {
                problem("LarderTtlJitter", null, "", ModelRules.defaultTtlJitter(typeDefault, e));
                return null;
            }
        }

        private @Nullable Duration duration(Declaration d, String attribute, String text) {
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                problem(
                        "LarderDuration",
                        d,
                        attribute,
                        "@" + d.kind() + "(" + attribute + " = \"" + text + "\") is not a duration: " + e.getMessage());
                return null;
            }
        }

        private String cacheName(Declaration d) {
            String defaultName = CacheNames.defaultName(
                    source.declaringTypeSimpleName(),
                    source.methodName(),
                    source.overloaded(),
                    source.parameterTypeNames());
            return CacheNames.effective(d.string("cache"), source.typeDefault("cache"), defaultName);
        }

        private boolean bool(Declaration d, String name) {
            String text = d.string(name);
            if (!text.equals("true") && !text.equals("false")) {
                problem(
                        "LarderAttribute",
                        d,
                        name,
                        "@" + d.kind() + "(" + name + " = " + text + ") must be true or false");
            }
            return Boolean.parseBoolean(text);
        }

        private int integer(Declaration d, String name) {
            try {
                return Integer.parseInt(d.string(name));
            } catch (NumberFormatException e) {
                problem(
                        "LarderAttribute",
                        d,
                        name,
                        "@" + d.kind() + "(" + name + " = " + d.string(name) + ") must be a whole number");
                return 0;
            }
        }

        private double decimal(Declaration d, String name) {
            try {
                return Double.parseDouble(d.string(name));
            } catch (NumberFormatException e) {
                problem(
                        "LarderAttribute",
                        d,
                        name,
                        "@" + d.kind() + "(" + name + " = " + d.string(name) + ") must be a number");
                return 0;
            }
        }

        private void report(String tag, Declaration d, String attribute, Optional<String> message) {
            if (message.isPresent()) {
                problem(tag, d, attribute, message.get());
            }
        }

        private void problem(String tag, @Nullable Declaration d, String attribute, String message) {
            problems.add(new Problem(tag, d, attribute, site + ": " + message));
        }
    }
}
