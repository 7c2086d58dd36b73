package dev.siyu.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this build, from {@code dev/siyu/cli/build.properties} (filled in by Maven).
 *
 * <p>Immutable and thread-safe.
 */
final class BuildInfo implements CommandLine.IVersionProvider {
    static final String VERSION = load();

    private static String load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("dev/siyu/cli/build.properties is missing from the jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"siyu " + VERSION};
    }
}
