package dev.siyu.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.siyu.Decision;
import dev.siyu.EvaluationRequest;
import dev.siyu.error.InputException;
import dev.siyu.error.SiyuException;
import dev.siyu.model.Customer;
import dev.siyu.model.TaskKind;
import dev.siyu.model.Tier;
import dev.siyu.model.Touchpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes the wire contract of CONTRACT.md: customers, touchpoints, evaluation requests,
 * decisions and scenario files. Unknown fields, wrong types and malformed values are refused with
 * an {@link InputException} that names the JSON path, line and column. Output is deterministic:
 * fields in contract order, map entries sorted by key, times with their offsets, money as decimal
 * strings.
 *
 * <p>Thread-safe.
 */
public final class SiyuJson {

    private static final ObjectMapper MAPPER = createMapper();

    private SiyuJson() {
    }

    private static ObjectMapper createMapper() {
        // Memory maps are keyed by event ids: canonicalizing every key as a field name would grow and
        // copy the parser's symbol table without end (measured: most of the parsing time).
        JsonFactory factory = JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();
        JsonMapper mapper = ModelMixIns.register(JsonMapper.builder(factory))
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .addModule(OffsetTimeCodec.module()) // after JavaTimeModule: the same text, without the formatter
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION) // errors must not echo the input (personal data)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .addMixIn(TaskKind.class, TaskKindMixIn.class)
                .addMixIn(Tier.class, TierMixIn.class)
                .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("siyu-custom-actions")
                        .addDeserializer(dev.siyu.action.CustomAction.class, new CustomActionDeserializer()))
                .build();
        for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
                LogicalType.Boolean, LogicalType.Enum, LogicalType.DateTime)) {
            for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString)) {
                mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
            }
        }
        // Dates, enums and text are read from strings; only the mismatching shapes fail.
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.DateTime).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        return mapper;
    }

    /** Task kinds are written and read as their names. */
    abstract static class TaskKindMixIn {
        @JsonCreator
        static TaskKind valueOf(String name) {
            throw new UnsupportedOperationException();
        }

        @JsonValue
        abstract String name();
    }

    /** Tiers are written and read as their names. */
    abstract static class TierMixIn {
        @JsonCreator
        static Tier valueOf(String name) {
            throw new UnsupportedOperationException();
        }

        @JsonValue
        abstract String name();
    }

    /** The configured Jackson mapper; use it only to read and write Siyu types. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static Customer readCustomer(String json) {
        return read(json, Customer.class);
    }

    public static Touchpoint readTouchpoint(String json) {
        return read(json, Touchpoint.class);
    }

    public static EvaluationRequest readRequest(String json) {
        return read(json, EvaluationRequest.class);
    }

    public static Decision readDecision(String json) {
        return read(json, Decision.class);
    }

    /** Reads any Siyu wire type, refusing unknown fields and wrong types with the JSON path. */
    public static <T> T read(String json, Class<T> type) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            try {
                return MAPPER.readValue(parser, type);
            } catch (JsonProcessingException e) {
                throw describe(e); // while the parser is open, so that the offending token is known
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a JSON tree, refusing malformed JSON with line and column. */
    public static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw describe(e);
        }
    }

    /** Reads a file of any Siyu wire type; problems name the file. */
    public static <T> T read(Path file, Class<T> type) {
        try {
            return read(Files.readString(file), type);
        } catch (InputException e) {
            throw e.inFile(file.toString());
        } catch (NoSuchFileException e) {
            throw new SiyuException("no such file: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** One line of compact, deterministic JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SiyuException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Indented, deterministic JSON. */
    public static String writePretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SiyuException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A Jackson failure as an {@link InputException} with path, line and column. */
    public static InputException describe(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        int line = location == null ? 0 : location.getLineNr();
        int column = location == null ? 0 : location.getColumnNr();
        if (!(e instanceof JsonMappingException mapping)) {
            return InputException.atJson("malformed JSON: " + withoutValues(e.getOriginalMessage()), "", line, column);
        }
        String path = path(mapping.getPath());
        String problem;
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted(Comparator.naturalOrder()).collect(Collectors.joining(", "));
            problem = "unknown field '" + unknown.getPropertyName() + "'" + (known.isEmpty() ? "" : " (known: " + known + ")");
            path = path(mapping.getPath().subList(0, mapping.getPath().size() - 1));
        } else if (e instanceof ValueInstantiationException instantiation) {
            Throwable cause = instantiation.getCause();
            if (cause instanceof NullPointerException && cause.getMessage() != null) {
                problem = "missing required field '" + cause.getMessage() + "'";
            } else {
                problem = cause == null || cause.getMessage() == null ? "invalid value" : cause.getMessage();
            }
        } else if (e instanceof InvalidFormatException format) {
            problem = "invalid value (" + shape(format.getValue()) + "), expected " + expected(format.getTargetType());
        } else if (mapping.getOriginalMessage().startsWith("Trailing token")) {
            problem = "trailing content after the JSON value";
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() == dev.siyu.action.CustomAction.class) {
            problem = mismatch.getOriginalMessage(); // CustomActionDeserializer's own words, which echo no value
        } else if (e instanceof MismatchedInputException mismatch) {
            problem = wrongType(mismatch);
        } else {
            problem = withoutValues(mapping.getOriginalMessage());
        }
        return InputException.atJson(problem, path, line, column);
    }

    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("'null'", "'true'", "'false'");

    /** The first line of a parser message with every quoted token cut out: input may hold personal data. */
    static String withoutValues(String message) {
        String first = message == null ? "" : message.lines().findFirst().orElse("");
        if (first.startsWith("Duplicate field")) {
            return first; // a field name is part of the schema, not of the data
        }
        int marker = first.indexOf(" (start marker");
        if (marker >= 0) {
            first = first.substring(0, marker);
        }
        first = QUOTED.matcher(first).replaceAll(m -> KEYWORDS.contains(m.group()) ? m.group() : "…");
        return first.isBlank() ? "invalid value" : first;
    }

    /** What a refused value looked like, without repeating it. */
    private static String shape(Object value) {
        if (value instanceof CharSequence text) {
            return "a text of " + text.length() + " characters";
        }
        if (value instanceof Number) {
            return "a number";
        }
        return value == null ? "nothing" : "a " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static String wrongType(MismatchedInputException mismatch) {
        String original = mismatch.getOriginalMessage().lines().findFirst().orElse("");
        Class<?> target = mismatch.getTargetType();
        if (target == null || original.startsWith("expected") || original.startsWith("attribute")) {
            return original;
        }
        JsonToken token = mismatch.getProcessor() instanceof JsonParser parser ? parser.currentToken() : null;
        if (token == null) {
            return "missing value, expected " + expected(target);
        }
        return "wrong type, expected " + expected(target) + ", got " + ScalarMapDeserializer.describe(token);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type == OffsetDateTime.class) {
            return "an ISO-8601 time with offset such as 2026-03-02T10:00:00+08:00";
        }
        if (ZoneId.class.isAssignableFrom(type)) {
            return "a time-zone id such as Asia/Shanghai";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == Tier.class) {
            return "a tier name: one of " + java.util.Arrays.toString(Tier.values()) + " or one a pack declares";
        }
        if (type == TaskKind.class) {
            return "a task kind name: one of " + java.util.Arrays.toString(TaskKind.values()) + " or one a pack declares";
        }
        if (type == String.class) {
            return "a text";
        }
        if (type == dev.siyu.model.Money.class) {
            return "a decimal amount such as 199.00";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object (" + type.getSimpleName() + ")";
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
