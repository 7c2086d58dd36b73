package dev.siyu.json;

import dev.siyu.error.InputException;
import dev.siyu.model.Touchpoint;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written time codec writes and reads exactly what java.time's ISO_OFFSET_DATE_TIME does. */
class OffsetTimeCodecTest {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** Random times over many years, with every kind of offset (negative, with seconds, zero) and fraction. */
    private static List<OffsetDateTime> samples() {
        SplittableRandom random = new SplittableRandom(16);
        int[] nanos = {0, 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 120_000_000,
                123_456_789, 999_999_999, 500_000_000, 450};
        int[] offsets = {0, 8 * 3600, -5 * 3600, 5 * 3600 + 1800, -(3 * 3600 + 1800), -1800, 1800, 18 * 3600, -18 * 3600,
                5 * 3600 + 30 * 60 + 15, -(45 * 60 + 5), 1, -1, 13 * 3600 + 45 * 60, -12 * 3600};
        List<OffsetDateTime> samples = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            int year = i % 10 == 0 ? random.nextInt(0, 10_000) : random.nextInt(1990, 2100);
            LocalDateTime local = LocalDateTime.of(year, 1, 1, 0, 0).plusSeconds(random.nextLong(0, 366L * 24 * 3600));
            int nano = i % 3 == 0 ? random.nextInt(0, 1_000_000_000) : nanos[random.nextInt(nanos.length)];
            int offset = i % 4 == 0 ? random.nextInt(-18 * 3600, 18 * 3600 + 1) : offsets[random.nextInt(offsets.length)];
            samples.add(OffsetDateTime.of(local.withNano(nano), ZoneOffset.ofTotalSeconds(offset)));
        }
        samples.add(OffsetDateTime.parse("2026-03-02T10:00:00+08:00"));
        samples.add(OffsetDateTime.parse("2024-02-29T23:59:59.999999999-00:30"));
        samples.add(OffsetDateTime.parse("0000-01-01T00:00:00Z"));
        samples.add(OffsetDateTime.parse("9999-12-31T23:59:59.1+18:00"));
        return samples;
    }

    @Test
    void writesWhatTheJavaTimeFormatterWrites() {
        for (OffsetDateTime time : samples()) {
            assertThat(OffsetTimeCodec.format(time)).as("%s", time).isEqualTo(ISO.format(time));
        }
    }

    @Test
    void yearsBeyondFourDigitsAreWrittenByTheFormatter() {
        for (String text : List.of("+10000-01-01T00:00:00Z", "-0001-06-01T12:30:00+08:00", "+999999999-12-31T23:59:59Z")) {
            OffsetDateTime time = OffsetDateTime.parse(text);
            assertThat(OffsetTimeCodec.format(time)).isEqualTo(ISO.format(time)).isEqualTo(text);
        }
    }

    @Test
    void readsWhatTheJavaTimeParserReads() {
        for (OffsetDateTime time : samples()) {
            String text = ISO.format(time);
            OffsetDateTime read = OffsetTimeCodec.parse(text);
            // the time, the offset and the text written back are all the same
            assertThat(read).as(text).isEqualTo(OffsetDateTime.parse(text));
            assertThat(OffsetTimeCodec.format(read)).isEqualTo(text);
        }
    }

    @Test
    void throughTheMapperTimesComeBackAsTheyWereWritten() {
        for (OffsetDateTime time : samples().subList(0, 2_000)) {
            String json = SiyuJson.write(Touchpoint.of("e1", "MESSAGE_RECEIVED", time));
            assertThat(json).contains("\"at\":\"" + ISO.format(time) + "\"");
            assertThat(SiyuJson.readTouchpoint(json).at()).isEqualTo(time);
        }
    }

    @Test
    void leavesOtherShapesToJackson() {
        // valid for java.time but not the usual shape: Jackson's reader takes them and gives the same value
        for (String text : List.of("2026-03-02T10:00+08:00", "2026-03-02t10:00:00+08:00", "2026-03-02T10:00:00z",
                " 2026-03-02T10:00:00+08:00", "2026-03-02T10:00:00.+08:00",
                "+12026-03-02T10:00:00+08:00")) {
            assertThat(OffsetTimeCodec.parse(text)).as(text).isNull();
        }
        assertThat(SiyuJson.readTouchpoint("{\"id\":\"e1\",\"type\":\"MESSAGE_RECEIVED\",\"at\":\"2026-03-02T10:00+08:00\"}").at())
                .isEqualTo(OffsetDateTime.parse("2026-03-02T10:00:00+08:00"));
    }

    @Test
    void refusesInvalidTimesAsJavaTimeDoes() {
        for (String text : List.of("2026-02-29T10:00:00+08:00", "2026-04-31T10:00:00+08:00", "2026-13-01T10:00:00+08:00",
                "2026-03-02T24:00:00+08:00", "2026-03-02T23:60:00+08:00", "2026-03-02T23:59:60+08:00",
                "2026-03-02T10:00:00+19:00", "2026-03-02T10:00:00+18:01", "2026-03-02T10:00:00.1234567891+08:00",
                "2026-00-10T10:00:00Z", "2026-03-00T10:00:00Z", "2026-03-02T10:00:00+08:60", "2026-03-02T10:00:00+08:00:60", "2026-03-02T10:00:00")) {
            assertThat(OffsetTimeCodec.parse(text)).as(text).isNull();
            assertThatThrownBy(() -> OffsetDateTime.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> SiyuJson.readTouchpoint("{\"id\":\"e1\",\"type\":\"MESSAGE_RECEIVED\",\"at\":\"" + text + "\"}"))
                    .as(text).isInstanceOf(InputException.class)
                    .hasMessageContaining("$.at").hasMessageContaining("expected an ISO-8601 time with offset");
        }
    }

    @Test
    void writingDoesNotDependOnTheLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            OffsetDateTime time = OffsetDateTime.parse("2026-11-30T21:05:09.5-03:30");
            assertThat(OffsetTimeCodec.format(time)).isEqualTo("2026-11-30T21:05:09.5-03:30");
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));
            assertThat(OffsetTimeCodec.format(time)).isEqualTo("2026-11-30T21:05:09.5-03:30");
        } finally {
            Locale.setDefault(before);
        }
    }
}
