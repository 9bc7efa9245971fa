package org.qat4j.examples.report;

import java.util.Locale;

/** Number formats shared by tables, summaries and reports (always with a dot as decimal separator). */
public final class Formats {

    private Formats() {
    }

    /**
     * @param fraction an accuracy in [0, 1]
     * @return percent with two decimals, e.g. "97.50 %"
     */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    /**
     * @param fraction an accuracy difference
     * @return signed percentage points with two decimals, e.g. "-0.25 pp"
     */
    public static String points(double fraction) {
        return String.format(Locale.ROOT, "%+.2f pp", 100 * fraction);
    }

    /**
     * @param bytes a size
     * @return the size in bytes with thousands separators, e.g. "12,345 B"
     */
    public static String bytes(long bytes) {
        return String.format(Locale.ROOT, "%,d B", bytes);
    }

    /**
     * @param perSecond a rate
     * @return rounded with thousands separators, e.g. "1,234 img/s"
     */
    public static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f img/s", perSecond);
    }

    /**
     * @param nanos a duration
     * @return seconds with one decimal, e.g. "12.3 s"
     */
    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
