package dev.siyu.report;

import dev.siyu.model.Money;
import dev.siyu.model.TaskKind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The operations report as one self-contained HTML page: no network, no script, charts as inline SVG
 * that scale with the screen (a phone, WeCom's built-in browser, a desktop), Chinese labels with a
 * font stack that finds a CJK font on Windows, macOS and Linux.
 *
 * <p>Stateless and thread-safe.
 */
public final class HtmlReport {
    /** The colour of a default kind by its place in {@link TaskKind#values()}; kinds a pack declares share the last. */
    private static String kindColor(TaskKind kind) {
        int index = java.util.Arrays.asList(TaskKind.values()).indexOf(kind);
        return KIND_COLORS[index < 0 ? KIND_COLORS.length - 1 : Math.min(index, KIND_COLORS.length - 1)];
    }

    private static final String[] KIND_COLORS = {"#2563eb", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04",
            "#dc2626", "#db2777", "#65a30d", "#475569"};
    private static final String[] STEP_COLORS = {"#94a3b8", "#60a5fa", "#2563eb", "#16a34a", "#9333ea"};
    /** Fonts with Chinese glyphs on each platform, then the generic family. */
    static final String FONTS = "-apple-system,BlinkMacSystemFont,'PingFang SC','Hiragino Sans GB','Microsoft YaHei',"
            + "'Segoe UI','Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','WenQuanYi Micro Hei',sans-serif";
    /** Bar charts: narrow enough that their labels stay readable when a phone scales them down. */
    private static final int WIDTH = 480;
    /** Charts over time: wider, with larger text. */
    private static final int WIDE = 720;

    private HtmlReport() {
    }

    /** The page of {@code report}, titled {@code title}, with a paragraph per note. */
    public static String render(OperationsReport report, String title, List<String> notes) {
        Funnel funnel = report.funnel();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:").append(FONTS).append(";margin:0 auto;padding:12px 16px;max-width:960px;")
                .append("color:#111;line-height:1.45}\n")
                .append("h1{font-size:21px;margin:8px 0}h2{font-size:17px;margin:28px 0 8px}p{margin:4px 0}\n")
                .append(".kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px}\n")
                .append(".kpi{border:1px solid #ddd;border-radius:8px;padding:8px 12px}.kpi b{display:block;font-size:19px}\n")
                .append(".kpi small{color:#555}.up{color:#15803d}.down{color:#b91c1c}\n")
                .append("svg.chart{display:block;width:100%;height:auto;max-width:").append(WIDTH).append("px}\n")
                .append("svg.wide{max-width:").append(WIDE).append("px}\n")
                .append("svg text{font-size:14px;fill:#333;font-family:").append(FONTS).append("}svg.wide text{font-size:18px}\n")
                .append(".scroll{overflow-x:auto;max-width:100%}table{border-collapse:collapse;font-size:14px;width:100%}\n")
                .append("th,td{border-bottom:1px solid #e5e7eb;padding:4px 8px;text-align:right;white-space:nowrap}\n")
                .append("th:first-child,td:first-child{text-align:left}th{background:#f8fafc}\n")
                .append(".legend span{display:inline-block;margin-right:12px;font-size:13px}\n")
                .append(".legend i{display:inline-block;width:10px;height:10px;margin-right:4px}\n.note{color:#555;font-size:13px}\n")
                .append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n<p>").append(report.from()).append(" – ")
                .append(report.to()).append("（上期 ").append(report.previous().from()).append(" – ")
                .append(report.previous().to()).append("）</p>\n");
        for (String note : notes) {
            html.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
        }
        kpis(html, report);

        html.append("<h2>漏斗 Funnel</h2>\n");
        Map<String, Integer> steps = new LinkedHashMap<>();
        funnel.steps().forEach((step, n) -> steps.put(zh(step), n));
        horizontalBars(html, "funnel-chart", steps, funnel.customers(), "#2563eb", OperationsReport::count);
        conversion(html, report);

        html.append("<h2>负责人 Work and response times per owner</h2>\n");
        owners(html, report);
        html.append("<h2>来源 Results by acquisition source</h2>\n");
        sources(html, report);
        html.append("<h2>漏斗趋势 Funnel week by week</h2>\n");
        funnelOverTime(html, report);
        html.append("<h2>周队列 Weekly cohorts of new friends</h2>\n");
        cohorts(html, report);

        html.append("<h2>生命周期 Lifecycle stage</h2>\n");
        Map<String, Integer> stages = new LinkedHashMap<>();
        funnel.stage().forEach((stage, n) -> stages.put(Labels.of(stage), n));
        horizontalBars(html, "stage-chart", stages, funnel.customers(), "#16a34a", OperationsReport::count);
        html.append("<h2>客户分层 Engagement level</h2>\n");
        Map<String, Integer> levels = new LinkedHashMap<>();
        funnel.engagement().forEach((level, n) -> levels.put(Labels.of(level), n));
        horizontalBars(html, "engagement-chart", levels, funnel.customers(), "#0891b2", OperationsReport::count);
        html.append("<h2>会员等级 Tier</h2>\n");
        Map<String, Integer> tiers = new LinkedHashMap<>();
        funnel.tier().forEach((tier, n) -> tiers.put(Labels.of(tier), n));
        horizontalBars(html, "tier-chart", tiers, funnel.customers(), "#9333ea", OperationsReport::count);
        html.append("<h2>每日任务 Tasks per day by kind</h2>\n");
        tasksPerDay(html, funnel);
        html.append("<h2>单粉产出 Output per customer per month</h2>\n");
        outputPerMonth(html, funnel);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    /** The Chinese part of a funnel step's label ("buyers 成交" → "成交"). */
    private static String zh(String step) {
        int space = step.lastIndexOf(' ');
        return space < 0 ? step : step.substring(space + 1);
    }

    private static void kpis(StringBuilder html, OperationsReport report) {
        Funnel funnel = report.funnel();
        OperationsReport.Period now = report.current();
        OperationsReport.Period before = report.previous();
        html.append("<div class=\"kpis\">\n");
        kpi(html, "好友 friends", OperationsReport.count(funnel.customers()), "");
        kpi(html, "新增好友 new friends", OperationsReport.count(now.newFriends()), delta(now.newFriends(), before.newFriends()));
        kpi(html, "新成交 new buyers", OperationsReport.count(now.newBuyers()), delta(now.newBuyers(), before.newBuyers()));
        kpi(html, "订单 orders", OperationsReport.count(now.orders()), delta(now.orders(), before.orders()));
        kpi(html, "GMV 成交额", OperationsReport.yuan(now.gmv()), delta(now.gmv(), before.gmv()));
        kpi(html, "客单价 average order", OperationsReport.yuan(funnel.averageOrderValue()), "");
        kpi(html, "首单率 first-order rate", Funnel.pct(funnel.firstOrderRate()), "");
        kpi(html, "复购率 repeat rate", Funnel.pct(funnel.repeatRate()), "");
        kpi(html, "会员率 VIP rate", Funnel.pct(funnel.vipRate()), "");
        kpi(html, "单粉月产出 output / month", OperationsReport.yuan(funnel.outputPerCustomerPerMonth()), "");
        html.append("</div>\n");
    }

    private static String delta(long now, long before) {
        if (before == 0) {
            return "上期 0";
        }
        BigDecimal change = BigDecimal.valueOf(now - before).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(before), 1, RoundingMode.HALF_EVEN);
        String arrow = change.signum() >= 0 ? "<span class=\"up\">▲ " : "<span class=\"down\">▼ ";
        return arrow + change.abs() + "%</span> 上期 " + OperationsReport.count(before);
    }

    private static String delta(Money now, Money before) {
        if (before.amount().signum() == 0) {
            return "上期 ¥0.00";
        }
        BigDecimal change = now.amount().subtract(before.amount()).multiply(BigDecimal.valueOf(100))
                .divide(before.amount(), 1, RoundingMode.HALF_EVEN);
        String arrow = change.signum() >= 0 ? "<span class=\"up\">▲ " : "<span class=\"down\">▼ ";
        return arrow + change.abs() + "%</span> 上期 " + OperationsReport.yuan(before);
    }

    private static void kpi(StringBuilder html, String label, String value, String comparison) {
        html.append("<div class=\"kpi\">").append(escape(label)).append("<b>").append(escape(value)).append("</b>");
        if (!comparison.isEmpty()) {
            html.append("<small>").append(comparison).append("</small>");
        }
        html.append("</div>\n");
    }

    private static void conversion(StringBuilder html, OperationsReport report) {
        html.append("<div class=\"scroll\"><table id=\"conversion\">\n<tr><th>环节 step</th><th>人数 from</th>")
                .append("<th>到达 reached</th><th>转化率 conversion</th></tr>\n");
        for (OperationsReport.Conversion step : report.conversion()) {
            html.append("<tr><td>").append(escape(zh(step.from()))).append(" → ").append(escape(zh(step.to())))
                    .append("</td><td>").append(OperationsReport.count(step.fromCount())).append("</td><td>")
                    .append(OperationsReport.count(step.toCount())).append("</td><td>")
                    .append(OperationsReport.percent(step.rate())).append("</td></tr>\n");
        }
        html.append("</table></div>\n");
    }

    private static void owners(StringBuilder html, OperationsReport report) {
        boolean sla = report.owners().stream().anyMatch(o -> o.greetingSla().isPresent());
        html.append("<div class=\"scroll\"><table id=\"owners\">\n<tr><th>负责人 owner</th><th>客户</th><th>成交</th>")
                .append("<th>GMV</th><th>任务 tasks</th>");
        if (sla) {
            html.append("<th>欢迎 greetings</th><th>欢迎及时率</th><th>待回复</th><th>回复及时率</th>");
        }
        html.append("</tr>\n");
        for (OperationsReport.OwnerRow row : report.owners()) {
            html.append("<tr><td>").append(escape(row.owner())).append("</td><td>").append(OperationsReport.count(row.customers()))
                    .append("</td><td>").append(OperationsReport.count(row.buyers())).append("</td><td>")
                    .append(OperationsReport.yuan(row.gmv())).append("</td><td>").append(OperationsReport.count(row.tasks()))
                    .append("</td>");
            if (sla) {
                html.append("<td>").append(row.greetings().map(OperationsReport::count).orElse("–")).append("</td><td>")
                        .append(row.greetingSla().map(OperationsReport::percent).orElse("–")).append("</td><td>")
                        .append(row.repliesOwed().map(OperationsReport::count).orElse("–")).append("</td><td>")
                        .append(row.replySla().map(OperationsReport::percent).orElse("–")).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table></div>\n");
        html.append(sla
                ? "<p class=\"note\">及时率: greetings sent within 30 minutes, replies within 5 minutes (docs/playbook.md §6).</p>\n"
                : "<p class=\"note\">Response times need the decisions of a run (siyu simulate, or a decisions file "
                        + "written by siyu evaluate); a file of customer states does not keep them.</p>\n");
    }

    private static void sources(StringBuilder html, OperationsReport report) {
        html.append("<div class=\"scroll\"><table id=\"sources\">\n<tr><th>来源 source</th><th>好友</th><th>沟通+</th>")
                .append("<th>成交</th><th>复购</th><th>会员</th><th>首单率</th><th>GMV</th></tr>\n");
        Map<String, Integer> rates = new LinkedHashMap<>();
        for (OperationsReport.SourceRow row : report.sources()) {
            html.append("<tr><td>").append(escape(Labels.source(row.source()))).append(" <small>")
                    .append(escape(row.source())).append("</small></td><td>").append(OperationsReport.count(row.friends()))
                    .append("</td><td>").append(OperationsReport.count(row.conversing())).append("</td><td>")
                    .append(OperationsReport.count(row.buyers())).append("</td><td>").append(OperationsReport.count(row.repeat()))
                    .append("</td><td>").append(OperationsReport.count(row.vip())).append("</td><td>")
                    .append(OperationsReport.percent(row.firstOrderRate())).append("</td><td>")
                    .append(OperationsReport.yuan(row.gmv())).append("</td></tr>\n");
            rates.put(Labels.source(row.source()), row.firstOrderRate().movePointRight(3).intValue());
        }
        html.append("</table></div>\n");
        int max = rates.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        html.append("<p class=\"note\">首单率 first-order rate by source:</p>\n");
        horizontalBars(html, "source-chart", rates, Math.max(max, 1), "#16a34a",
                permille -> BigDecimal.valueOf(permille).movePointLeft(1).setScale(1, RoundingMode.UNNECESSARY) + "%");
    }

    private static void funnelOverTime(StringBuilder html, OperationsReport report) {
        List<OperationsReport.WeekPoint> points = report.weeks();
        String[] names = {"好友", "沟通+", "报价+", "成交", "复购"};
        int height = 240;
        int left = 56;
        int right = 16;
        int max = Math.max(1, points.stream().mapToInt(OperationsReport.WeekPoint::friends).max().orElse(1));
        html.append("<div class=\"legend\">");
        for (int s = 0; s < names.length; s++) {
            html.append("<span><i style=\"background:").append(STEP_COLORS[s]).append("\"></i>").append(names[s]).append("</span>");
        }
        html.append("</div>\n<svg class=\"chart wide\" id=\"funnel-time-chart\" viewBox=\"0 0 ").append(WIDE).append(' ')
                .append(height + 30).append("\" preserveAspectRatio=\"xMinYMin meet\" role=\"img\">\n");
        html.append("<text x=\"0\" y=\"12\">").append(OperationsReport.count(max)).append("</text><text x=\"0\" y=\"")
                .append(height).append("\">0</text>\n");
        double step = points.size() <= 1 ? 0 : (double) (WIDE - left - right) / (points.size() - 1);
        for (int s = 0; s < names.length; s++) {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < points.size(); i++) {
                OperationsReport.WeekPoint p = points.get(i);
                int value = switch (s) {
                    case 0 -> p.friends();
                    case 1 -> p.conversing();
                    case 2 -> p.quoted();
                    case 3 -> p.buyers();
                    default -> p.repeat();
                };
                double x = left + i * step;
                double y = height - (double) (height - 10) * value / max;
                path.append(i == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                html.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %s: %s</title></circle>%n",
                        x, y, STEP_COLORS[s], p.day(), names[s], OperationsReport.count(value)));
            }
            html.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(STEP_COLORS[s])
                    .append("\" stroke-width=\"2\"/>\n");
        }
        for (int i = 0; i < points.size(); i += Math.max(1, points.size() / 6)) {
            html.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    left + i * step, height + 18, points.get(i).day().toString().substring(5)));
        }
        html.append("</svg>\n");
    }

    private static void cohorts(StringBuilder html, OperationsReport report) {
        html.append("<div class=\"scroll\"><table id=\"cohorts\">\n<tr><th>加好友周 week added</th><th>人数</th>")
                .append("<th>沟通+</th><th>报价+</th><th>成交</th><th>复购</th></tr>\n");
        for (OperationsReport.CohortRow row : report.cohorts()) {
            html.append("<tr><td>").append(row.week()).append("</td><td>").append(OperationsReport.count(row.added()))
                    .append("</td><td>").append(OperationsReport.percent(row.conversing())).append("</td><td>")
                    .append(OperationsReport.percent(row.quoted())).append("</td><td>")
                    .append(OperationsReport.percent(row.bought())).append("</td><td>")
                    .append(OperationsReport.percent(row.repeat())).append("</td></tr>\n");
        }
        html.append("</table></div>\n<p class=\"note\">What each week's new friends had become by ")
                .append(report.to()).append(".</p>\n");
    }

    private static void horizontalBars(StringBuilder html, String id, Map<String, Integer> bars, int max, String color,
                                       IntFunction<String> label) {
        int rowHeight = 28;
        int labelWidth = 90;
        int height = bars.size() * rowHeight + 10;
        html.append("<svg class=\"chart\" id=\"").append(id).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" preserveAspectRatio=\"xMinYMin meet\" role=\"img\">\n");
        int y = 5;
        for (Map.Entry<String, Integer> bar : bars.entrySet()) {
            int length = max == 0 ? 0 : (int) Math.round((WIDTH - labelWidth - 120) * (double) bar.getValue() / max);
            html.append("<text x=\"0\" y=\"").append(y + 17).append("\">").append(escape(bar.getKey())).append("</text>")
                    .append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y + 3).append("\" width=\"")
                    .append(Math.max(length, 1)).append("\" height=\"20\" fill=\"").append(color).append("\"><title>")
                    .append(escape(bar.getKey())).append(": ").append(escape(label.apply(bar.getValue()))).append("</title></rect>")
                    .append("<text x=\"").append(labelWidth + Math.max(length, 1) + 6).append("\" y=\"").append(y + 17)
                    .append("\">").append(escape(label.apply(bar.getValue()))).append("</text>\n");
            y += rowHeight;
        }
        html.append("</svg>\n");
    }

    /**
     * Stacked bars per day. The scale follows the ordinary days (the 90th percentile of the daily
     * totals, with room above): a holiday greeting to every customer would flatten the rest, so a
     * taller day is cut at the top and labelled with its total.
     */
    private static void tasksPerDay(StringBuilder html, Funnel funnel) {
        List<LocalDate> days = funnel.days();
        List<Integer> totals = new ArrayList<>();
        for (LocalDate day : days) {
            totals.add(funnel.tasksByDay().getOrDefault(day, Map.of()).values().stream().mapToInt(Integer::intValue).sum());
        }
        List<Integer> sorted = totals.stream().sorted().toList();
        int p90 = sorted.isEmpty() ? 1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(sorted.size() * 0.9)));
        int max = Math.max(1, (int) Math.ceil(p90 * 1.25));
        int chartHeight = 220;
        int top = 18;
        double barWidth = (double) (WIDE - 50) / Math.max(days.size(), 1);
        html.append("<div class=\"legend\">");
        for (TaskKind kind : TaskKind.values()) {
            html.append("<span><i style=\"background:").append(kindColor(kind)).append("\"></i>")
                    .append(Labels.of(kind)).append("</span>");
        }
        html.append("</div>\n<svg class=\"chart wide\" id=\"tasks-chart\" viewBox=\"0 0 ").append(WIDE).append(' ')
                .append(chartHeight + top + 30).append("\" preserveAspectRatio=\"xMinYMin meet\" role=\"img\">\n");
        html.append("<text x=\"0\" y=\"").append(top + 10).append("\">").append(OperationsReport.count(max))
                .append("</text><text x=\"0\" y=\"").append(top + chartHeight).append("\">0</text>\n");
        for (int i = 0; i < days.size(); i++) {
            Map<TaskKind, Integer> counts = funnel.tasksByDay().getOrDefault(days.get(i), Map.of());
            double x = 50 + i * barWidth;
            double y = top + chartHeight;
            double scale = (double) chartHeight / Math.max(max, totals.get(i));
            if (totals.get(i) > max) {
                scale = (double) chartHeight / totals.get(i);
                html.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">▲%s</text>%n",
                        x + barWidth / 2, top - 4, OperationsReport.count(totals.get(i))));
            } else {
                scale = (double) chartHeight / max;
            }
            for (TaskKind kind : TaskKind.values()) {
                int n = counts.getOrDefault(kind, 0);
                if (n == 0) {
                    continue;
                }
                double h = scale * n;
                y -= h;
                html.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %s</title></rect>%n",
                        x, y, Math.max(barWidth - 1, 1), h, kindColor(kind), days.get(i), Labels.of(kind),
                        OperationsReport.count(n)));
            }
            if (i % 7 == 0) {
                html.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n", x, top + chartHeight + 18,
                        days.get(i).toString().substring(5)));
            }
        }
        html.append("</svg>\n<p class=\"note\">Days taller than the scale (holiday greetings to every customer) are "
                + "drawn to the top and marked ▲ with their total.</p>\n");
    }

    private static void outputPerMonth(StringBuilder html, Funnel funnel) {
        Map<String, Integer> bars = new LinkedHashMap<>();
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
