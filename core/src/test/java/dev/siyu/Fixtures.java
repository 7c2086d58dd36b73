package dev.siyu;

import dev.siyu.pack.RulePack;
import dev.siyu.pack.RuleResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;

/** Rule fixtures from {@code src/test/resources/fixtures} and time helpers for tests. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A pack of the named fixture files. */
    public static RulePack pack(String... files) {
        return RulePack.of("fixtures", java.util.Arrays.stream(files).map(Fixtures::resource).toList());
    }

    private static RuleResource resource(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            return new RuleResource(file, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 2026-03-02T10:00} in Shanghai time. */
    public static OffsetDateTime at(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + (localDateTime.length() == 16 ? ":00" : "") + "+08:00");
    }

    public static List<String> scripts(Decision decision) {
        return decision.tasks().stream().map(dev.siyu.action.Task::script).toList();
    }
}
