package dev.siyu.json;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.ser.OffsetDateTimeSerializer;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times with offset written and read exactly as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} writes
 * and reads them, without the formatter for the usual shape ({@code 2026-03-02T10:00:00+08:00}, years
 * 0000–9999, an optional fraction of 1–9 digits, {@code Z}, {@code ±HH:MM} or {@code ±HH:MM:SS}): the formatter was most
 * of the cost of writing a decision. Every other text, valid or not, goes to Jackson's own
 * deserializer, so values and error messages are unchanged.
 *
 * <p>Stateless and thread-safe.
 */
final class OffsetTimeCodec {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;
    /** {@code 9999-12-31T23:59:59.999999999-17:59:59}. */
    static final int MAX_LENGTH = 38;

    private OffsetTimeCodec() {
    }

    /** A module with the writer and the reader; register it after Jackson's {@code JavaTimeModule}. */
    static SimpleModule module() {
        SimpleModule module = new SimpleModule("siyu-offset-time");
        module.addSerializer(OffsetDateTime.class, new Writer());
        module.addDeserializer(OffsetDateTime.class, new Reader(InstantDeserializer.OFFSET_DATE_TIME));
        return module;
    }

    /** {@code ISO_OFFSET_DATE_TIME.format(time)}. */
    static String format(OffsetDateTime time) {
        char[] out = new char[MAX_LENGTH];
        int n = format(time, out);
        return n < 0 ? ISO.format(time) : new String(out, 0, n);
    }

    /** Writes {@code time} into {@code out} ({@value #MAX_LENGTH} chars at least); -1 when the year needs the formatter. */
    static int format(OffsetDateTime time, char[] out) {
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            return -1;
        }
        digits4(out, 0, year);
        out[4] = '-';
        digits2(out, 5, time.getMonthValue());
        out[7] = '-';
        digits2(out, 8, time.getDayOfMonth());
        out[10] = 'T';
        digits2(out, 11, time.getHour());
        out[13] = ':';
        digits2(out, 14, time.getMinute());
        out[16] = ':';
        digits2(out, 17, time.getSecond());
        int n = 19;
        int nano = time.getNano();
        if (nano != 0) {
            out[n++] = '.';
            int width = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                width--;
            }
            for (int i = n + width - 1; i >= n; i--) {
                out[i] = (char) ('0' + nano % 10);
                nano /= 10;
            }
            n += width;
        }
        int total = time.getOffset().getTotalSeconds();
        if (total == 0) {
            out[n++] = 'Z';
            return n;
        }
        out[n++] = total < 0 ? '-' : '+';
        int abs = Math.abs(total);
        digits2(out, n, abs / 3600);
        out[n + 2] = ':';
        digits2(out, n + 3, abs / 60 % 60);
        n += 5;
        if (abs % 60 != 0) {
            out[n] = ':';
            digits2(out, n + 1, abs % 60);
            n += 3;
        }
        return n;
    }

    /**
     * The time of {@code text} when it has the usual shape and is valid, as
     * {@code OffsetDateTime.parse(text)} would give it; {@code null} for anything else.
     */
    static OffsetDateTime parse(String text) {
        int length = text.length();
        if (length < 20 || length > MAX_LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int i = 19;
        int nano = 0;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < length && i - start < 10 && isDigit(text.charAt(i))) {
                nano = nano * 10 + text.charAt(i) - '0';
                i++;
            }
            int width = i - start;
            if (width < 1 || width > 9) {
                return null;
            }
            for (int w = width; w < 9; w++) {
                nano *= 10;
            }
        }
        if (i >= length) {
            return null;
        }
        ZoneOffset offset;
        char sign = text.charAt(i);
        if (sign == 'Z' && i + 1 == length) {
            offset = ZoneOffset.UTC;
        } else if ((sign == '+' || sign == '-') && (i + 6 == length || i + 9 == length && text.charAt(i + 6) == ':')
                && text.charAt(i + 3) == ':') {
            int hours = number(text, i + 1, 2);
            int minutes = number(text, i + 4, 2);
            int seconds = i + 9 == length ? number(text, i + 7, 2) : 0;
            if ((hours | minutes | seconds) < 0 || minutes > 59 || seconds > 59) {
                return null;
            }
            int total = hours * 3600 + minutes * 60 + seconds;
            if (total > MAX_OFFSET_SECONDS) {
                return null;
            }
            offset = ZoneOffset.ofTotalSeconds(sign == '-' ? -total : total);
        } else {
            return null;
        }
        if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        try {
            return OffsetDateTime.of(LocalDateTime.of(LocalDate.of(year, month, day), LocalTime.of(hour, minute, second, nano)),
                    offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The decimal number of {@code width} digits at {@code start}, or -1. */
    private static int number(String text, int start, int width) {
        int value = 0;
        for (int i = start; i < start + width; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    private static void digits2(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }

    private static void digits4(char[] out, int at, int value) {
        digits2(out, at, value / 100);
        digits2(out, at + 2, value % 100);
    }

    /** Writes as the formatter would; timestamps (when a caller enables them) by Jackson's own serializer. */
    static final class Writer extends StdSerializer<OffsetDateTime> {
        private static final long serialVersionUID = 1L;

        Writer() {
            super(OffsetDateTime.class);
        }

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
                OffsetDateTimeSerializer.INSTANCE.serialize(value, gen, provider);
                return;
            }
            char[] out = new char[MAX_LENGTH];
            int n = format(value, out);
            if (n < 0) {
                gen.writeString(ISO.format(value));
            } else {
                gen.writeString(out, 0, n);
            }
        }
    }

    /** Reads the usual shape directly, anything else through Jackson's deserializer (its values, its errors). */
    static final class Reader extends JsonDeserializer<OffsetDateTime> implements ContextualDeserializer {
        private final JsonDeserializer<OffsetDateTime> delegate;

        Reader(JsonDeserializer<OffsetDateTime> delegate) {
            this.delegate = delegate;
        }

        @Override
        public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING) && !ctxt.isEnabled(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)) {
                OffsetDateTime fast = parse(p.getText());
                if (fast != null) {
                    return fast;
                }
            }
            return delegate.deserialize(p, ctxt);
        }

        @Override
        @SuppressWarnings("unchecked")
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) throws JsonMappingException {
            JsonDeserializer<?> contextual = delegate instanceof ContextualDeserializer c ? c.createContextual(ctxt, property) : delegate;
            JsonFormat.Value format = property == null ? null : property.findPropertyFormat(ctxt.getConfig(), OffsetDateTime.class);
            if (format != null && (format.hasPattern() || format.hasTimeZone() || format.hasLocale() || format.hasLenient()
                    || format.getFeature(JsonFormat.Feature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE) != null)) {
                return contextual; // a property with its own format (none in Siyu's types) is read by Jackson alone
            }
            return new Reader((JsonDeserializer<OffsetDateTime>) contextual);
        }

        @Override
        public LogicalType logicalType() {
            return delegate.logicalType();
        }

        @Override
        public Class<?> handledType() {
            return OffsetDateTime.class;
        }

        @Override
        public OffsetDateTime getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return delegate.getNullValue(ctxt);
        }
    }
}
