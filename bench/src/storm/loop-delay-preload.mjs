// Loaded into the chat server with `--import` by the storm benchmark: every 250 ms it appends the
// event-loop delay of the interval (perf_hooks histogram, 10 ms resolution) to the file named by
// BENCH_LOOP_DELAY_FILE, as `epochMs max p99 mean` in ms. The histogram records the time between
// ticks of its 10 ms timer, so the resolution is taken off: an idle loop reads 0. Writing is
// synchronous but a few bytes four times a second; the timer is unref'd.
// Plain JavaScript (type-checked): the benchmarks run the built server, without a TypeScript loader.
// @ts-check
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.BENCH_LOOP_DELAY_FILE;
if (file) {
  const resolutionMs = 10;
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  const ms = (/** @type {number} */ ns) => Math.max(0, ns / 1e6 - resolutionMs).toFixed(2);
  const timer = setInterval(() => {
    if (histogram.count > 0) {
      const line = `${Date.now()} ${ms(histogram.max)} ${ms(histogram.percentile(99))} ${ms(histogram.mean)}\n`;
      appendFileSync(file, line);
    }
    histogram.reset();
  }, 250);
  timer.unref();
}
