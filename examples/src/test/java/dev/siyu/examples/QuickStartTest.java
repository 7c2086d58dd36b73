package dev.siyu.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class QuickStartTest {

    @Test
    void theReadmeShowsExactlyTheQuickStartThatIsCompiledHere() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/siyu/examples/QuickStart.java"));
        String snippet = between(source, "// tag::quickstart[]\n", "        // end::quickstart[]");
        String readme = Files.readString(Path.of("..", "README.md"));

        assertThat(readme).contains(unindent(snippet));
    }

    @Test
    void theQuickStartRunsAndPrintsTheRulesThatFired() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(original);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("ENGAGEMENT_CHANGED by 'engagement: a price inquiry or quote makes a quoted customer'")
                .contains("STAGE_CHANGED by 'lifecycle: quoted and one-order customers are growing'")
                .contains("\"engagement\":\"QUOTED\"");
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    private static String unindent(String block) {
        return block.lines().map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
                .collect(Collectors.joining("\n"));
    }
}
