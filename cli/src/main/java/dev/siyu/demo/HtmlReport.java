package dev.siyu.demo;

import dev.siyu.action.TaskKind;
import dev.siyu.model.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The funnel report as one self-contained HTML page: no network, charts drawn as inline SVG
 * (funnel, stage and tier distribution, tasks per day by kind, output per customer per month).
 *
 * <p>Stateless and thread-safe.
 */
public final class HtmlReport {
    private static final String[] KIND_COLORS = {"#2563eb", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04",
            "#dc2626", "#db2777", "#65a30d", "#475569"};

    private HtmlReport() {
    }

    public static String render(Funnel funnel, String title, List<String> notes) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:-apple-system,'Noto Sans CJK SC','PingFang SC',sans-serif;margin:24px;color:#111}")
                .append("h1{font-size:22px}h2{font-size:17px;margin-top:28px}.kpis{display:flex;flex-wrap:wrap;gap:12px}")
                .append(".kpi{border:1px solid #ddd;border-radius:8px;padding:10px 14px;min-width:150px}")
                .append(".kpi b{display:block;font-size:20px}svg text{font-size:11px;fill:#333}")
                .append(".legend span{display:inline-block;margin-right:12px;font-size:12px}")
                .append(".legend i{display:inline-block;width:10px;height:10px;margin-right:4px}\n</style>\n</head>\n<body>\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n<p>").append(funnel.from()).append(" – ")
                .append(funnel.to()).append("</p>\n");
        for (String note : notes) {
            html.append("<p>").append(escape(note)).append("</p>\n");
        }
        html.append("<div class=\"kpis\">\n");
        kpi(html, "customers 好友", String.valueOf(funnel.customers()));
        kpi(html, "first-order rate 首单率", Funnel.pct(funnel.firstOrderRate()));
        kpi(html, "repeat rate 复购率", Funnel.pct(funnel.repeatRate()));
        kpi(html, "VIP rate 会员率", Funnel.pct(funnel.vipRate()));
        kpi(html, "GMV", "¥" + funnel.gmv());
        kpi(html, "average order 客单价", "¥" + funnel.averageOrderValue());
        kpi(html, "output per customer / month 单粉月产出", "¥" + funnel.outputPerCustomerPerMonth());
        kpi(html, "output per customer / year 单粉年产出", "¥" + funnel.outputPerCustomerPerYear());
        html.append("</div>\n");

        html.append("<h2>Funnel 漏斗</h2>\n");
        horizontalBars(html, "funnel-chart", funnel.steps(), funnel.customers(), "#2563eb");
        html.append("<h2>Lifecycle stage 生命周期</h2>\n");
        horizontalBars(html, "stage-chart", names(funnel.stage()), funnel.customers(), "#16a34a");
        html.append("<h2>Tier 会员等级</h2>\n");
        horizontalBars(html, "tier-chart", names(funnel.tier()), funnel.customers(), "#9333ea");
        html.append("<h2>Tasks per day by kind 每日任务</h2>\n");
        tasksPerDay(html, funnel);
        html.append("<h2>Output per customer per month 单粉产出</h2>\n");
        outputPerMonth(html, funnel);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void kpi(StringBuilder html, String label, String value) {
        html.append("<div class=\"kpi\">").append(escape(label)).append("<b>").append(escape(value)).append("</b></div>\n");
    }

    private static <E extends Enum<E>> Map<String, Integer> names(Map<E, Integer> counts) {
        Map<String, Integer> named = new java.util.LinkedHashMap<>();
        counts.forEach((key, n) -> named.put(key.name(), n));
        return named;
    }

    private static void horizontalBars(StringBuilder html, String id, Map<String, Integer> bars, int max, String color) {
        horizontalBars(html, id, bars, max, color, String::valueOf);
    }

    private static void horizontalBars(StringBuilder html, String id, Map<String, Integer> bars, int max, String color,
                                       java.util.function.IntFunction<String> label) {
        int rowHeight = 26;
        int width = 720;
        int labelWidth = 160;
        int height = bars.size() * rowHeight + 10;
        html.append("<svg class=\"chart\" id=\"").append(id).append("\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\">\n");
        int y = 5;
        for (Map.Entry<String, Integer> bar : bars.entrySet()) {
            int length = max == 0 ? 0 : (int) Math.round((width - labelWidth - 80) * (double) bar.getValue() / max);
            html.append("<text x=\"0\" y=\"").append(y + 16).append("\">").append(escape(bar.getKey())).append("</text>")
                    .append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y + 3).append("\" width=\"")
                    .append(Math.max(length, 1)).append("\" height=\"18\" fill=\"").append(color).append("\"><title>")
                    .append(escape(bar.getKey())).append(": ").append(label.apply(bar.getValue())).append("</title></rect>")
                    .append("<text x=\"").append(labelWidth + Math.max(length, 1) + 6).append("\" y=\"").append(y + 16)
                    .append("\">").append(escape(label.apply(bar.getValue()))).append("</text>\n");
            y += rowHeight;
        }
        html.append("</svg>\n");
    }

    private static void tasksPerDay(StringBuilder html, Funnel funnel) {
        List<LocalDate> days = funnel.days();
        int max = 1;
        for (Map<TaskKind, Integer> day : funnel.tasksByDay().values()) {
            max = Math.max(max, day.values().stream().mapToInt(Integer::intValue).sum());
        }
        int chartHeight = 220;
        double barWidth = Math.max(2, Math.min(12, 860.0 / Math.max(days.size(), 1)));
        int width = (int) Math.ceil(40 + barWidth * days.size());
        html.append("<div class=\"legend\">");
        for (TaskKind kind : TaskKind.values()) {
            html.append("<span><i style=\"background:").append(KIND_COLORS[kind.ordinal()]).append("\"></i>")
                    .append(kind).append("</span>");
        }
        html.append("</div>\n<svg class=\"chart\" id=\"tasks-chart\" width=\"").append(width).append("\" height=\"")
                .append(chartHeight + 30).append("\" viewBox=\"0 0 ").append(width).append(' ').append(chartHeight + 30)
                .append("\" role=\"img\">\n");
        html.append("<text x=\"0\" y=\"12\">").append(max).append("</text>\n");
        for (int i = 0; i < days.size(); i++) {
            Map<TaskKind, Integer> counts = funnel.tasksByDay().getOrDefault(days.get(i), Map.of());
            double x = 40 + i * barWidth;
            double top = chartHeight;
            for (TaskKind kind : TaskKind.values()) {
                int n = counts.getOrDefault(kind, 0);
                if (n == 0) {
                    continue;
                }
                double h = (double) chartHeight * n / max;
                top -= h;
                html.append(String.format(java.util.Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %d</title></rect>%n",
                        x, top, Math.max(barWidth - 1, 1), h, KIND_COLORS[kind.ordinal()], days.get(i), kind, n));
            }
            if (i % 7 == 0) {
                html.append(String.format(java.util.Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n", x, chartHeight + 16,
                        days.get(i).toString().substring(5)));
            }
        }
        html.append("</svg>\n");
    }

    private static void outputPerMonth(StringBuilder html, Funnel funnel) {
        Map<String, Integer> bars = new java.util.LinkedHashMap<>();
        int max = 1;
        for (Map.Entry<YearMonth, Money> month : funnel.gmvByMonth().entrySet()) {
            BigDecimal perCustomer = funnel.customers() == 0 ? BigDecimal.ZERO
                    : month.getValue().amount().divide(BigDecimal.valueOf(funnel.customers()), 2, RoundingMode.HALF_EVEN);
            int cents = perCustomer.movePointRight(2).intValue();
            bars.put(month.getKey().toString(), cents);
            max = Math.max(max, cents);
        }
        horizontalBars(html, "output-chart", bars, max, "#ea580c",
                cents -> "¥" + BigDecimal.valueOf(cents).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
