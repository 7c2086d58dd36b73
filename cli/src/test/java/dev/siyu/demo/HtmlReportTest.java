package dev.siyu.demo;

import dev.siyu.SiyuEngine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML report of a replayed shop renders in headless Chromium with its charts. */
class HtmlReportTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Path report(Path dir) throws IOException {
        var shop = new ShopGenerator(11, 200, LocalDate.of(2026, 8, 1), 30).generate();
        var result = new Replay(SiyuEngine.builder().build(), shop, LocalDate.of(2026, 8, 1), LocalDate.of(2026, 8, 30), SHANGHAI)
                .run(Progress.silent());
        Funnel funnel = Funnel.of(result.customers(), LocalDate.of(2026, 8, 1), LocalDate.of(2026, 8, 30), SHANGHAI);
        Path html = dir.resolve("report.html");
        Files.writeString(html, HtmlReport.render(funnel, "test report", List.of("200 friends")), StandardCharsets.UTF_8);
        return html;
    }

    @Test
    void thePageIsSelfContainedWithItsFiveCharts(@TempDir Path dir) throws IOException {
        String html = Files.readString(report(dir));

        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script");
        for (String chart : List.of("funnel-chart", "stage-chart", "tier-chart", "tasks-chart", "output-chart")) {
            assertThat(html).contains("<svg class=\"chart\" id=\"" + chart + "\"");
        }
    }

    private static String chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static Process chrome(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(dir.resolve("chromium.log").toFile()).start();
    }

    @Test
    void headlessChromiumRendersTheChartsWithTheirBars(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(chromium() != null, "Chromium is not installed (.ci/run installs it)");
        Path html = report(dir);

        Process dump = chrome(dir, "--dump-dom", html.toUri().toString());
        String dom = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Path png = dir.resolve("report.png");
        Process shot = chrome(dir, "--screenshot=" + png, "--window-size=1200,1800", html.toUri().toString());
        assertThat(shot.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(dom).contains("id=\"funnel-chart\"").contains("id=\"tasks-chart\"").contains("id=\"output-chart\"");
        assertThat(dom.split("<rect", -1).length - 1).as("bars drawn").isGreaterThan(20);
        assertThat(Files.size(png)).as("a screenshot was taken").isGreaterThan(10_000);
        Path keep = Path.of("target", "siyu-report-test.png");
        Files.createDirectories(keep.getParent());
        Files.copy(png, keep, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
