package dev.siyu.report;

import dev.siyu.model.Engagement;
import dev.siyu.model.Stage;
import dev.siyu.model.TaskKind;
import dev.siyu.model.Tier;

import java.util.Map;

/**
 * Chinese display names of engagement levels, stages, tiers, task kinds, alert codes and sources, as
 * operations teams use them (docs/playbook.md, docs/contract.md). Unknown codes show as themselves.
 *
 * <p>Stateless and thread-safe.
 */
public final class Labels {
    private static final Map<String, String> SOURCES = Map.ofEntries(
            Map.entry("PACKAGE_CARD", "包裹卡"), Map.entry("DETAIL_PAGE", "详情页"), Map.entry("SMS", "短信"),
            Map.entry("PHONE", "电话"), Map.entry("WANGWANG", "旺旺"), Map.entry("STORE", "门店"),
            Map.entry("COMMUNITY", "社群"), Map.entry("CONTENT", "内容"), Map.entry("AD", "广告"),
            Map.entry("REFERRAL", "转介绍"), Map.entry("OTHER", "其他"));
    private static final Map<String, String> ALERTS = Map.of(
            "GREETING_OVERDUE", "欢迎超时", "REPLY_OVERDUE", "回复超时");

    private Labels() {
    }

    public static String of(Engagement engagement) {
        return switch (engagement) {
            case SILENT -> "无语客户";
            case CONVERSING -> "沟通客户";
            case QUOTED -> "报价客户";
            case CUSTOMER -> "成交客户";
            case REPEAT -> "复购客户";
        };
    }

    public static String of(Stage stage) {
        return switch (stage) {
            case INTRODUCTION -> "引入期";
            case GROWTH -> "成长期";
            case MATURITY -> "成熟期";
            case DORMANT -> "休眠期";
            case CHURNED -> "流失期";
        };
    }

    /** The Chinese label of a default tier; a tier a pack declares shows as its name. */
    public static String of(Tier tier) {
        return switch (tier.name()) {
            case "REGULAR" -> "普通";
            case "VIP" -> "会员";
            case "KEY_ACCOUNT" -> "大客户";
            default -> tier.name();
        };
    }

    /** The Chinese label of a default task kind; a kind a pack declares shows as its name. */
    public static String of(TaskKind kind) {
        return switch (kind.name()) {
            case "GREETING" -> "欢迎";
            case "FOLLOW_UP" -> "跟进";
            case "ORDER_NOTICE" -> "订单通知";
            case "CARE" -> "关怀";
            case "REFERRAL" -> "转介绍";
            case "REPURCHASE" -> "复购提醒";
            case "ACTIVATION" -> "激活";
            case "HOLIDAY" -> "节日问候";
            case "SOLAR_TERM" -> "节气关怀";
            case "VIP" -> "会员";
            default -> kind.name();
        };
    }

    /** The display name of an acquisition source, e.g. 包裹卡 for PACKAGE_CARD. */
    public static String source(String code) {
        return SOURCES.getOrDefault(code, code);
    }

    /** The display name of an alert code, e.g. 回复超时 for REPLY_OVERDUE. */
    public static String alert(String code) {
        return ALERTS.getOrDefault(code, code);
    }
}
