package dev.siyu.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an {@code attributes} object whose values are strings, numbers or booleans into a map of
 * strings, keeping a number's literal text exactly ({@code 199.00} stays {@code "199.00"}).
 * Nested objects, arrays and nulls are refused.
 *
 * <p>Stateless and thread-safe.
 */
public final class ScalarMapDeserializer extends JsonDeserializer<Map<String, String>> {
    /** Jackson creates it from {@code @JsonDeserialize(using = …)}. */
    public ScalarMapDeserializer() {
    }


    @Override
    public Map<String, String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return ctxt.reportInputMismatch(this, "expected an object of text, number or boolean values, got %s",
                    describe(p.currentToken()));
        }
        Map<String, String> values = new TreeMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken token = p.nextToken();
            if (token == JsonToken.VALUE_STRING || token.isNumeric() || token.isBoolean()) {
                values.put(name, p.getText());
            } else {
                ctxt.reportInputMismatch(this, "attribute '%s' must be a text, number or boolean, got %s",
                        name, describe(token));
            }
        }
        return values;
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }
}
