package dev.siyu.wecom;

import dev.siyu.wecom.CallbackRefused.Reason;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.siyu.wecom.DocExamples.AES_KEY;
import static dev.siyu.wecom.DocExamples.CORP_ID;
import static dev.siyu.wecom.DocExamples.TOKEN;
import static dev.siyu.wecom.DocExamples.clockAt;
import static dev.siyu.wecom.DocExamples.config;
import static dev.siyu.wecom.DocExamples.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WeComCallbackDecoderTest {
    private static final long NOW = 1_403_610_520L;

    private final WeComCallbackDecoder decoder = new WeComCallbackDecoder(config(), clockAt(NOW));

    @Test
    void weComsPublishedUrlVerificationSampleDecryptsToItsEchoString() throws CallbackRefused {
        WeComCallbackDecoder atSample = new WeComCallbackDecoder(config(), clockAt(1_409_659_589L));

        String echo = atSample.verifyUrl("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780",
                "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==");

        assertThat(echo).isEqualTo("1616140317555161061");
    }

    @Test
    void anEncryptedCallbackDecryptsToTheMessageItCarries() throws CallbackRefused {
        String plain = xml("add_external_contact");
        Callback callback = decoder.encrypt(plain, "1403610515", "nonce-1");

        assertThat(callback.body()).doesNotContain("zhangsan", "teststate");
        assertThat(decoder.decrypt(callback)).isEqualTo(plain);
    }

    @Test
    void encryptingTheSameMessageTwiceGivesTheSameBytes() {
        String plain = xml("add_external_contact");

        assertThat(decoder.encrypt(plain, "1403610515", "n")).isEqualTo(decoder.encrypt(plain, "1403610515", "n"));
    }

    @Test
    void aCallbackWithAnotherSignatureIsRefusedAsBadSignatureWithoutItsPayload() {
        Callback good = decoder.encrypt(xml("add_external_contact"), "1403610515", "nonce-1");
        Callback forged = new Callback(flipped(good.msgSignature()), good.timestamp(), good.nonce(), good.body());

        CallbackRefused refused = catchThrowableOfType(CallbackRefused.class, () -> decoder.decrypt(forged));

        assertThat(refused.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(refused.getMessage()).contains("nonce-1", "1403610515")
                .doesNotContain("zhangsan", "woAJ2GCAAAXtWyujaWJHDDGi0mAAAA", "teststate", good.body());
    }

    @Test
    void aSignatureOverAnotherNonceIsRefused() {
        Callback good = decoder.encrypt(xml("add_external_contact"), "1403610515", "nonce-1");
        Callback moved = new Callback(good.msgSignature(), good.timestamp(), "nonce-2", good.body());

        assertThat(catchThrowableOfType(CallbackRefused.class, () -> decoder.decrypt(moved)).reason())
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aMessageForAnotherCorpIsRefusedAsWrongCorpId() {
        WeComCallbackDecoder otherCorp = new WeComCallbackDecoder(WeComConfig.of(TOKEN, AES_KEY, "ww0ther0corp"), clockAt(NOW));
        String forOther = xml("add_external_contact").replace(CORP_ID, "ww0ther0corp");
        Callback callback = otherCorp.encrypt(forOther, "1403610515", "nonce-1");

        CallbackRefused refused = catchThrowableOfType(CallbackRefused.class, () -> decoder.decrypt(callback));

        assertThat(refused.reason()).isEqualTo(Reason.WRONG_CORP_ID);
        assertThat(refused.getMessage()).contains("ww0ther0corp", CORP_ID).doesNotContain("zhangsan");
    }

    @Test
    void anEnvelopeNamingOurCorpAroundAMessageForAnotherIsRefused() {
        String forOther = xml("add_external_contact").replace(CORP_ID, "ww0ther0corp");
        Callback callback = decoder.encrypt(forOther, "1403610515", "nonce-1");

        assertThat(catchThrowableOfType(CallbackRefused.class, () -> decoder.decrypt(callback)).reason())
                .isEqualTo(Reason.WRONG_CORP_ID);
    }

    @Test
    void aTimestampOlderThanTheWindowIsRefusedAsStale() {
        Callback old = decoder.encrypt(xml("add_external_contact"), String.valueOf(NOW - 301), "nonce-1");

        CallbackRefused refused = catchThrowableOfType(CallbackRefused.class, () -> decoder.decrypt(old));

        assertThat(refused.reason()).isEqualTo(Reason.STALE_TIMESTAMP);
        assertThat(refused.getMessage()).contains("301 s", "300 s");
    }

    @Test
    void aTimestampAheadOfTheClockBeyondTheWindowIsRefused() {
        Callback ahead = decoder.encrypt(xml("add_external_contact"), String.valueOf(NOW + 301), "nonce-1");

        assertThat(catchThrowableOfType(CallbackRefused.class, () -> decoder.decrypt(ahead)).reason())
                .isEqualTo(Reason.STALE_TIMESTAMP);
    }

    @Test
    void aReplayInsideTheWindowIsAcceptedAndOneOutsideAConfiguredWindowIsRefused() throws CallbackRefused {
        Callback callback = decoder.encrypt(xml("add_external_contact"), String.valueOf(NOW - 60), "nonce-1");
        WeComCallbackDecoder strict = new WeComCallbackDecoder(config().withWindow(Duration.ofSeconds(59)), clockAt(NOW));

        assertThat(decoder.decrypt(callback)).contains("add_external_contact");
        assertThat(catchThrowableOfType(CallbackRefused.class, () -> strict.decrypt(callback)).reason())
                .isEqualTo(Reason.STALE_TIMESTAMP);
    }

    @Test
    void theUrlVerificationIsRefusedOnAStaleTimestampToo() {
        WeComCallbackDecoder later = new WeComCallbackDecoder(config(), clockAt(1_409_659_589L + 3600));

        assertThat(catchThrowableOfType(CallbackRefused.class, () -> later.verifyUrl("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
                "1409659589", "263014780", "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==")).reason())
                .isEqualTo(Reason.STALE_TIMESTAMP);
    }

    @Test
    void aBodyThatIsNotXmlOrHasNoEncryptIsRefusedAsMalformed() {
        Callback notXml = new Callback("abc", String.valueOf(NOW), "n", "not xml at all");
        Callback noEncrypt = new Callback("abc", String.valueOf(NOW), "n", "<xml><ToUserName>x</ToUserName></xml>");
        Callback noTimestamp = new Callback("abc", "", "n", "<xml/>");
        Callback textTimestamp = new Callback("abc", "yesterday", "n", "<xml/>");

        assertThat(catchThrowableOfType(CallbackRefused.class, () -> decoder.decrypt(notXml)).reason()).isEqualTo(Reason.MALFORMED);
        assertThat(catchThrowableOfType(CallbackRefused.class, () -> decoder.decrypt(noEncrypt)).getMessage()).contains("no Encrypt");
        assertThat(catchThrowableOfType(CallbackRefused.class, () -> decoder.decrypt(noTimestamp)).getMessage()).contains("timestamp is missing");
        assertThat(catchThrowableOfType(CallbackRefused.class, () -> decoder.decrypt(textTimestamp)).reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void theConfigurationNeverPrintsItsSecrets() {
        assertThat(config().toString()).contains(CORP_ID).doesNotContain(TOKEN, AES_KEY);
    }

    /** The signature with its first hex digit changed. */
    private static String flipped(String signature) {
        return (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
    }
}
