package dev.siyu.cli;

import dev.siyu.EvaluationRequest;
import dev.siyu.SiyuEngine;
import dev.siyu.demo.ShopData;
import dev.siyu.demo.ShopGenerator;
import dev.siyu.pack.RulePack;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code siyu demo}: the main job on the bundled sample shop. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Replays the bundled sample shop (5,000 friends over 90 days) day by day with the default "
                + "playbook, prints today's tasks per owner, the funnel, tier moves and alerts, and writes an HTML "
                + "report. Needs no argument.")
final class DemoCommand implements Callable<Integer> {
    /** The sample shop's own pack on the class path: its owners' display names. */
    static final String SAMPLE_PACK = "sample/pack/";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "siyu-report.html",
            description = "where to write the HTML report (default: ${DEFAULT-VALUE})")
    Path report;

    @Option(names = "--state", paramLabel = "FILE", description = "also write the final customer states (NDJSON)")
    Path state;

    @Override
    public Integer call() {
        ShopGenerator sample = ShopGenerator.sample();
        List<EvaluationRequest> shop = ShopData.sample();
        SiyuEngine engine = SiyuEngine.builder().rules(RulePack.defaults())
                .rules(RulePack.classpath("sample shop", DemoCommand.class.getClassLoader(), SAMPLE_PACK))
                .scriptValue("shop", "小雅眼镜").build();
        spec.commandLine().getOut().println("Siyu demo — 小雅眼镜, a contact-lens shop that keeps its buyers as WeCom friends");
        return Simulation.run(spec, engine, shop, sample.start(), sample.start().plusDays(sample.days() - 1), report, state);
    }
}
