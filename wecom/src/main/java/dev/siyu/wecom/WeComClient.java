package dev.siyu.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpService;
import me.chanjar.weixin.cp.api.impl.WxCpServiceImpl;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Calls the WeCom APIs with our request bodies through WxJava's {@link WxCpService}, which fetches and
 * refreshes the access token and reports WeCom's {@code errcode} as {@link WxErrorException}.
 *
 * <p>Thread-safe as far as WxJava's service is (its default implementation is).
 */
public final class WeComClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WxCpService service;

    public WeComClient(WxCpService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    /**
     * A client for one corp's application: its corp id and the secret of the application allowed to
     * call 客户联系; {@code baseApiUrl} is {@code https://qyapi.weixin.qq.com} in production (tests
     * point it at a stub on loopback).
     */
    public static WeComClient create(String corpId, String secret, String baseApiUrl) {
        WxCpDefaultConfigImpl config = new WxCpDefaultConfigImpl();
        config.setCorpId(Objects.requireNonNull(corpId, "corpId"));
        config.setCorpSecret(Objects.requireNonNull(secret, "secret"));
        config.setBaseApiUrl(Objects.requireNonNull(baseApiUrl, "baseApiUrl"));
        WxCpServiceImpl service = new WxCpServiceImpl();
        service.setWxCpConfigStorage(config);
        return new WeComClient(service);
    }

    /** Creates a mass send; returns the customers WeCom could not send it to ({@code fail_list}). */
    public List<String> addMsgTemplate(WeComRequests.MsgTemplate body) throws WxErrorException {
        JsonNode answer = post(WeComRequests.ADD_MSG_TEMPLATE, body);
        List<String> failed = new ArrayList<>();
        answer.path("fail_list").forEach(n -> failed.add(n.asText()));
        return failed;
    }

    /** Sends the welcome message on a welcome code. */
    public void sendWelcomeMsg(WeComRequests.WelcomeMsg body) throws WxErrorException {
        post(WeComRequests.SEND_WELCOME_MSG, body);
    }

    /** Marks and unmarks corp tags on a customer. */
    public void markTag(WeComRequests.MarkTag body) throws WxErrorException {
        post(WeComRequests.MARK_TAG, body);
    }

    /** Starts a handover; returns the customers whose own {@code errcode} was not 0. */
    public List<String> transferCustomer(WeComRequests.TransferCustomer body) throws WxErrorException {
        JsonNode answer = post(WeComRequests.TRANSFER_CUSTOMER, body);
        List<String> failed = new ArrayList<>();
        answer.path("customer").forEach(n -> {
            if (n.path("errcode").asInt(0) != 0) {
                failed.add(n.path("external_userid").asText());
            }
        });
        return failed;
    }

    private JsonNode post(String path, Object body) throws WxErrorException {
        String url = service.getWxCpConfigStorage().getApiUrl(path);
        String answer = service.post(url, WeComRequests.json(body));
        try {
            return answer == null || answer.isBlank() ? JSON.createObjectNode() : JSON.readTree(answer);
        } catch (IOException e) {
            throw new WxErrorException("WeCom answered " + path + " with something that is not JSON");
        }
    }
}
