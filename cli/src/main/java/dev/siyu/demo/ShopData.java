package dev.siyu.demo;

import dev.siyu.EvaluationRequest;
import dev.siyu.error.InputException;
import dev.siyu.json.SiyuJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes shops as NDJSON (one {@code {"customer": …, "events": […]}} per line), gzip-ed
 * when the file name ends with {@code .gz}. The bundled sample is {@code /sample/shop.ndjson.gz}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ShopData {
    /** The class-path resource of the bundled sample shop. */
    public static final String SAMPLE = "/sample/shop.ndjson.gz";

    private ShopData() {
    }

    /** The bundled sample shop ({@link ShopGenerator#sample()}). */
    public static List<EvaluationRequest> sample() {
        try (InputStream in = ShopData.class.getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("the sample shop " + SAMPLE + " is missing from the jar");
            }
            return read(new GZIPInputStream(in), SAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<EvaluationRequest> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<EvaluationRequest> read(InputStream in, String name) throws IOException {
        List<EvaluationRequest> shop = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int line = 0;
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            line++;
            if (!text.isBlank()) {
                try {
                    shop.add(SiyuJson.readRequest(text));
                } catch (InputException e) {
                    throw e.onLine(line).inFile(name);
                }
            }
        }
        return shop;
    }

    public static void write(List<EvaluationRequest> shop, Path file) {
        try (OutputStream out = Files.newOutputStream(file);
             Writer writer = new OutputStreamWriter(file.toString().endsWith(".gz") ? new GZIPOutputStream(out) : out,
                     StandardCharsets.UTF_8)) {
            for (EvaluationRequest request : shop) {
                writer.write(SiyuJson.write(request));
                writer.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
