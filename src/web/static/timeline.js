// The time control: a histogram of events per day, week or month, a two-handle
// range that filters the map, and a play button that walks the range forward.
import { clear, s } from './dom.js';
import { fromDay } from './model.js';

const PLAY_STEP_MS = 700;

export function createTimeline({ svg, fromInput, toInput, playButton, output, onChange }) {
  let start = 0;
  let binDays = 1;
  let bins = 1;
  let timer = null;
  let counts = [];

  const range = () => {
    const a = Number(fromInput.value);
    const b = Number(toInput.value);
    return {
      from: start + a * binDays,
      to: start + (b + 1) * binDays - 1,
      full: a === 0 && b === bins - 1,
    };
  };

  const describe = () => {
    const r = range();
    output.value = `${fromDay(r.from)} – ${fromDay(r.to)}${r.full ? ' (all)' : ''}`;
    fromInput.setAttribute('aria-valuetext', fromDay(r.from));
    toInput.setAttribute('aria-valuetext', fromDay(r.to));
  };

  const changed = () => {
    describe();
    draw();
    onChange(range());
  };

  fromInput.addEventListener('input', () => {
    if (Number(fromInput.value) > Number(toInput.value)) toInput.value = fromInput.value;
    changed();
  });
  toInput.addEventListener('input', () => {
    if (Number(toInput.value) < Number(fromInput.value)) fromInput.value = toInput.value;
    changed();
  });

  const stop = () => {
    clearInterval(timer);
    timer = null;
    playButton.textContent = '▶';
    playButton.setAttribute('aria-label', 'Play through time');
  };

  const step = () => {
    const a = Number(fromInput.value);
    const b = Number(toInput.value);
    if (b >= bins - 1) return stop();
    fromInput.value = String(a + 1);
    toInput.value = String(b + 1);
    changed();
  };

  playButton.addEventListener('click', () => {
    if (timer) return stop();
    // Start from the beginning with a window of a sixth of the timeline (or the one already chosen).
    if (range().full || Number(toInput.value) >= bins - 1) {
      fromInput.value = '0';
      toInput.value = String(Math.max(0, Math.ceil(bins / 6) - 1));
      changed();
    }
    playButton.textContent = '❚❚';
    playButton.setAttribute('aria-label', 'Pause');
    timer = setInterval(step, PLAY_STEP_MS);
  });

  function draw() {
    clear(svg);
    const width = svg.clientWidth || 800;
    const height = svg.clientHeight || 60;
    const axis = 14;
    const max = Math.max(1, ...counts);
    const barWidth = width / bins;
    const { from, to } = range();
    counts.forEach((count, i) => {
      const day = start + i * binDays;
      const selected = day + binDays - 1 >= from && day <= to;
      const barHeight = count === 0 ? 0 : Math.max(2, (count / max) * (height - axis - 4));
      svg.append(s('rect', {
        x: (i * barWidth + 0.5).toFixed(1), y: (height - axis - barHeight).toFixed(1),
        width: Math.max(1, barWidth - 1).toFixed(1), height: barHeight.toFixed(1),
        class: selected ? 'bar selected' : 'bar',
      }, s('title', {}, `${fromDay(day)}: ${count} event${count === 1 ? '' : 's'}`)));
    });
    // A tick at each month start (each year start when the months would crowd).
    const first = new Date(start * 86_400_000);
    const months = (bins * binDays) / 30;
    const every = months > 24 ? 12 : months > 12 ? 3 : 1;
    for (let m = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1)); ; m.setUTCMonth(m.getUTCMonth() + every)) {
      const day = Math.floor(m.getTime() / 86_400_000);
      if (day > start + bins * binDays) break;
      const x = ((day - start) / binDays) * barWidth;
      svg.append(s('line', { x1: x.toFixed(1), x2: x.toFixed(1), y1: String(height - axis), y2: String(height - axis + 4), class: 'tick' }));
      svg.append(s('text', { x: (x + 2).toFixed(1), y: String(height - 2), class: 'tick-label' }, fromDay(day).slice(0, 7)));
    }
  }

  return {
    /** Sets the days the timeline spans; the bin size follows from the span. */
    setDomain(firstDay, lastDay) {
      const span = lastDay - firstDay + 1;
      binDays = span <= 120 ? 1 : span <= 800 ? 7 : 30;
      start = firstDay;
      bins = Math.max(1, Math.ceil(span / binDays));
      for (const input of [fromInput, toInput]) input.max = String(bins - 1);
      fromInput.value = '0';
      toInput.value = String(bins - 1);
      describe();
    },
    /** Selects the bins holding these days (from the URL). */
    select(fromIso, toIso) {
      const index = (iso, fallback) => {
        if (!iso) return fallback;
        const day = Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
        return Math.min(bins - 1, Math.max(0, Math.floor((day - start) / binDays)));
      };
      fromInput.value = String(index(fromIso, 0));
      toInput.value = String(Math.max(Number(fromInput.value), index(toIso, bins - 1)));
      describe();
    },
    /** Redraws the bars for these event day ranges (each counted in the bin of its first day). */
    setCounts(dayRanges) {
      counts = new Array(bins).fill(0);
      for (const d of dayRanges) {
        const i = Math.floor((d.from - start) / binDays);
        if (i >= 0 && i < bins) counts[i]++;
      }
      draw();
    },
    range,
    redraw: draw,
    stop,
  };
}
