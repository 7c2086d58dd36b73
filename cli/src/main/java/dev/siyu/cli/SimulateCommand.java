package dev.siyu.cli;

import dev.siyu.Decision;
import dev.siyu.EvaluationRequest;
import dev.siyu.SiyuEngine;
import dev.siyu.action.Action;
import dev.siyu.action.Task;
import dev.siyu.demo.ShopData;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code siyu simulate}: a replay of any shop file, or one customer's timeline. */
@Command(name = "simulate", description = {
        "Replays a shop file (NDJSON of {\"customer\":…,\"events\":[…]}) day by day from --from to --to, like the demo.",
        "With --customer: what will happen to that customer over the next --days days if nothing else happens."})
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

    @Option(names = "--days", defaultValue = "30", description = "timeline length in days (default: ${DEFAULT-VALUE})")
    int days;

    @CommandLine.Mixin
    RulesOption rules;

    @Option(names = "--report", paramLabel = "FILE", description = "write the HTML report there")
    Path report;

    @Option(names = "--state", paramLabel = "FILE", description = "write the final customer states (NDJSON)")
    Path state;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<SiyuEngine> built = rules.engine(spec);
        if (built.isEmpty()) {
            return 1;
        }
        SiyuEngine engine = built.get();
        List<EvaluationRequest> shop = ShopData.read(in);
        if (shop.isEmpty()) {
            err.println("no customer in " + in);
            return 1;
        }
        LocalDate first = shop.stream().flatMap(r -> r.events().stream()).map(e -> e.at().atZoneSameInstant(Simulation.ZONE).toLocalDate())
                .min(LocalDate::compareTo).orElse(LocalDate.now(java.time.Clock.systemDefaultZone()));
        LocalDate last = shop.stream().flatMap(r -> r.events().stream()).map(e -> e.at().atZoneSameInstant(Simulation.ZONE).toLocalDate())
                .max(LocalDate::compareTo).orElse(first);
        LocalDate start = from != null ? from : first;
        if (customerId != null) {
            return timeline(engine, shop, start);
        }
        return Simulation.run(spec, engine, shop, start, to != null ? to : last, report, state);
    }

    /** Applies the customer's events up to the start, then sweeps each morning with no new event. */
    private int timeline(SiyuEngine engine, List<EvaluationRequest> shop, LocalDate start) {
        PrintWriter out = spec.commandLine().getOut();
        EvaluationRequest request = shop.stream().filter(r -> r.customer().id().equals(customerId)).findFirst().orElse(null);
        if (request == null) {
            spec.commandLine().getErr().println("no customer " + customerId + " in " + in);
            return 1;
        }
        var startTime = start.atTime(23, 59).atZone(Simulation.ZONE).toOffsetDateTime();
        List<dev.siyu.model.Touchpoint> past = request.events().stream().filter(e -> !e.at().isAfter(startTime)).toList();
        Decision decision = engine.evaluate(request.customer(), past, startTime);
        Customer state = decision.customer();
        out.println("Customer " + customerId + " at " + start + ": " + state.engagement() + ", " + state.stage() + ", "
                + state.tier() + ", tags " + state.tags());
        out.println("Pending: " + state.memory().pendingTasks().size() + " tasks. Over the next " + days
                + " days, if nothing else happens:");
        print(out, decision.actions());
        for (int d = 1; d <= days; d++) {
            var morning = start.plusDays(d).atTime(8, 30).atZone(Simulation.ZONE).toOffsetDateTime();
            decision = engine.evaluate(state, List.of(), morning);
            state = decision.customer();
            print(out, decision.actions());
        }
        List<Task> due = state.memory().pendingTasks();
        out.println("Still pending after " + days + " days: " + due.size() + " tasks");
        out.println("Final state: " + SiyuJson.write(state));
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, List<Action> actions) {
        for (Action action : actions) {
            if (action instanceof Task task) {
                out.println("  " + task.dueAt().atZoneSameInstant(Simulation.ZONE).toLocalDateTime() + "  TASK " + task.kind()
                        + " " + task.script() + "  " + task.text().orElse("") + "   [" + task.rule() + "]");
            } else {
                out.println("  " + "                  " + SiyuJson.write(action));
            }
        }
    }
}
