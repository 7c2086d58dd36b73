package dev.siyu.wecom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The WeCom documentation's examples (test resources under dev/siyu/wecom/doc) and WeCom's crypto sample. */
final class DocExamples {
    /** WeCom's published crypto sample: token, EncodingAESKey and corp id. */
    static final String TOKEN = "QDG6eK";
    static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String CORP_ID = "wx5823bf96d3bd56c7";
    /** The examples' CreateTime, 2014-06-24T11:48:33Z. */
    static final long CREATED = 1403610513L;

    private DocExamples() {
    }

    /** A documentation example, with the placeholder {@code toUser} replaced by {@link #CORP_ID}. */
    static String xml(String name) {
        try (InputStream in = DocExamples.class.getResourceAsStream("doc/" + name + ".xml")) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("<![CDATA[toUser]]>", "<![CDATA[" + CORP_ID + "]]>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WeComConfig config() {
        return WeComConfig.of(TOKEN, AES_KEY, CORP_ID);
    }

    static Clock clockAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }
}
