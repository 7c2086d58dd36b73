package dev.siyu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.siyu.report.Activity;
import dev.siyu.report.HtmlReport;
import dev.siyu.report.OperationsReport;
import dev.siyu.Decision;
import dev.siyu.error.InputException;
import dev.siyu.json.SiyuJson;
import dev.siyu.model.Customer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code siyu report}: the funnel of PLAYBOOK §12 over a state file, as text, JSON or HTML. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "The funnel and the operations report over a state file (NDJSON of customers, or of "
                + "decisions as 'siyu evaluate' writes them): counts per level, stage and tier, rates, GMV, average "
                + "order, output per customer; as text, JSON or a self-contained HTML page with charts.")
final class ReportCommand implements Callable<Integer> {

    enum Format { text, json, html }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "the state file")
    Path in;

    @Option(names = "--format", defaultValue = "text", description = "text, json or html (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "write there instead of standard output")
    Path out;

    @Option(names = "--from", paramLabel = "DATE", description = "first day of the period (default: the earliest addedAt)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "last day of the period (default: the latest processed event)")
    LocalDate to;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        InputFile.require(spec, "--in", in, InputFile.STATE,
                java.util.EnumSet.of(InputFile.Kind.CUSTOMERS, InputFile.Kind.DECISIONS));
        InputFile.requirePeriod(spec, from, to);
        List<Customer> customers = new ArrayList<>();
        Activity activity = new Activity();
        int lineNumber = 0;
        int failed = 0;
        for (String line : Files.readAllLines(in, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = SiyuJson.readTree(line);
                if (node.has("customerId")) {
                    Decision decision = SiyuJson.readDecision(line);
                    activity.record(decision);
                    customers.add(decision.customer());
                } else {
                    customers.add(SiyuJson.readCustomer(line));
                }
            } catch (InputException e) {
                failed++;
                err.println(e.onLine(lineNumber).getMessage());
            }
        }
        if (customers.isEmpty()) {
            err.println("no customer could be read from " + in);
            return 1;
        }
        LocalDate start = from != null ? from : customers.stream()
                .map(c -> c.addedAt().map(OffsetDateTime::toLocalDate).orElse(null)).filter(java.util.Objects::nonNull)
                .min(LocalDate::compareTo).orElse(to != null ? to : LocalDate.of(2026, 1, 1));
        LocalDate end = to != null ? to : customers.stream().flatMap(c -> c.memory().processedEvents().values().stream())
                .map(OffsetDateTime::toLocalDate).max(LocalDate::compareTo).orElse(start);
        InputFile.requirePeriod(spec, start, end);
        OperationsReport report = OperationsReport.of(customers, activity, start, end, Simulation.ZONE);
        String text = switch (format) {
            case text -> report.toText();
            case json -> SiyuJson.writePretty(report) + "\n";
            case html -> HtmlReport.render(report, "私域运营报告 Siyu report " + start + " – " + end,
                    List.of("From " + in.getFileName()));
        };
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            Simulation.write(out, text);
            spec.commandLine().getOut().println("wrote " + out);
        }
        return failed == 0 ? 0 : 1;
    }
}
