package dev.siyu.demo;

import dev.siyu.action.Task;
import dev.siyu.report.Funnel;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The closing summary of a replay: today's tasks per owner, the funnel, tier moves and alerts. */
public final class SummaryText {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");
    private static final int TASKS_SHOWN_PER_OWNER = 3;

    private SummaryText() {
    }

    public static String of(Replay.Result result, Funnel funnel, ZoneId zone) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("Replayed %s .. %s: %,d customers, %,d events, %,d evaluations%s%n%n",
                funnel.from(), funnel.to(), result.customers().size(), result.events(), result.evaluations(),
                result.failures() == 0 ? "" : String.format(", %,d refused", result.failures())));
        Map<String, String> names = Replay.names(result.customers());
        text.append("Today ").append(funnel.to()).append(" — tasks per owner:\n");
        Map<String, List<Task>> byOwner = result.lastDayTasks().stream()
                .collect(Collectors.groupingBy(t -> t.owner().orElse("(no owner)"), java.util.TreeMap::new, Collectors.toList()));
        if (byOwner.isEmpty()) {
            text.append("  (none)\n");
        }
        byOwner.forEach((owner, tasks) -> {
            Map<String, Long> kinds = tasks.stream().collect(Collectors.groupingBy(t -> t.kind().name(),
                    java.util.TreeMap::new, Collectors.counting()));
            text.append(String.format("  %-17s %3d  %s%n", owner, tasks.size(), kinds));
            tasks.stream().limit(TASKS_SHOWN_PER_OWNER).forEach(t -> text.append(String.format("      %s %s %s %s%n",
                    t.dueAt().atZoneSameInstant(zone).format(HOUR), t.key().substring(0, t.key().indexOf('/')),
                    t.script(), clip(t.text().orElse("")))));
        });
        text.append('\n').append(funnel.toText()).append('\n');
        text.append("Tier moves: ").append(result.tierMoves().isEmpty() ? "none" : result.tierMoves()).append('\n');
        text.append("Alerts:     ").append(result.alerts().isEmpty() ? "none" : result.alerts()).append('\n');
        text.append("Tasks:      ").append(funnel.tasksByKind()).append('\n');
        return text.toString();
    }

    private static String clip(String text) {
        return text.length() <= 32 ? text : text.substring(0, 31) + "…";
    }
}
