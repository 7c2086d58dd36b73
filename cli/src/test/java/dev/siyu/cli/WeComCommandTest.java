package dev.siyu.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code siyu wecom encode} and {@code decode}, run as the real command on WeCom's documentation examples. */
class WeComCommandTest {
    private static final String[] KEYS = {"--token", "QDG6eK", "--aes-key", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
            "--corp-id", "wx5823bf96d3bd56c7"};
    private static final String ADD = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
            + "<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event>"
            + "<ChangeType><![CDATA[add_external_contact]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID>"
            + "<ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mAAAA]]></ExternalUserID><State><![CDATA[teststate]]></State>"
            + "<WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode></xml>";
    private static final String DEL = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
            + "<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event>"
            + "<ChangeType><![CDATA[del_follow_user]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID>"
            + "<ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA]]></ExternalUserID></xml>";
    private static final String CHAT = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
            + "<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_chat]]></Event>"
            + "<ChatId><![CDATA[CHAT_ID]]></ChatId><ChangeType><![CDATA[dismiss]]></ChangeType></xml>";

    private record Run(int exitCode, String out, String err) { }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = SiyuCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }

    private static String[] with(String... args) {
        String[] all = new String[args.length + KEYS.length];
        System.arraycopy(args, 0, all, 0, 2);
        System.arraycopy(KEYS, 0, all, 2, KEYS.length);
        System.arraycopy(args, 2, all, 2 + KEYS.length, args.length - 2);
        return all;
    }

    @Test
    void encodedCallbacksDecodeToTheEvaluateLinesTheyMapTo(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("plain.xml");
        Files.writeString(plain, ADD + "\n" + DEL + "\n" + CHAT + "\n");
        Path states = dir.resolve("states.csv");
        Files.writeString(states, "state,source\nteststate,PACKAGE_CARD\n");

        Run encode = run(with("wecom", "encode", "--in", plain.toString()));
        Path raw = dir.resolve("raw.ndjson");
        Files.writeString(raw, encode.out());
        Run decode = run(with("wecom", "decode", "--in", raw.toString(), "--states", states.toString(),
                "--now", "2014-06-24T19:50:00+08:00"));

        assertThat(encode.exitCode()).as(encode.err()).isZero();
        assertThat(encode.out().lines().toList()).hasSize(3).allSatisfy(line -> assertThat(line)
                .startsWith("{\"msg_signature\":\"").contains("\"timestamp\":\"1403610513\"").doesNotContain("zhangsan"));
        assertThat(decode.exitCode()).as(decode.err()).isZero();
        List<String> lines = decode.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"customer\":{\"id\":\"woAJ2GCAAAXtWyujaWJHDDGi0mAAAA\",\"source\":\"PACKAGE_CARD\"")
                .contains("\"type\":\"FRIEND_ADDED\"", "\"at\":\"2014-06-24T19:48:33+08:00\"", "\"channel\":\"WECOM\"",
                        "\"follower\":\"zhangsan\"", "\"state\":\"teststate\"", "\"welcomeCode\":\"WELCOMECODE\"");
        assertThat(lines.get(1)).contains("\"id\":\"woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA\"", "\"type\":\"FRIEND_DELETED\"");
        assertThat(decode.err()).contains("decoded 3 callbacks into 2 evaluate lines, 0 lines failed");
        assertThat(run(with("wecom", "encode", "--in", plain.toString())).out()).isEqualTo(encode.out());
    }

    @Test
    void theDecodedLinesAreInputForEvaluate(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("plain.xml");
        Files.writeString(plain, ADD + "\n");
        Path raw = dir.resolve("raw.ndjson");
        Files.writeString(raw, run(with("wecom", "encode", "--in", plain.toString())).out());
        Path requests = dir.resolve("requests.ndjson");
        Files.writeString(requests, run(with("wecom", "decode", "--in", raw.toString(), "--now", "2014-06-24T19:50:00+08:00")).out());

        Run evaluate = run("evaluate", "--in", requests.toString(), "--now", "2014-06-24T19:48:40+08:00");

        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("\"type\":\"OWNER_ASSIGNED\"", "\"to\":\"zhangsan\"")
                .contains("\"kind\":\"GREETING\"", "\"dueAt\":\"2014-06-24T19:48:33+08:00\"");
    }

    @Test
    void aRefusedLineIsReportedWithFileAndLineAndTheOthersGoOn(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("plain.xml");
        Files.writeString(plain, ADD + "\n" + DEL + "\n");
        List<String> raw = run(with("wecom", "encode", "--in", plain.toString())).out().lines().toList();
        String forged = raw.get(0).replaceFirst("\"msg_signature\":\"[0-9a-f]", "\"msg_signature\":\"x");
        Path file = dir.resolve("raw.ndjson");
        Files.writeString(file, forged + "\n{\"msg_signature\":\"a\",\"nonce\":\"b\"}\n" + raw.get(1) + "\nnot json\n");

        Run decode = run(with("wecom", "decode", "--in", file.toString(), "--now", "2014-06-24T19:50:00+08:00"));

        assertThat(decode.exitCode()).isEqualTo(1);
        assertThat(decode.out().lines().toList()).singleElement().asString().contains("FRIEND_DELETED");
        List<String> errors = decode.err().lines().toList();
        assertThat(errors.get(0)).startsWith(file + ":1: BAD_SIGNATURE").doesNotContain("zhangsan");
        assertThat(errors.get(1)).startsWith(file + ":2: not a callback line");
        assertThat(errors.get(2)).startsWith(file + ":4: not a callback line");
        assertThat(errors.get(3)).isEqualTo("decoded 4 callbacks into 1 evaluate lines, 3 lines failed");
    }

    @Test
    void aCallbackOutsideTheWindowOfNowIsRefusedAsStale(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("plain.xml");
        Files.writeString(plain, DEL + "\n");
        Path raw = dir.resolve("raw.ndjson");
        Files.writeString(raw, run(with("wecom", "encode", "--in", plain.toString())).out());

        Run decode = run(with("wecom", "decode", "--in", raw.toString(), "--now", "2014-06-24T20:00:00+08:00"));
        Run wide = run(with("wecom", "decode", "--in", raw.toString(), "--now", "2014-06-24T20:00:00+08:00", "--window", "PT1H"));

        assertThat(decode.exitCode()).isEqualTo(1);
        assertThat(decode.err()).contains(raw + ":1: STALE_TIMESTAMP");
        assertThat(wide.exitCode()).isZero();
    }

    @Test
    void aBadKeyIsAUsageErrorAndNoSubcommandIsOne() {
        Run badKey = run("wecom", "decode", "--token", "t", "--aes-key", "short", "--corp-id", "c", "--in", "x.ndjson");
        Run bare = run("wecom");

        assertThat(badKey.exitCode()).isEqualTo(2);
        assertThat(badKey.err()).contains("EncodingAESKey must be 43 characters");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(run("wecom", "decode", "--help").out()).startsWith("Usage: siyu wecom decode").contains("Exit codes:");
    }
}
