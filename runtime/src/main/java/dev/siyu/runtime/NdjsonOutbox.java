package dev.siyu.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siyu.error.SiyuException;
import dev.siyu.json.SiyuJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link TaskSender} and {@link AlertSink} that appends each delivered task and alert as one NDJSON
 * line ({@code {"action":{…},"customerId":"…","key":"…"}}) to a file, and deduplicates on
 * (customer, key) as a host should: a line already in the file is not written again, so a task the
 * runtime hands over twice (a crash between sending and recording) appears once. Each line is
 * forced to disk before {@code send} returns; a line cut short by a crash is removed when the file
 * is opened again.
 *
 * <p>Thread-safe.
 */
public final class NdjsonOutbox implements TaskSender, AlertSink, AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final Set<String> written = new HashSet<>();
    private long lines;

    private NdjsonOutbox(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (or creates) the outbox file, reading the keys already in it. */
    public static NdjsonOutbox open(Path file) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            NdjsonOutbox outbox = new NdjsonOutbox(file, channel);
            outbox.recover();
            return outbox;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the outbox file " + file, e);
        }
    }

    private void recover() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--; // a line the last run did not finish
        }
        if (end < bytes.length) {
            channel.truncate(end);
            channel.force(true);
        }
        List<String> existing = new String(bytes, 0, end, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < existing.size(); i++) {
            if (existing.get(i).isBlank()) {
                continue;
            }
            JsonNode line;
            try {
                line = SiyuJson.readTree(existing.get(i));
            } catch (RuntimeException e) {
                throw new SiyuException(file + ":" + (i + 1) + ": not an outbox line: " + e.getMessage(), e);
            }
            written.add(id(line.path("customerId").asText(), line.path("key").asText()));
            lines++;
        }
        channel.position(end);
    }

    private static String id(String customerId, String key) {
        return customerId + '\u0000' + key;
    }

    @Override
    public void send(DueTask task) throws IOException {
        append(task.customerId(), task.key(), task.task());
    }

    @Override
    public void raise(RaisedAlert alert) throws IOException {
        append(alert.customerId(), alert.key(), alert.alert());
    }

    private synchronized void append(String customerId, String key, Object action) throws IOException {
        if (!written.add(id(customerId, key))) {
            return; // handed over again after a crash: already the host's
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("customerId", customerId);
        line.put("key", key);
        line.put("action", action);
        ByteBuffer buffer = ByteBuffer.wrap((SiyuJson.write(line) + "\n").getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
        lines++;
    }

    /** How many lines the file holds. */
    public synchronized long lines() {
        return lines;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the outbox file " + file, e);
        }
    }
}
