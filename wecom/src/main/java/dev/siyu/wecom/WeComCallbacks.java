package dev.siyu.wecom;

import java.util.List;
import java.util.Objects;

/**
 * The callback URL's logic without the web framework: {@link #verifyUrl} answers WeCom's GET
 * verification, {@link #receive} checks, decrypts and maps one POSTed callback to its touchpoints.
 * A refused callback throws {@link CallbackRefused}; a callback that means nothing to us gives an
 * empty list (answer WeCom {@code success} either way once it is handled, so it does not retry).
 *
 * <p>Immutable and thread-safe.
 */
public final class WeComCallbacks {
    private final WeComCallbackDecoder decoder;
    private final WeComTouchpoints touchpoints;

    public WeComCallbacks(WeComCallbackDecoder decoder, WeComTouchpoints touchpoints) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.touchpoints = Objects.requireNonNull(touchpoints, "touchpoints");
    }

    /** The decrypted {@code echostr} of a URL verification. */
    public String verifyUrl(String msgSignature, String timestamp, String nonce, String echostr) throws CallbackRefused {
        return decoder.verifyUrl(msgSignature, timestamp, nonce, echostr);
    }

    /** The touchpoints of one callback. */
    public List<WeComEvent> receive(Callback callback) throws CallbackRefused {
        return touchpoints.map(decoder.decrypt(callback));
    }

    /** The decoder (for encrypting fixtures). */
    public WeComCallbackDecoder decoder() {
        return decoder;
    }
}
