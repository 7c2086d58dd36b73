package dev.siyu.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.siyu.json.SiyuJson;
import dev.siyu.wecom.Callback;
import dev.siyu.wecom.CallbackRefused;
import dev.siyu.wecom.MappingFile;
import dev.siyu.wecom.WeComCallbackDecoder;
import dev.siyu.wecom.WeComCallbacks;
import dev.siyu.wecom.WeComConfig;
import dev.siyu.wecom.WeComEvent;
import dev.siyu.wecom.WeComTouchpoints;
import me.chanjar.weixin.cp.bean.message.WxCpXmlMessage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.concurrent.Callable;

/** {@code siyu wecom decode|encode}: raw WeCom callbacks to {@code evaluate} input, and plain XML to callbacks. */
@Command(name = "wecom", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Turns raw WeCom callbacks into evaluate input lines (decode), and plain WeCom XML into "
                + "encrypted callbacks for tests and fixtures (encode); docs/wecom.md.",
        subcommands = {WeComCommand.Decode.class, WeComCommand.Encode.class, CommandLine.HelpCommand.class})
final class WeComCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("siyu: 'siyu wecom' needs a command: decode or encode");
        err.println("Run 'siyu wecom --help' for usage.");
        err.flush();
        return 2;
    }

    /** The callback settings of the WeCom admin console, shared by both commands. */
    static final class Keys {
        @Option(names = "--token", required = true, paramLabel = "T", description = "the callback Token")
        String token;

        @Option(names = "--aes-key", required = true, paramLabel = "K", description = "the callback EncodingAESKey (43 characters)")
        String aesKey;

        @Option(names = "--corp-id", required = true, paramLabel = "C", description = "the corp id (企业ID)")
        String corpId;

        @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "Asia/Shanghai",
                description = "zone of the touchpoint times (default ${DEFAULT-VALUE})")
        ZoneId zone;

        WeComConfig config(CommandLine.Model.CommandSpec spec, Duration window) {
            try {
                return new WeComConfig(token, aesKey, corpId, window, zone);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    @Command(name = "decode", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
            description = "Reads raw WeCom callbacks, one {\"msg_signature\", \"timestamp\", \"nonce\", \"body\"} a line, "
                    + "checks and decrypts each and prints the evaluate input lines it maps to (none for a callback "
                    + "that means nothing to us). A refused line is reported on standard error with file and line, "
                    + "and the rest go on; the exit code is 1 when any line was refused.")
    static final class Decode implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Keys keys;

        @Option(names = "--in", required = true, paramLabel = "FILE", description = "NDJSON of raw callbacks ('-' for standard input)")
        Path in;

        @Option(names = "--states", paramLabel = "CSV", description = "the State table (state,source) mapping WeCom's State to a source")
        Path states;

        @Option(names = "--now", paramLabel = "TIME", description = "the time the timestamps are checked against (default: now)")
        OffsetDateTime now;

        @Option(names = "--window", paramLabel = "DURATION", defaultValue = "PT5M",
                description = "how far a callback's timestamp may lie from --now (default ${DEFAULT-VALUE})")
        Duration window;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            WeComConfig config = keys.config(spec, window);
            MappingFile table;
            try {
                table = states == null ? MappingFile.empty("states") : MappingFile.read(states, "state", "source");
            } catch (IllegalArgumentException e) {
                err.println("siyu: " + e.getMessage());
                err.flush();
                return 2;
            }
            Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(now.toInstant(), config.zone());
            WeComCallbacks callbacks = new WeComCallbacks(new WeComCallbackDecoder(config, clock),
                    new WeComTouchpoints(table, config.zone()));
            ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
            String name = in.toString();
            long read = 0;
            long written = 0;
            long failed = 0;
            try (Utf8Lines lines = new Utf8Lines(open(in))) {
                for (Utf8Lines.Line line = lines.next(); line != null; line = lines.next()) {
                    if (!line.ok()) {
                        failed++;
                        err.println(name + ":" + line.number() + ": " + line.problem());
                        continue;
                    }
                    if (line.text().isBlank()) {
                        continue;
                    }
                    read++;
                    try {
                        Callback callback = json.readValue(line.text(), Callback.class);
                        for (WeComEvent event : callbacks.receive(callback)) {
                            out.println(SiyuJson.write(event.toRequest()));
                            written++;
                        }
                    } catch (JsonProcessingException e) {
                        failed++;
                        err.println(name + ":" + line.number() + ": not a callback line: " + e.getOriginalMessage()
                                .replaceAll("\\s+", " "));
                    } catch (CallbackRefused e) {
                        failed++;
                        err.println(name + ":" + line.number() + ": " + e.getMessage());
                    }
                }
            }
            out.flush();
            err.println("decoded " + read + " callbacks into " + written + " evaluate lines, " + failed + " lines failed");
            err.flush();
            return failed == 0 ? 0 : 1;
        }
    }

    @Command(name = "encode", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
            description = "Reads plain WeCom XML messages, one <xml>…</xml> a line, and prints each as the raw callback "
                    + "WeCom would send (encrypted and signed), one NDJSON line each, for tests and fixtures. The "
                    + "timestamp is the message's CreateTime unless --timestamp is given; the same input always gives "
                    + "the same output. A bad line is reported with file and line, and the rest go on.")
    static final class Encode implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Keys keys;

        @Option(names = "--in", required = true, paramLabel = "FILE", description = "plain XML, one message a line ('-' for standard input)")
        Path in;

        @Option(names = "--timestamp", paramLabel = "SECONDS", description = "the timestamp to sign with (default: each message's CreateTime)")
        Long timestamp;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            WeComCallbackDecoder decoder = new WeComCallbackDecoder(keys.config(spec, null), Clock.systemUTC());
            ObjectMapper json = new ObjectMapper();
            String name = in.toString();
            long written = 0;
            long failed = 0;
            try (Utf8Lines lines = new Utf8Lines(open(in))) {
                for (Utf8Lines.Line line = lines.next(); line != null; line = lines.next()) {
                    if (!line.ok()) {
                        failed++;
                        err.println(name + ":" + line.number() + ": " + line.problem());
                        continue;
                    }
                    String xml = line.text().strip();
                    if (xml.isEmpty()) {
                        continue;
                    }
                    Long created = createTime(xml);
                    if (!xml.startsWith("<") || (created == null && timestamp == null)) {
                        failed++;
                        err.println(name + ":" + line.number() + ": not a WeCom XML message with a CreateTime");
                        continue;
                    }
                    long signed = timestamp != null ? timestamp : created;
                    Callback callback = decoder.encrypt(xml, String.valueOf(signed), "n" + line.number());
                    out.println(json.writeValueAsString(callback));
                    written++;
                }
            }
            out.flush();
            err.println("encoded " + written + " callbacks, " + failed + " lines failed");
            err.flush();
            return failed == 0 ? 0 : 1;
        }

        private static Long createTime(String xml) {
            try {
                WxCpXmlMessage message = WxCpXmlMessage.fromXml(xml, null);
                return message == null ? null : message.getCreateTime();
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    private static InputStream open(Path in) throws IOException {
        return in.toString().equals("-") ? new BufferedInputStream(System.in, 1 << 16)
                : new BufferedInputStream(Files.newInputStream(in), 1 << 16);
    }

}
