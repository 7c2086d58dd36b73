package dev.siyu.demo;

import dev.siyu.SiyuEngine;
import dev.siyu.report.HtmlReport;
import dev.siyu.report.OperationsReport;
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
        OperationsReport report = OperationsReport.of(result.customers(), result.activity(), LocalDate.of(2026, 8, 15),
                LocalDate.of(2026, 8, 30), SHANGHAI);
        Path html = dir.resolve("report.html");
        Files.writeString(html, HtmlReport.render(report, "私域运营报告 test report", List.of("200 friends")),
                StandardCharsets.UTF_8);
        return html;
    }

    @Test
    void thePageIsSelfContainedResponsiveAndInChinese(@TempDir Path dir) throws IOException {
        String html = Files.readString(report(dir));

        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script")
                .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .contains("'Microsoft YaHei'").contains("'PingFang SC'").contains("'Noto Sans CJK SC'");
        for (String chart : List.of("funnel-chart", "stage-chart", "tier-chart", "tasks-chart", "output-chart",
                "funnel-time-chart", "source-chart", "engagement-chart")) {
            assertThat(html).containsPattern("<svg class=\"chart[^\"]*\" id=\"" + chart + "\" viewBox=");
        }
        assertThat(html).doesNotContainPattern("<svg[^>]* width=\"\\d");
        for (String table : List.of("owners", "sources", "cohorts", "conversion")) {
            assertThat(html).contains("<table id=\"" + table + "\">");
        }
        assertThat(html).contains("成长期").contains("无语客户").contains("会员").contains("节日问候").contains("欢迎及时率")
                .doesNotContain(">GROWTH<").doesNotContain(">SILENT<").doesNotContain(">HOLIDAY<");
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
    void headlessChromiumRendersThePageOnAPhoneAndADesktopWithoutSidewaysScrolling(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(chromium() != null, "Chromium is not installed (.ci/run installs it)");
        Path html = report(dir);
        // The page itself has no script; a copy with a probe measures the layout as Chromium lays it out.
        Path probe = dir.resolve("probe.html");
        Files.writeString(probe, Files.readString(html).replace("</body>", "<script>document.title='W'+"
                + "document.documentElement.scrollWidth+'x'+window.innerWidth;document.body.setAttribute('data-fit',"
                + "document.documentElement.scrollWidth<=window.innerWidth)</script></body>"), StandardCharsets.UTF_8);

        for (String size : List.of("390,844", "1280,2400")) {
            Process dump = chrome(dir, "--window-size=" + size, "--dump-dom", probe.toUri().toString());
            String dom = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(dump.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(dom).as("no sideways scrolling at " + size).contains("data-fit=\"true\"");
            assertThat(dom.split("<rect", -1).length - 1).as("bars drawn").isGreaterThan(20);

            String name = "siyu-report-" + (size.startsWith("390") ? "phone" : "desktop") + ".png";
            Path png = dir.resolve(name);
            Process shot = chrome(dir, "--screenshot=" + png, "--window-size=" + size, "--hide-scrollbars",
                    html.toUri().toString());
            assertThat(shot.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.size(png)).as("a screenshot was taken").isGreaterThan(10_000);
            Path keep = Path.of("target", name);
            Files.createDirectories(keep.getParent());
            Files.copy(png, keep, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
