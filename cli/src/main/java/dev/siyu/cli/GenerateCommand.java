package dev.siyu.cli;

import dev.siyu.demo.ShopData;
import dev.siyu.demo.ShopGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code siyu generate}: writes a sample shop (the bundled one by default) as NDJSON. */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Generates a sample shop, reproducibly from a seed, as NDJSON ({\"customer\": …, "
                + "\"events\": […]} per line; gzip-ed when the file name ends with .gz). The defaults give the "
                + "bundled sample shop of the demo.")
final class GenerateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the shop")
    Path out;

    @Option(names = "--seed", defaultValue = "2026", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--customers", defaultValue = "5000", description = "how many friends (default: ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--start", defaultValue = "2026-08-01", description = "first day (default: ${DEFAULT-VALUE})")
    LocalDate start;

    @Option(names = "--days", defaultValue = "90", description = "how many days (default: ${DEFAULT-VALUE})")
    int days;

    @Override
    public Integer call() {
        ShopData.write(new ShopGenerator(seed, customers, start, days).generate(), out);
        spec.commandLine().getOut().println("wrote " + customers + " customers over " + days + " days from " + start
                + " to " + out);
        return 0;
    }
}
