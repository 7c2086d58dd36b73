package dev.siyu.wecom;

import dev.siyu.wecom.CallbackRefused.Reason;
import me.chanjar.weixin.common.util.XmlUtils;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * Checks and opens WeCom callbacks with WxJava's {@link WxCryptUtil}: the {@code msg_signature}
 * (SHA-1 over the sorted token, timestamp, nonce and encrypted text), the signed timestamp against the
 * injected clock (outside {@link WeComConfig#window()} the callback is refused as stale or replayed),
 * AES decryption with the EncodingAESKey, and the corp id ({@code ToUserName} of the envelope and of
 * the decrypted message; WxJava 4.6.0 decrypts without comparing the receive id inside the
 * ciphertext, so the corp id is checked on the message).
 *
 * <p>Refusals are {@link CallbackRefused} with a {@link Reason}; their messages carry no payload.
 * Thread-safe: WxJava's crypt utility keeps no per-call state.
 */
public final class WeComCallbackDecoder {

    private final WeComConfig config;
    private final Clock clock;
    private final WxCryptUtil crypt;

    public WeComCallbackDecoder(WeComConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.crypt = new WxCryptUtil(config.token(), config.aesKey(), config.corpId());
    }

    /** The configuration this decoder checks against. */
    public WeComConfig config() {
        return config;
    }

    /**
     * The URL verification (GET on the callback URL): checks signature and timestamp and returns the
     * decrypted {@code echostr}, which the endpoint answers with as plain text.
     */
    public String verifyUrl(String msgSignature, String timestamp, String nonce, String echostr) throws CallbackRefused {
        require(msgSignature, "msg_signature", timestamp, nonce);
        require(timestamp, "timestamp", timestamp, nonce);
        require(nonce, "nonce", timestamp, nonce);
        require(echostr, "echostr", timestamp, nonce);
        checkTimestamp(timestamp, nonce);
        checkSignature(msgSignature, timestamp, nonce, echostr);
        return decryptText(echostr, timestamp, nonce);
    }

    /** Checks and decrypts one callback; returns the plain XML message. */
    public String decrypt(Callback callback) throws CallbackRefused {
        String timestamp = callback.timestamp();
        String nonce = callback.nonce();
        require(callback.msgSignature(), "msg_signature", timestamp, nonce);
        require(timestamp, "timestamp", timestamp, nonce);
        require(nonce, "nonce", timestamp, nonce);
        require(callback.body(), "body", timestamp, nonce);
        checkTimestamp(timestamp, nonce);
        Map<String, Object> envelope = parse(callback.body(), "the envelope", timestamp, nonce);
        String encrypted = text(envelope.get("Encrypt"));
        if (encrypted.isEmpty()) {
            throw new CallbackRefused(Reason.MALFORMED, "the envelope has no Encrypt element" + where(timestamp, nonce));
        }
        checkSignature(callback.msgSignature(), timestamp, nonce, encrypted);
        String to = text(envelope.get("ToUserName"));
        if (!to.isEmpty() && !to.equals(config.corpId())) {
            throw wrongCorp(to, timestamp, nonce);
        }
        String xml = decryptText(encrypted, timestamp, nonce);
        Map<String, Object> message = parse(xml, "the decrypted message", timestamp, nonce);
        String corp = text(message.get("ToUserName"));
        if (!corp.equals(config.corpId())) {
            throw wrongCorp(corp, timestamp, nonce);
        }
        return xml;
    }

    /**
     * Encrypts a plain XML message into a callback as WeCom would send it, for tests and fixtures
     * ({@code siyu wecom encode}). The 16 bytes WeCom puts before the message are derived from the
     * message, timestamp and nonce, so the same input always gives the same callback.
     */
    public Callback encrypt(String plainXml, String timestamp, String nonce) {
        Objects.requireNonNull(plainXml, "plainXml");
        String random = sha256Hex(timestamp + "\n" + nonce + "\n" + plainXml).substring(0, 16);
        String encrypted = crypt.encrypt(random, plainXml);
        String signature = SHA1.gen(config.token(), timestamp, nonce, encrypted);
        String body = "<xml><ToUserName><![CDATA[" + config.corpId() + "]]></ToUserName><Encrypt><![CDATA["
                + encrypted + "]]></Encrypt></xml>";
        return new Callback(signature, timestamp, nonce, body);
    }

    /** Encrypts an {@code echostr} for a URL verification, for tests. */
    public Callback encryptEcho(String echo, String timestamp, String nonce) {
        String random = sha256Hex(timestamp + "\n" + nonce + "\n" + echo).substring(0, 16);
        String encrypted = crypt.encrypt(random, echo);
        return new Callback(SHA1.gen(config.token(), timestamp, nonce, encrypted), timestamp, nonce, encrypted);
    }

    private void checkTimestamp(String timestamp, String nonce) throws CallbackRefused {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new CallbackRefused(Reason.MALFORMED, "timestamp is not a number of seconds" + where(timestamp, nonce));
        }
        Instant signed = Instant.ofEpochSecond(seconds);
        Duration off = Duration.between(signed, clock.instant()).abs();
        if (off.compareTo(config.window()) > 0) {
            throw new CallbackRefused(Reason.STALE_TIMESTAMP, "timestamp " + signed + " is " + off.toSeconds()
                    + " s from the clock " + clock.instant() + ", beyond the window of " + config.window().toSeconds()
                    + " s" + where(timestamp, nonce));
        }
    }

    private void checkSignature(String msgSignature, String timestamp, String nonce, String encrypted)
            throws CallbackRefused {
        String expected = SHA1.gen(config.token(), timestamp, nonce, encrypted);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                msgSignature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw new CallbackRefused(Reason.BAD_SIGNATURE, "msg_signature does not match token, timestamp, nonce and body"
                    + where(timestamp, nonce));
        }
    }

    private String decryptText(String encrypted, String timestamp, String nonce) throws CallbackRefused {
        try {
            return crypt.decrypt(encrypted);
        } catch (RuntimeException e) {
            // WxJava wraps the cipher's exception; its message holds no payload, but keep only the class
            throw new CallbackRefused(Reason.MALFORMED, "the body does not decrypt with the EncodingAESKey ("
                    + e.getClass().getSimpleName() + ")" + where(timestamp, nonce));
        }
    }

    private static Map<String, Object> parse(String xml, String what, String timestamp, String nonce)
            throws CallbackRefused {
        try {
            Map<String, Object> map = XmlUtils.xml2Map(xml);
            if (map == null) {
                throw new IllegalArgumentException("empty");
            }
            return map;
        } catch (RuntimeException e) {
            throw new CallbackRefused(Reason.MALFORMED, what + " is not XML" + where(timestamp, nonce));
        }
    }

    private CallbackRefused wrongCorp(String got, String timestamp, String nonce) {
        return new CallbackRefused(Reason.WRONG_CORP_ID, "message is for corp id '" + got + "', expected '"
                + config.corpId() + "'" + where(timestamp, nonce));
    }

    private static void require(String value, String name, String timestamp, String nonce) throws CallbackRefused {
        if (value == null || value.isBlank()) {
            throw new CallbackRefused(Reason.MALFORMED, name + " is missing" + where(timestamp, nonce));
        }
    }

    private static String where(String timestamp, String nonce) {
        return " (timestamp " + timestamp + ", nonce " + nonce + ")";
    }

    static String text(Object value) {
        return value == null ? "" : value.toString().strip();
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
