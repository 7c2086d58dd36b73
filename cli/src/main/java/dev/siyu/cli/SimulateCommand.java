package dev.siyu.cli;

import dev.siyu.Decision;
import dev.siyu.EvaluationRequest;
import dev.siyu.SiyuEngine;
import dev.siyu.action.Action;
import dev.siyu.action.CancelTask;
import dev.siyu.action.Task;
import dev.siyu.demo.ShopData;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import dev.siyu.model.Touchpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code siyu simulate}: a replay of any shop file, or one customer's timeline. */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Replays a shop file (NDJSON of {\"customer\": …, \"events\": […]} lines) day by day from "
                + "--from to --to, like the demo. With --customer: that customer's timeline from the day they were "
                + "added (or --from), over --days days, in time order.")
final class SimulateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "the shop (NDJSON, .gz accepted)")
    Path in;

    @Option(names = "--from", paramLabel = "DATE", description = "first day (default: the day of the first event)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "last day (default: the day of the last event)")
    LocalDate to;

    @Option(names = "--customer", paramLabel = "ID", description = "show one customer's timeline instead")
    String customerId;

    @Option(names = "--days", defaultValue = "30", paramLabel = "N", description = "timeline length in days (default: ${DEFAULT-VALUE})")
    int days;

    @CommandLine.Mixin
    RulesOption rules;

    @Option(names = "--report", paramLabel = "FILE", description = "write the HTML report there")
    Path report;

    @Option(names = "--state", paramLabel = "FILE", description = "write the final customer states (NDJSON)")
    Path state;

    @Override
    public Integer call() {
        InputFile.require(spec, "--in", in, InputFile.SHOP, java.util.EnumSet.of(InputFile.Kind.REQUESTS));
        InputFile.requirePeriod(spec, from, to);
        if (days < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--days must be 1 or more, got " + days);
        }
        Optional<SiyuEngine> built = rules.engine(spec);
        if (built.isEmpty()) {
            return 1;
        }
        SiyuEngine engine = built.get();
        List<EvaluationRequest> shop = ShopData.read(in);
        if (shop.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no customer in " + in + " (expected " + InputFile.SHOP + ")");
        }
        LocalDate first = shop.stream().flatMap(r -> r.events().stream()).map(e -> e.at().atZoneSameInstant(Simulation.ZONE).toLocalDate())
                .min(LocalDate::compareTo).orElse(from != null ? from : LocalDate.of(2026, 1, 1));
        LocalDate last = shop.stream().flatMap(r -> r.events().stream()).map(e -> e.at().atZoneSameInstant(Simulation.ZONE).toLocalDate())
                .max(LocalDate::compareTo).orElse(first);
        LocalDate start = from != null ? from : first;
        if (customerId != null) {
            return timeline(engine, shop, start);
        }
        LocalDate end = to != null ? to : last;
        InputFile.requirePeriod(spec, start, end);
        return Simulation.run(spec, engine, shop, start, end, report, state);
    }

    /** One line of the timeline, at its time: an event, or an action of the evaluation it came from. */
    private record Line(OffsetDateTime at, int order, String text, String key) {
        Line(OffsetDateTime at, int order, String text) {
            this(at, order, text, null);
        }
    }

    /**
     * The customer's own timeline: their events applied as they come and a sweep each morning, from the
     * day they were added (or {@code --from} when later) for {@code --days} days; every event and action
     * in time order (a task at its due time, other actions at the evaluation that made them).
     */
    private int timeline(SiyuEngine engine, List<EvaluationRequest> shop, LocalDate from) {
        PrintWriter out = spec.commandLine().getOut();
        EvaluationRequest request = shop.stream().filter(r -> r.customer().id().equals(customerId)).findFirst().orElse(null);
        if (request == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no customer " + customerId + " in " + in);
        }
        List<Touchpoint> events = request.events().stream()
                .sorted(Comparator.comparing(Touchpoint::at).thenComparing(Touchpoint::id)).toList();
        LocalDate added = request.customer().addedAt().map(t -> t.atZoneSameInstant(Simulation.ZONE).toLocalDate())
                .or(() -> events.stream().findFirst().map(e -> e.at().atZoneSameInstant(Simulation.ZONE).toLocalDate()))
                .orElse(from);
        // No sweep before the customer became a friend: nothing may happen to them before that.
        OffsetDateTime addedAt = request.customer().addedAt().or(() -> events.stream().findFirst().map(Touchpoint::at))
                .orElse(OffsetDateTime.MIN);
        LocalDate start = this.from != null && this.from.isAfter(added) ? this.from : added;
        LocalDate end = start.plusDays(days - 1L);
        List<Line> lines = new ArrayList<>();
        OffsetDateTime startOfDay = start.atStartOfDay(Simulation.ZONE).toOffsetDateTime();
        Customer state = request.customer();
        List<Touchpoint> before = events.stream().filter(e -> e.at().isBefore(startOfDay)).toList();
        if (!before.isEmpty()) {
            state = apply(engine, state, before, startOfDay, lines);
        }
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            OffsetDateTime sweep = day.atTime(8, 30).atZone(Simulation.ZONE).toOffsetDateTime();
            LocalDate today = day;
            boolean swept = false;
            for (Touchpoint event : events.stream()
                    .filter(e -> e.at().atZoneSameInstant(Simulation.ZONE).toLocalDate().equals(today)).toList()) {
                if (!swept && !event.at().isBefore(sweep)) {
                    if (!sweep.isBefore(addedAt)) {
                        state = apply(engine, state, List.of(), sweep, lines);
                    }
                    swept = true;
                }
                lines.add(new Line(event.at(), lines.size(), "EVENT " + event.type() + " " + event.id()));
                state = apply(engine, state, List.of(event), event.at(), lines);
            }
            if (!swept && !sweep.isBefore(addedAt)) {
                state = apply(engine, state, List.of(), sweep, lines);
            }
        }
        out.println("Customer " + customerId + ", added " + added + ": timeline " + start + " .. " + end
                + " (events as they came, a sweep each morning at 08:30)");
        lines.stream().sorted(Comparator.comparing(Line::at).thenComparing(Line::order)).forEach(line ->
                out.println("  " + line.at().atZoneSameInstant(Simulation.ZONE).toLocalDateTime() + "  " + line.text()));
        out.println("At the end: " + state.engagement() + ", " + state.stage() + ", " + state.tier() + "; "
                + state.memory().pendingTasks().size() + " tasks still pending");
        out.println("Final state: " + SiyuJson.write(state));
        out.flush();
        return 0;
    }

    private Customer apply(SiyuEngine engine, Customer state, List<Touchpoint> events, OffsetDateTime at, List<Line> lines) {
        Decision decision = engine.evaluate(state, events, at);
        for (Action action : decision.actions()) {
            if (action instanceof Task task) {
                // a task with the key of a pending one replaces it: only the last stays on the timeline
                lines.removeIf(line -> task.key().equals(line.key()));
                lines.add(new Line(task.dueAt(), lines.size(), "TASK " + task.kind() + " " + task.script() + "  "
                        + task.text().orElse("") + "   [" + task.rule() + "]", task.key()));
            } else if (action instanceof CancelTask cancel) {
                lines.removeIf(line -> cancel.key().equals(line.key()));
                lines.add(new Line(at, lines.size(), SiyuJson.write(action)));
            } else {
                lines.add(new Line(at, lines.size(), SiyuJson.write(action)));
            }
        }
        return decision.customer();
    }
}
