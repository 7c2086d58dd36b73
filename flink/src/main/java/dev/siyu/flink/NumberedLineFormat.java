package dev.siyu.flink;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a UTF-8 text file line by line, numbering the lines from 1. A {@link SimpleStreamFormat}
 * restores by reading the file from its start and skipping the records already emitted, so the
 * numbers stay right after a restart from a checkpoint. Not splittable: one reader per file.
 *
 * <p>Immutable and thread-safe; each reader it creates is not thread-safe.
 */
public final class NumberedLineFormat extends SimpleStreamFormat<NumberedLine> {
    private static final long serialVersionUID = 1L;

    @Override
    public StreamFormat.Reader<NumberedLine> createReader(Configuration config, FSDataInputStream stream) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        return new StreamFormat.Reader<>() {
            private long line;

            @Override
            public NumberedLine read() throws IOException {
                String text = reader.readLine();
                if (text == null) {
                    return null;
                }
                line++;
                return new NumberedLine(line, text);
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    @Override
    public TypeInformation<NumberedLine> getProducedType() {
        return TypeInformation.of(NumberedLine.class);
    }
}
