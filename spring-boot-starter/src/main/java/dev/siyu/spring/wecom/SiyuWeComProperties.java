package dev.siyu.spring.wecom;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code siyu.wecom.*} properties: the callback settings of the WeCom admin console (token,
 * EncodingAESKey, corp id) switch the callback endpoint on; an application secret switches on the
 * WeCom task sender.
 *
 * <pre>
 * siyu.wecom.token=…                       # callback Token
 * siyu.wecom.aes-key=…                     # callback EncodingAESKey (43 characters)
 * siyu.wecom.corp-id=ww…                   # 企业ID
 * siyu.wecom.path=/wecom/callback          # the callback URL's path
 * siyu.wecom.window=5m                     # a callback signed further from now is refused
 * siyu.wecom.states=/etc/shop/states.csv   # State table: state,source
 * siyu.wecom.tag-ids=/etc/shop/tag-ids.csv # our tag → corp tag id: tag,tagId
 * siyu.wecom.secret=…                      # secret of the application allowed to call 客户联系
 * siyu.wecom.api-base-url=https://qyapi.weixin.qq.com
 * siyu.wecom.allow-select=false            # add_msg_template's allow_select
 * siyu.wecom.linger=200ms                  # how long a mass send waits for more tasks of its sender and script
 * </pre>
 *
 * <p>Not thread-safe (a configuration holder, bound once at startup).
 */
@ConfigurationProperties("siyu.wecom")
public class SiyuWeComProperties {
    private String token;
    private String aesKey;
    private String corpId;
    private String path = "/wecom/callback";
    private Duration window = Duration.ofMinutes(5);
    private Path states;
    private Path tagIds;
    private String secret;
    private String apiBaseUrl = "https://qyapi.weixin.qq.com";
    private boolean allowSelect;
    private Duration linger = Duration.ofMillis(200);

    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getAesKey() { return aesKey; }
    public void setAesKey(String aesKey) { this.aesKey = aesKey; }
    public String getCorpId() { return corpId; }
    public void setCorpId(String corpId) { this.corpId = corpId; }
    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
    public Duration getWindow() { return window; }
    public void setWindow(Duration window) { this.window = window; }
    public Path getStates() { return states; }
    public void setStates(Path states) { this.states = states; }
    public Path getTagIds() { return tagIds; }
    public void setTagIds(Path tagIds) { this.tagIds = tagIds; }
    public String getSecret() { return secret; }
    public void setSecret(String secret) { this.secret = secret; }
    public String getApiBaseUrl() { return apiBaseUrl; }
    public void setApiBaseUrl(String apiBaseUrl) { this.apiBaseUrl = apiBaseUrl; }
    public boolean isAllowSelect() { return allowSelect; }
    public void setAllowSelect(boolean allowSelect) { this.allowSelect = allowSelect; }
    public Duration getLinger() { return linger; }
    public void setLinger(Duration linger) { this.linger = linger; }
}
