package dev.siyu.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts NDJSON input into chunks of whole lines, as raw bytes with their line numbers, in one pass and
 * without decoding: decoding (strict UTF-8, each line on its own) happens in the thread that takes
 * the chunk, with {@link Chunk#decode}. Lines are the lines of {@link Utf8Lines}: a byte-order mark
 * at the start of the input is skipped, a line may end in LF or CRLF, a last line needs no LF.
 *
 * <p>Not thread-safe: one reading thread. A {@link Chunk} is immutable once returned.
 */
final class LineChunks implements AutoCloseable {
    private final InputStream in;
    private final byte[] block = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean end;
    private boolean first = true;
    private int number;
    private long bytesRead;

    LineChunks(InputStream in) {
        this.in = in;
    }

    /** Bytes consumed so far, for progress. */
    long bytesRead() {
        return bytesRead;
    }

    /** Up to {@code maxLines} next lines, or {@code null} at the end of the input. */
    Chunk next(int maxLines) throws IOException {
        byte[] data = new byte[1 << 14];
        int size = 0;
        int[] starts = new int[Math.min(maxLines, 1024)];
        int[] ends = new int[starts.length];
        int count = 0;
        int firstNumber = number + 1;
        while (count < maxLines) {
            if (position == limit && !fill()) {
                break;
            }
            int lineStart = size;
            boolean newline = false;
            while (!newline) {
                if (position == limit && !fill()) {
                    break;
                }
                int from = position;
                int at = from;
                while (at < limit && block[at] != '\n') {
                    at++;
                }
                int length = at - from;
                if (size + length > data.length) {
                    data = Arrays.copyOf(data, Math.max(data.length * 2, size + length));
                }
                System.arraycopy(block, from, data, size, length);
                size += length;
                position = at;
                if (at < limit) {
                    position++;
                    newline = true;
                }
            }
            number++;
            int start = lineStart;
            if (first) {
                first = false;
                if (size - start >= 3 && (data[start] & 0xFF) == 0xEF && (data[start + 1] & 0xFF) == 0xBB
                        && (data[start + 2] & 0xFF) == 0xBF) {
                    start += 3;
                }
            }
            int stop = size > start && data[size - 1] == '\r' ? size - 1 : size;
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            starts[count] = start;
            ends[count] = stop;
            count++;
        }
        return count == 0 ? null : new Chunk(data, starts, ends, count, firstNumber);
    }

    private boolean fill() throws IOException {
        if (end) {
            return false;
        }
        int n = in.read(block);
        while (n == 0) {
            n = in.read(block);
        }
        if (n < 0) {
            end = true;
            position = 0;
            limit = 0;
            return false;
        }
        bytesRead += n;
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Whole lines of input as bytes; line {@code i} of the chunk is line {@code firstNumber + i} of the input. */
    static final class Chunk {
        private static final ThreadLocal<CharsetDecoder> DECODER = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
                .newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));

        private final byte[] data;
        private final int[] starts;
        private final int[] ends;
        private final int count;
        private final int firstNumber;

        private Chunk(byte[] data, int[] starts, int[] ends, int count, int firstNumber) {
            this.data = data;
            this.starts = starts;
            this.ends = ends;
            this.count = count;
            this.firstNumber = firstNumber;
        }

        int size() {
            return count;
        }

        int lineNumber(int i) {
            return firstNumber + i;
        }

        /** Line {@code i} decoded as strict UTF-8, as {@link Utf8Lines} decodes it (same text, same problem). */
        Utf8Lines.Line decode(int i) {
            int start = starts[i];
            int length = ends[i] - start;
            // The JDK's own decoding is the fast one; it replaces bad bytes by U+FFFD, so a line without
            // U+FFFD in its text had none. A line with one (bad bytes, or a real U+FFFD) is decoded strictly.
            String fast = new String(data, start, length, StandardCharsets.UTF_8);
            if (fast.indexOf('\uFFFD') < 0) {
                return new Utf8Lines.Line(lineNumber(i), fast, null);
            }
            try {
                CharsetDecoder decoder = DECODER.get();
                CharBuffer text = decoder.decode(ByteBuffer.wrap(data, start, length));
                return new Utf8Lines.Line(lineNumber(i), text.toString(), null);
            } catch (CharacterCodingException e) {
                return new Utf8Lines.Line(lineNumber(i), null, Utf8Lines.problem(e));
            }
        }
    }
}
