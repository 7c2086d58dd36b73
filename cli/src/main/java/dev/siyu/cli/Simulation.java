package dev.siyu.cli;

import dev.siyu.EvaluationRequest;
import dev.siyu.SiyuEngine;
import dev.siyu.report.Funnel;
import dev.siyu.report.HtmlReport;
import dev.siyu.report.OperationsReport;
import dev.siyu.demo.Progress;
import dev.siyu.demo.Replay;
import dev.siyu.demo.SummaryText;
import dev.siyu.json.SiyuJson;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** The shared body of {@code demo} and {@code simulate}: replay, summary, report. */
final class Simulation {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Simulation() {
    }

    static int run(CommandLine.Model.CommandSpec spec, SiyuEngine engine, List<EvaluationRequest> shop, LocalDate from,
                   LocalDate to, Path report, Path state) {
        PrintWriter out = spec.commandLine().getOut();
        int days = (int) (to.toEpochDay() - from.toEpochDay() + 1);
        Replay.Result result = new Replay(engine, shop, from, to, ZONE).run(Progress.onTerminal("replaying days", days));
        Funnel funnel = Funnel.of(result.customers(), from, to, ZONE);
        out.println(SummaryText.of(result, funnel, ZONE));
        if (report != null) {
            OperationsReport operations = OperationsReport.of(result.customers(), result.activity(), from, to, ZONE);
            write(report, HtmlReport.render(operations, "私域运营报告 Siyu report " + from + " – " + to,
                    List.of(String.format("%,d customers, %,d events, %,d evaluations; tier moves %s; alerts %s",
                            result.customers().size(), result.events(), result.evaluations(), result.tierMoves(),
                            result.alerts()))));
            out.println("Report written to " + report.toAbsolutePath() + " — open it in a browser.");
        }
        if (state != null) {
            try (Writer writer = Files.newBufferedWriter(state, StandardCharsets.UTF_8)) {
                for (var customer : result.customers()) {
                    writer.write(SiyuJson.write(customer));
                    writer.write('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + state, e);
            }
            out.println("Customer states written to " + state.toAbsolutePath());
        }
        out.flush();
        return result.failures() == 0 ? 0 : 1;
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
