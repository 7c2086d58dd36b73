package dev.siyu.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads NDJSON input one line at a time and decodes each line as strict UTF-8 on its own, so that
 * one line with invalid bytes is refused alone (never turned into U+FFFD, never ending the run).
 * A byte-order mark at the start of the input is skipped; a line may end in LF or CRLF.
 *
 * <p>Not thread-safe.
 */
final class Utf8Lines implements AutoCloseable {
    private static final int BOM_0 = 0xEF;
    private static final int BOM_1 = 0xBB;
    private static final int BOM_2 = 0xBF;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    private boolean first = true;
    private int number;

    /** One line of input: its text, or why it could not be decoded. */
    record Line(int number, String text, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    Utf8Lines(InputStream in) {
        this.in = in;
    }

    /** The next line, or {@code null} at the end of the input. */
    Line next() throws IOException {
        line.reset();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            line.write(b);
            b = in.read();
        }
        number++;
        byte[] bytes = line.toByteArray();
        int start = 0;
        if (first) {
            first = false;
            if (bytes.length >= 3 && (bytes[0] & 0xFF) == BOM_0 && (bytes[1] & 0xFF) == BOM_1 && (bytes[2] & 0xFF) == BOM_2) {
                start = 3;
            }
        }
        int end = bytes.length > start && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return new Line(number, decoder.decode(ByteBuffer.wrap(bytes, start, end - start)).toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, problem(e));
        }
    }

    /** What a line that is not strict UTF-8 is reported as. */
    static String problem(CharacterCodingException e) {
        return "not valid UTF-8 (" + e.getClass().getSimpleName() + "); the line was skipped";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
