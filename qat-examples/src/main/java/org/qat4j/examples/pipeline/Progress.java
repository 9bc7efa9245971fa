package org.qat4j.examples.pipeline;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars for long work: count, percentage, elapsed time and ETA, with an extra message
 * (epoch and loss during training). On a terminal the bar redraws in place on standard error;
 * in a log it prints one line every {@value #LOG_INTERVAL_MILLIS} ms and one at the end.
 */
public final class Progress {

    /** How often a bar is printed when the output is not a terminal. */
    public static final int LOG_INTERVAL_MILLIS = 10_000;

    private Progress() {
    }

    /**
     * @param io where to draw
     * @param task the label in front of the bar
     * @param max the number of steps
     * @param unit what a step is ("batches", "images")
     * @return a started bar; close it when the work ends
     */
    public static ProgressBar start(ConsoleOutput io, String task, long max, String unit) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII).showSpeed();
        if (io.interactive()) {
            b.setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250);
        } else {
            b.setConsumer(new DelegatingProgressBarConsumer(line -> {
                io.err().println(line.strip());
                io.err().flush();
            }, 120)).setUpdateIntervalMillis(LOG_INTERVAL_MILLIS);
        }
        return b.build();
    }
}
