package dev.siyu.runtime;

import dev.siyu.EvaluationRequest;
import dev.siyu.error.InputException;
import dev.siyu.error.SiyuException;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An NDJSON event file in the shape of {@code siyu simulate}'s input (one
 * {@code {"customer": {…}, "events": [...]}} per line), flattened into one timeline, and its replay
 * into a runtime on a manual clock: {@code siyu run}.
 *
 * <p>Immutable and thread-safe; {@link #replay} is not meant to run twice at once on one runtime.
 */
public final class EventFile {

    /** One event of the timeline with the profile of its customer. */
    public record Entry(Customer customer, Touchpoint event) {
        public Entry {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(event, "event");
        }
    }

    /** What a replay did. */
    public record Summary(long stored, long duplicates, long rejected, long afterUntil) { }

    private final List<Entry> timeline;

    private EventFile(List<Entry> timeline) {
        this.timeline = List.copyOf(timeline);
    }

    /**
     * Reads the file; a line that is not a valid request is an {@link InputException} naming the file
     * and line (nothing is replayed from a file with a bad line).
     */
    public static EventFile read(Path file) {
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                EvaluationRequest request;
                try {
                    request = SiyuJson.readRequest(line);
                } catch (InputException e) {
                    throw e.onLine(number).inFile(file.toString());
                }
                for (Touchpoint event : request.events()) {
                    entries.add(new Entry(request.customer(), event));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        entries.sort(Comparator.comparing((Entry e) -> e.event().at().toInstant())); // stable: file order on ties
        return new EventFile(entries);
    }

    /** The events in time order (file order for equal times). */
    public List<Entry> timeline() {
        return timeline;
    }

    /** The time of the first event, if there is one. */
    public java.util.Optional<Instant> start() {
        return timeline.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(timeline.get(0).event().at().toInstant());
    }

    /**
     * Replays the timeline into a runtime on a manual clock: moves the clock to each event's time
     * (running what falls due on the way), stores the customer's profile before its first event and
     * ingests the event, then moves the clock on to {@code until}. Run again on the same database
     * after a crash, it resumes: stored events are duplicates, delivered tasks are not handed over
     * again.
     */
    public Summary replay(SiyuRuntime runtime, Instant until) {
        long stored = 0;
        long duplicates = 0;
        long rejected = 0;
        long afterUntil = 0;
        Set<String> known = new HashSet<>();
        for (Entry entry : timeline) {
            Instant at = entry.event().at().toInstant();
            if (at.isAfter(until)) {
                afterUntil++;
                continue;
            }
            if (at.isAfter(runtime.now().toInstant())) {
                runtime.advanceTo(at);
            }
            if (known.add(entry.customer().id())) {
                runtime.addCustomer(entry.customer());
            }
            try {
                if (runtime.ingest(entry.customer().id(), entry.event()) == Ingested.STORED) {
                    stored++;
                } else {
                    duplicates++;
                }
            } catch (InputException e) {
                rejected++;
            } catch (SiyuException e) {
                throw new SiyuException("event " + entry.event().id() + " of customer " + entry.customer().id()
                        + ": " + e.getMessage(), e);
            }
        }
        runtime.advanceTo(until);
        return new Summary(stored, duplicates, rejected, afterUntil);
    }
}
