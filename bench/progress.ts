/** Progress lines for long bench steps: every 5% (at most every 2 s), with rate and time left. */
export function progress(label: string, total: number, log: (line: string) => void) {
  const started = performance.now();
  let done = 0;
  let lastPrinted = 0;
  return (n = 1) => {
    done += n;
    const now = performance.now();
    if (done < total && now - lastPrinted < 2000 && done % Math.max(1, Math.ceil(total / 20)) !== 0) return;
    lastPrinted = now;
    const seconds = (now - started) / 1000;
    const rate = done / seconds;
    const left = rate > 0 ? (total - done) / rate : 0;
    log(`${label}: ${done}/${total} (${Math.round((done / total) * 100)}%), ${rate.toFixed(1)}/s, ${Math.round(left)} s left`);
  };
}
