package dev.siyu.flink;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.siyu.json.SiyuJson;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Finds the key and the event time of each input line without binding it: the customer id
 * ({@code $.customer.id}) and the earliest of {@code $.customer.addedAt} and {@code $.events[*].at},
 * in one pass over the tokens. Blank lines are skipped; a line without a customer id (or not JSON at
 * all) goes to the refused side output with its line number. The full check of the line (unknown
 * fields, types, required fields) happens where it is evaluated, in {@link CustomerFunction}.
 *
 * <p>Not thread-safe (Flink runs one instance per subtask).
 */
public final class LineKeys extends ProcessFunction<NumberedLine, InputLine> {
    private static final long serialVersionUID = 1L;

    private final OutputTag<Emitted> refused;

    public LineKeys(OutputTag<Emitted> refused) {
        this.refused = refused;
    }

    @Override
    public void processElement(NumberedLine value, Context ctx, Collector<InputLine> out) {
        if (value.text().isBlank()) {
            return;
        }
        try {
            Scan scan = scan(value.text());
            if (scan.customerId == null || scan.customerId.isBlank()) {
                ctx.output(refused, Refusals.refused(value.line(), Optional.empty(), Optional.empty(),
                        where(value) + "missing required field 'id' at $.customer", value.text(), 0));
                return;
            }
            out.collect(new InputLine(scan.customerId, value.line(), value.text(), scan.earliest));
        } catch (IOException e) {
            ctx.output(refused, Refusals.refused(value.line(), Optional.empty(), Optional.empty(),
                    where(value) + "malformed JSON: " + firstLine(
                            e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()), value.text(), 0));
        }
    }

    private static String where(NumberedLine value) {
        return value.line() > 0 ? "line " + value.line() + ": " : "";
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** What one pass over the tokens found. */
    static final class Scan {
        String customerId;
        long earliest = Long.MIN_VALUE;

        void time(String text) {
            try {
                long millis = OffsetDateTime.parse(text).toInstant().toEpochMilli();
                if (earliest == Long.MIN_VALUE || millis < earliest) {
                    earliest = millis;
                }
            } catch (DateTimeParseException e) {
                // refused with its path when the line is bound
            }
        }
    }

    /** The customer id and the earliest time of one line; throws on malformed JSON. */
    static Scan scan(String text) throws IOException {
        Scan scan = new Scan();
        try (JsonParser parser = SiyuJson.mapper().getFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected an object {\"customer\": …, \"events\": […]}");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("customer".equals(field) && value == JsonToken.START_OBJECT) {
                    customer(parser, scan);
                } else if ("events".equals(field) && value == JsonToken.START_ARRAY) {
                    for (JsonToken item = parser.nextToken(); item != null && item != JsonToken.END_ARRAY;
                         item = parser.nextToken()) {
                        if (item == JsonToken.START_OBJECT) {
                            event(parser, scan);
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new IOException("unexpected " + token);
            }
        }
        return scan;
    }

    private static void customer(JsonParser parser, Scan scan) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("id".equals(field) && value == JsonToken.VALUE_STRING) {
                scan.customerId = parser.getText();
            } else if ("addedAt".equals(field) && value == JsonToken.VALUE_STRING) {
                scan.time(parser.getText());
            } else {
                parser.skipChildren();
            }
        }
    }

    private static void event(JsonParser parser, Scan scan) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("at".equals(field) && value == JsonToken.VALUE_STRING) {
                scan.time(parser.getText());
            } else {
                parser.skipChildren();
            }
        }
    }
}
